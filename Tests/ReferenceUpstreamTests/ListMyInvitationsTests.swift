import InvitationCore
import Testing

@testable import ReferenceUpstream

@Suite("listMyInvitations")
struct ListMyInvitationsTests {
    @Test func onlyTheCallersPendingUnexpiredInvitations() async throws {
        let harness = try Harness(configure: addGlobex)
        let acmeInvite = try #require(try await harness.service.inviteOne("IVY@example.com").id)
        harness.clock.advance(by: 1)
        let globexInvite = try #require(
            try await harness.service.inviteOne("ivy@example.com", organization: Organization(id: "globex")).id)
        _ = try await harness.service.inviteOne("someone-else@example.com")
        let mine = try await harness.service.listMine()
        #expect(mine.invitations.compactMap(\.id) == [acmeInvite, globexInvite])
        #expect(mine.nextPageToken == nil)
        #expect(mine.invitations.first?.organization.name == "Acme Inc.")
        #expect(mine.invitations.first?.inviter?.name == "Ada Admin")

        _ = try await harness.service.respond(acmeInvite, accept: false)
        #expect(try await harness.service.listMine().invitations.compactMap(\.id) == [globexInvite])
        #expect(try await harness.service.listMine(status: .rejected).invitations.compactMap(\.id) == [acmeInvite])
        #expect(try await harness.service.listMine(as: Token.member).invitations.isEmpty)
    }

    @Test func namingYourOwnEmailIsFineAnotherIsDenied() async throws {
        let harness = try Harness()
        _ = try await harness.service.inviteOne("ivy@example.com")
        #expect(try await harness.service.listMine(email: "Ivy@Example.com").invitations.count == 1)
        let error = await #expect(throws: GatewayError.self) {
            _ = try await harness.service.listMine(email: "max@acme.example")
        }
        #expect(error?.code == .permissionDenied)
        #expect(error?.status == 403)
    }
}
