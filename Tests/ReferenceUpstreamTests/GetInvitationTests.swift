import InvitationCore
import Testing

@testable import ReferenceUpstream

@Suite("getInvitation")
struct GetInvitationTests {
    @Test func inviteeAndAdminMayRead() async throws {
        let harness = try Harness()
        let invitation = try await harness.service.inviteOne("Ivy@Example.com")
        let id = try #require(invitation.id)
        #expect(try await harness.service.get(id, as: Token.admin) == invitation)
        #expect(try await harness.service.get(id, as: Token.invitee) == invitation)
        #expect(try await harness.service.get(id.uppercased(), as: Token.invitee) == invitation)
        #expect(try await harness.service.get(id, organization: Organization(name: "Acme Inc.")) == invitation)
    }

    @Test func plainMemberMayNotRead() async throws {
        let harness = try Harness()
        let id = try #require(try await harness.service.inviteOne("ivy@example.com").id)
        let error = await #expect(throws: GatewayError.self) { _ = try await harness.service.get(id, as: Token.member) }
        #expect(error?.code == .permissionDenied)
    }

    @Test func matchingEmailNeedsNoCredentials() async throws {
        let harness = try Harness()
        let invitation = try await harness.service.inviteOne("ivy@example.com")
        let id = try #require(invitation.id)
        #expect(try await harness.service.get(id, email: "IVY@example.com", as: nil) == invitation)
        let wrongEmail = await #expect(throws: GatewayError.self) {
            _ = try await harness.service.get(id, email: "eve@example.com", as: nil)
        }
        #expect(wrongEmail?.code == .unauthenticated)
        let unknownID = await #expect(throws: GatewayError.self) {
            _ = try await harness.service.get("4a1c7b9e-0000-4000-8000-000000000000", email: "ivy@example.com", as: nil)
        }
        #expect(unknownID?.code == .unauthenticated)
    }

    @Test func otherOrganizationOrUnknownIDIsNotFound() async throws {
        let harness = try Harness(configure: addGlobex)
        let id = try #require(try await harness.service.inviteOne("ivy@example.com").id)
        for organization in [Organization(slug: "globex"), Organization(slug: "missing")] {
            let error = await #expect(throws: GatewayError.self) {
                _ = try await harness.service.get(id, organization: organization)
            }
            #expect(error?.code == .notFound)
        }
        let unknown = await #expect(throws: GatewayError.self) { _ = try await harness.service.get("nope") }
        #expect(unknown?.code == .notFound)
    }
}
