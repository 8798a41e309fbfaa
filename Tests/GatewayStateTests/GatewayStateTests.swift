import Foundation
import InvitationCore
import InvitationGateway
import Testing

@Suite struct GatewayStateTests {
    @Test func theFakesBehaveLikeAStore() async throws {
        let state = GatewayState.fakes()
        let claim = IdempotencyClaim(key: "k", scope: Fixtures.scope, fingerprint: Fixtures.fingerprint)
        #expect(try await state.idempotency.begin(claim) == .proceed)
        try await state.idempotency.complete(claim, response: Fixtures.response)
        #expect(try await state.idempotency.begin(claim) == .replay(Fixtures.response))
        try await state.invitations.record([Invitation(id: "i")], upstream: "main")
        #expect(try await state.invitations.upstream(for: "i") == "main")
        try state.close()
    }

    @Test func allThreePartsShareOneInMemoryDatabase() async throws {
        let state = try GatewayState()
        try await state.batches.begin(
            JournaledBatch(id: "b", requestID: "r", upstream: "u", input: Fixtures.input(1), allOrNothing: false))
        try await state.invitations.record([Invitation(id: "i")], upstream: "main")
        #expect(try await state.batches.unfinishedBatches().count == 1)
        #expect(try await state.invitations.upstream(for: "i") == "main")
        // Another in-memory state is another database.
        #expect(try await GatewayState().batches.unfinishedBatches().isEmpty)
        try state.close()
    }

    @Test func reopeningAMigratedFileMigratesNothingAndKeepsData() async throws {
        let database = TemporaryDatabasePath()
        defer { database.remove() }
        for round in 0..<3 {
            let state = try GatewayState(storage: database.storage)
            try await state.invitations.record([Invitation(id: "i\(round)")], upstream: "main")
            #expect(try await state.invitations.upstream(for: "i0") == "main")
            try state.close()
        }
    }

    @Test func anUnopenableFileThrows() {
        #expect(throws: (any Error).self) {
            try GatewayState(storage: .file(path: "/nonexistent-directory-\(UUID().uuidString)/state.sqlite"))
        }
    }
}
