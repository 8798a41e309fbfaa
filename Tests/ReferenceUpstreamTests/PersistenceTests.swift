import Foundation
import InvitationCore
import Testing

@testable import ReferenceUpstream

@Suite("persistence")
struct PersistenceTests {
    @Test func stateSurvivesARestart() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let clock = TestClock()
        let accepted: String
        let pending: Invitation
        do {
            let first = try Harness(storage: .file(path: database.path), clock: clock)
            accepted = try #require(try await first.service.inviteOne("ivy@example.com", roles: ["admin"]).id)
            _ = try await first.service.respond(accepted, accept: true)
            pending = try await first.service.inviteOne("later@example.com")
            try first.service.close()
        }
        let second = try Harness(storage: .file(path: database.path), clock: clock)
        defer { try? second.service.close() }
        // Seeding again on open neither duplicates nor forgets members: two seeded plus Ivy.
        #expect(try await second.service.get(try #require(pending.id)) == pending)
        #expect(try await second.service.get(accepted).status == .accepted)
        #expect(try await second.service.get(accepted).organization.memberCount == 3)
        // Ivy's admin membership survived, so she may invite.
        _ = try await second.service.inviteOne("friend@example.com", as: Token.invitee)
        let duplicate = try await second.service.invite(["later@example.com"])
        #expect(duplicate.first?.error?.code == .alreadyExists)
        let all = try await second.service.list(ListInvitationsInput(organization: acme))
        #expect(all.invitations.count == 3)
    }

    @Test func changedSeedIsAppliedOnReopen() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        do {
            let first = try Harness(storage: .file(path: database.path))
            try first.service.close()
        }
        let second = try Harness(storage: .file(path: database.path)) { configuration in
            configuration.organizations[0].name = "Acme Corporation"
        }
        defer { try? second.service.close() }
        let invitation = try await second.service.inviteOne(
            "ivy@example.com", organization: Organization(name: "Acme Corporation"))
        #expect(invitation.organization.name == "Acme Corporation")
        #expect(invitation.organization.memberCount == 2)
    }
}
