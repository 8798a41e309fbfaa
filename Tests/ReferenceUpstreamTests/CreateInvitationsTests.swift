import Foundation
import InvitationCore
import Testing

@testable import ReferenceUpstream

@Suite("createInvitations")
struct CreateInvitationsTests {
    @Test func createdInvitationCarriesEverything() async throws {
        let harness = try Harness()
        let input = CreateInvitationsInput(
            organization: acme, emails: ["ivy@example.com"], roles: ["admin", "billing"], groups: ["eng"],
            projectAssignments: [ProjectAssignment(projectID: "p1", role: "project_admin")], message: "Welcome!",
            sendEmail: false, extensions: JSONObject(["source": "test", "priority": 3]))
        let results = try await harness.service.create(input)
        #expect(results.count == 1)
        let result = try #require(results.first)
        #expect(result.outcome == .success)
        #expect(result.email == "ivy@example.com")
        let invitation = try #require(result.invitation)
        let id = try #require(invitation.id)
        #expect(id == id.lowercased())
        #expect(UUID(uuidString: id) != nil)
        #expect(invitation.status == .pending)
        #expect(invitation.email == "ivy@example.com")
        #expect(invitation.roles == ["admin", "billing"])
        #expect(invitation.groups == ["eng"])
        #expect(invitation.projectAssignments == [ProjectAssignment(projectID: "p1", role: "project_admin")])
        #expect(invitation.message == "Welcome!")
        #expect(invitation.sendEmail == false)
        #expect(invitation.extensions == JSONObject(["source": "test", "priority": 3]))
        #expect(invitation.createdAt == harness.clock.now)
        #expect(invitation.expiresAt == harness.clock.now + 7 * 24 * 60 * 60)
        #expect(invitation.inviter == Inviter(id: "ada", name: "Ada Admin", email: "ada@acme.example"))
        #expect(
            invitation.organization
                == Organization(
                    id: "acme", slug: "acme", uuid: "5b8f0e3c-2d7a-4c1e-9f4b-6a2d8c3e1f70", name: "Acme Inc.",
                    logoURL: "https://acme.example/logo.png", memberCount: 2))
        #expect(invitation.selfLink == "/v1/regions/global/organizations/acme/invitations/\(id)")
        #expect(invitation.link == nil)
        #expect(try await harness.service.get(id) == invitation)
    }

    @Test func batchAnswersEachEmailInInputOrder() async throws {
        let harness = try Harness()
        let emails = ["a@example.com", "not-an-email", "b@example.com", "A@Example.com", "max@acme.example"]
        let results = try await harness.service.invite(emails)
        #expect(results.map(\.email) == emails)
        #expect(results.map(\.outcome) == [.success, .error, .success, .error, .error])
        #expect(results[1].error?.code == .validationFailed)
        #expect(results[1].error?.fieldViolations.first?.location == "emails[1]")
        #expect(results[3].error?.code == .alreadyExists)
        #expect(results[3].error?.status == 409)
        #expect(results[4].error?.code == .alreadyExists)
    }

    @Test func secondInviteOfSameEmailIsAlreadyExists() async throws {
        let harness = try Harness()
        _ = try await harness.service.inviteOne("ivy@example.com")
        let again = try await harness.service.invite(["IVY@example.COM"])
        #expect(again.first?.outcome == .error)
        #expect(again.first?.error?.code == .alreadyExists)
        #expect(again.first?.error?.message.contains("pending invitation") == true)
    }

    @Test func sameEmailMayBeInvitedToAnotherOrganization() async throws {
        let harness = try Harness(configure: addGlobex)
        _ = try await harness.service.inviteOne("ivy@example.com")
        let other = try await harness.service.inviteOne("ivy@example.com", organization: Organization(slug: "globex"))
        #expect(other.organization.id == "globex")
    }

    @Test func memberIsAlreadyExists() async throws {
        let harness = try Harness()
        let results = try await harness.service.invite(["Max@Acme.Example"])
        #expect(results.first?.error?.code == .alreadyExists)
        #expect(results.first?.error?.message.contains("member") == true)
    }

    @Test(arguments: [Token.member, Token.invitee])
    func onlyOwnersAndAdminsMayInvite(token: String) async throws {
        let harness = try Harness()
        let error = await #expect(throws: GatewayError.self) {
            _ = try await harness.service.invite(["someone@example.com"], as: token)
        }
        #expect(error?.code == .permissionDenied)
        #expect(error?.status == 403)
        #expect(error?.requestID == "req-test")
    }

    @Test(arguments: [
        Organization(id: "acme"), Organization(slug: "acme"),
        Organization(uuid: "5B8F0E3C-2D7A-4C1E-9F4B-6A2D8C3E1F70"),
        Organization(name: "Acme Inc."), Organization(id: "Acme Inc."), Organization(name: "acme"),
    ])
    func organizationIsFoundByAnyIdentifier(organization: Organization) async throws {
        let harness = try Harness()
        let invitation = try await harness.service.inviteOne("ivy@example.com", organization: organization)
        #expect(invitation.organization.id == "acme")
    }

    @Test func unknownOrganizationIsNotFound() async throws {
        let harness = try Harness()
        let error = await #expect(throws: GatewayError.self) {
            _ = try await harness.service.invite(["ivy@example.com"], organization: Organization(slug: "nope"))
        }
        #expect(error?.code == .notFound)
    }

    @Test func requestLevelValidation() async throws {
        let harness = try Harness()
        let tooMany = (0..<51).map { "user\($0)@example.com" }
        let cases: [CreateInvitationsInput] = [
            CreateInvitationsInput(organization: Organization(), emails: ["ivy@example.com"]),
            CreateInvitationsInput(organization: acme, emails: []),
            CreateInvitationsInput(organization: acme, emails: tooMany),
            CreateInvitationsInput(
                organization: acme, emails: ["ivy@example.com"], message: String(repeating: "x", count: 501)),
        ]
        for input in cases {
            let error = await #expect(throws: GatewayError.self) { _ = try await harness.service.create(input) }
            #expect(error?.code == .validationFailed)
            #expect(error?.status == 422)
            #expect(error?.fieldViolations.isEmpty == false)
        }
        let fifty = try await harness.service.invite(Array(tooMany.prefix(50)))
        #expect(fifty.allSatisfy { $0.outcome == .success })
    }
}

/// Adds organization `globex`, where Ada is an admin, to a configuration.
func addGlobex(_ configuration: inout ReferenceConfiguration) {
    configuration.organizations.append(
        .init(
            id: "globex", slug: "globex", uuid: "0f0e0d0c-0b0a-4908-8706-050403020100", name: "Globex",
            members: [.init(userID: "ada", role: "admin")]))
}
