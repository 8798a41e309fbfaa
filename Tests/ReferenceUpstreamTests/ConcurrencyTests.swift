import Foundation
import InvitationCore
import Testing

@testable import ReferenceUpstream

@Suite("concurrent creates")
struct ConcurrencyTests {
    /// Runs `count` creates of one email (in varying case) at once across `services`; returns their results.
    func race(_ services: [ReferenceService], count: Int) async throws -> [BatchItemResult] {
        try await withThrowingTaskGroup(of: [BatchItemResult].self) { group in
            for index in 0..<count {
                let service = services[index % services.count]
                let email = index.isMultiple(of: 2) ? "race@example.com" : "RACE@example.com"
                group.addTask { try await service.invite([email]) }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }

    @Test func twentyConcurrentCreatesYieldOneInvitation() async throws {
        let harness = try Harness()
        let results = try await race([harness.service], count: 20)
        #expect(results.count == 20)
        #expect(results.filter { $0.outcome == .success }.count == 1)
        #expect(results.filter { $0.error?.code == .alreadyExists }.count == 19)
        let listed = try await harness.service.list(ListInvitationsInput(organization: acme))
        #expect(listed.invitations.count == 1)
    }

    @Test func twoServicesOnOneFileYieldOneInvitation() async throws {
        let database = TemporaryDatabase()
        defer { database.remove() }
        let first = try Harness(storage: .file(path: database.path))
        let second = try Harness(storage: .file(path: database.path))
        defer {
            try? first.service.close()
            try? second.service.close()
        }
        let results = try await race([first.service, second.service], count: 20)
        #expect(results.filter { $0.outcome == .success }.count == 1)
        #expect(results.filter { $0.error?.code == .alreadyExists }.count == 19)
    }

    @Test func theDatabaseRefusesASecondPendingRow() async throws {
        let harness = try Harness()
        let existing = try await harness.service.inviteOne("ivy@example.com")
        let row = NewInvitation(
            id: UUID().uuidString.lowercased(), organizationID: "acme", email: "IVY@EXAMPLE.COM", roles: [],
            groups: [], projectAssignments: [], message: nil, sendEmail: nil, inviterID: "ada",
            createdAt: 0, expiresAt: .max, extensions: JSONObject())
        // Bypass every Swift check: the unique partial index alone must refuse it.
        await #expect(throws: (any Error).self) { try await harness.service.writer.write { db in try db.insert(row) } }
        _ = try await harness.service.revoke(try #require(existing.id))
        try await harness.service.writer.write { db in try db.insert(row) }
    }
}
