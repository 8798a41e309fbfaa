import Foundation
import InvitationCore
import Testing

@testable import ReferenceUpstream

@Suite("respond, revoke and expiry")
struct LifecycleTests {
    @Test func acceptJoinsTheOrganizationWithTheFirstRole() async throws {
        let harness = try Harness()
        let invitation = try await harness.service.inviteOne("ivy@example.com", roles: ["admin", "viewer"])
        let id = try #require(invitation.id)
        let output = try await harness.service.respond(id, accept: true)
        #expect(output.accepted)
        #expect(output.organization?.id == "acme")
        #expect(output.organization?.memberCount == 3)
        #expect(output.organization?.uuid == "5b8f0e3c-2d7a-4c1e-9f4b-6a2d8c3e1f70")
        #expect(output.invitation?.status == .accepted)
        #expect(output.invitation?.organization.memberCount == 3)
        // Ivy is an admin now, so she may invite.
        let invited = try await harness.service.inviteOne("new@example.com", as: Token.invitee)
        #expect(invited.inviter?.name == "Ivy Invitee")
        // And, as a member, she cannot be invited again.
        let again = try await harness.service.invite(["ivy@example.com"])
        #expect(again.first?.error?.code == .alreadyExists)
    }

    @Test func acceptWithoutRolesJoinsAsMember() async throws {
        let harness = try Harness()
        let id = try #require(try await harness.service.inviteOne("ivy@example.com", roles: []).id)
        _ = try await harness.service.respond(id, accept: true)
        let error = await #expect(throws: GatewayError.self) {
            _ = try await harness.service.invite(["x@example.com"], as: Token.invitee)
        }
        #expect(error?.code == .permissionDenied)
    }

    @Test func doubleAcceptIsRefused() async throws {
        let harness = try Harness()
        let id = try #require(try await harness.service.inviteOne("ivy@example.com").id)
        _ = try await harness.service.respond(id, accept: true)
        let error = await #expect(throws: GatewayError.self) { _ = try await harness.service.respond(id, accept: true) }
        #expect(error?.code == .invalidRequest)
        #expect(error?.status == 400)
        #expect(error?.message == "the invitation is no longer pending: it has already been accepted")
        let members = try await harness.service.get(id).organization.memberCount
        #expect(members == 3)
    }

    @Test func declineThenAcceptIsRefused() async throws {
        let harness = try Harness()
        let id = try #require(try await harness.service.inviteOne("ivy@example.com").id)
        let declined = try await harness.service.respond(id, accept: false)
        #expect(declined.accepted == false)
        #expect(declined.organization == nil)
        #expect(declined.invitation?.status == .rejected)
        #expect(declined.invitation?.organization.memberCount == 2)
        let error = await #expect(throws: GatewayError.self) { _ = try await harness.service.respond(id, accept: true) }
        #expect(error?.code == .invalidRequest)
        #expect(error?.message.contains("declined") == true)
    }

    @Test func revokeThenAcceptIsRefused() async throws {
        let harness = try Harness()
        let id = try #require(try await harness.service.inviteOne("ivy@example.com").id)
        let revoked = try await harness.service.revoke(id, organization: Organization(slug: "acme"))
        #expect(revoked?.status == .revoked)
        let error = await #expect(throws: GatewayError.self) { _ = try await harness.service.respond(id, accept: true) }
        #expect(error?.code == .invalidRequest)
        #expect(error?.message.contains("revoked") == true)
        let twice = await #expect(throws: GatewayError.self) { _ = try await harness.service.revoke(id) }
        #expect(twice?.code == .invalidRequest)
        // A revoked invitation no longer blocks a new one.
        _ = try await harness.service.inviteOne("ivy@example.com")
    }

    @Test func revokeNeedsAnAdminAndTheRightOrganization() async throws {
        let harness = try Harness(configure: addGlobex)
        let id = try #require(try await harness.service.inviteOne("ivy@example.com").id)
        let byMember = await #expect(throws: GatewayError.self) {
            _ = try await harness.service.revoke(id, as: Token.member)
        }
        #expect(byMember?.code == .permissionDenied)
        let wrongOrganization = await #expect(throws: GatewayError.self) {
            _ = try await harness.service.revoke(id, organization: Organization(id: "globex"))
        }
        #expect(wrongOrganization?.code == .notFound)
        let unknown = await #expect(throws: GatewayError.self) {
            _ = try await harness.service.revoke("4a1c7b9e-0000-4000-8000-000000000000")
        }
        #expect(unknown?.code == .notFound)
    }

    @Test func respondingToSomeoneElsesOrAnUnknownInvitation() async throws {
        let harness = try Harness()
        let id = try #require(try await harness.service.inviteOne("ivy@example.com").id)
        let other = await #expect(throws: GatewayError.self) {
            _ = try await harness.service.respond(id, accept: true, as: Token.member)
        }
        #expect(other?.code == .permissionDenied)
        let unknown = await #expect(throws: GatewayError.self) {
            _ = try await harness.service.respond("4a1c7b9e-0000-4000-8000-000000000000", accept: true)
        }
        #expect(unknown?.code == .notFound)
        #expect(unknown?.status == 404)
    }

    @Test func pendingPastExpiryIsExpiredEverywhere() async throws {
        let harness = try Harness()
        let id = try #require(try await harness.service.inviteOne("ivy@example.com").id)
        harness.clock.advance(by: 7 * 24 * 60 * 60 - 1)
        #expect(try await harness.service.get(id).status == .pending)
        #expect(try await harness.service.listMine().invitations.count == 1)
        harness.clock.advance(by: 1)
        #expect(try await harness.service.get(id).status == .expired)
        #expect(try await harness.service.listMine().invitations.isEmpty)
        #expect(try await harness.service.listMine(status: .expired).invitations.map(\.id) == [id])
        let expired = try await harness.service.list(ListInvitationsInput(organization: acme, status: .expired))
        #expect(expired.invitations.map(\.id) == [id])
        let pending = try await harness.service.list(ListInvitationsInput(organization: acme, status: .pending))
        #expect(pending.invitations.isEmpty)

        let accept = await #expect(throws: GatewayError.self) {
            _ = try await harness.service.respond(id, accept: true)
        }
        #expect(accept?.code == .invalidRequest)
        #expect(accept?.message == "the invitation is no longer pending: it has expired")
        let revoke = await #expect(throws: GatewayError.self) { _ = try await harness.service.revoke(id) }
        #expect(revoke?.code == .invalidRequest)

        // An expired invitation does not block a new one; the stale row is marked expired in the store.
        let fresh = try await harness.service.inviteOne("ivy@example.com")
        #expect(fresh.id != id)
        #expect(fresh.expiresAt == harness.clock.now + 7 * 24 * 60 * 60)
        #expect(try await harness.service.get(id).status == .expired)
    }

    @Test func configuredExpiryIsUsed() async throws {
        let harness = try Harness { $0.invitationExpiry = 48 * 60 * 60 }
        let invitation = try await harness.service.inviteOne("ivy@example.com")
        #expect(invitation.expiresAt == harness.clock.now + 48 * 60 * 60)
    }
}
