import Foundation
import InvitationCore
import InvitationGateway

/// A temporary SQLite path, removed (with its WAL files) by ``remove()``.
struct TemporaryDatabasePath {
    let path: String

    init() {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("gateway-state-\(UUID().uuidString).sqlite").path
    }

    var storage: GatewayStateStorage { .file(path: path) }

    func remove() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// The idempotency store implementations every behaviour test runs against.
enum IdempotencyStoreKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqliteInMemory
    case sqliteFile
    case fake

    var description: String { rawValue }

    func make(policy: IdempotencyPolicy = IdempotencyPolicy()) throws -> any IdempotencyStore {
        switch self {
        case .sqliteInMemory: try SQLiteIdempotencyStore(storage: .inMemory, policy: policy)
        case .sqliteFile: try SQLiteIdempotencyStore(storage: TemporaryDatabasePath().storage, policy: policy)
        case .fake: InMemoryIdempotencyStore(policy: policy)
        }
    }
}

/// The invitation index implementations.
enum InvitationIndexKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite
    case fake

    var description: String { rawValue }

    func make() throws -> any InvitationIndex {
        switch self {
        case .sqlite: try SQLiteInvitationIndex(storage: .inMemory)
        case .fake: InMemoryInvitationIndex()
        }
    }
}

/// The batch journal implementations.
enum BatchJournalKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite
    case fake

    var description: String { rawValue }

    func make() throws -> any BatchJournal {
        switch self {
        case .sqlite: try SQLiteBatchJournal(storage: .inMemory)
        case .fake: InMemoryBatchJournal()
        }
    }
}

enum Fixtures {
    static let t0 = Date(timeIntervalSince1970: 1_750_000_000)
    static let scope = IdempotencyScope(credentials: Credentials(authorization: "Bearer alice"), route: "inkeep create")
    static let fingerprint = RequestFingerprint(
        method: "POST", path: "/v1/orgs/acme/invitations", body: Array(#"{"emails":["a@x.io"]}"#.utf8))
    static let otherFingerprint = RequestFingerprint(
        method: "POST", path: "/v1/orgs/acme/invitations", body: Array(#"{"emails":["b@x.io"]}"#.utf8))
    static let response = StoredResponse(
        status: 201, headers: [StoredResponse.Header(name: "Content-Type", value: "application/json")],
        body: Array(#"{"id":"inv_1"}"#.utf8))

    static let organization = Organization(id: "acme", slug: "acme", name: "Acme")

    static func input(_ count: Int) -> CreateInvitationsInput {
        CreateInvitationsInput(
            organization: organization, emails: (0..<count).map { "user\($0)@example.com" }, roles: ["member"],
            message: "Welcome — ünïcödé")
    }

    static func created(_ position: Int, email: String) -> BatchItemResult {
        .success(
            Invitation(
                id: "inv-\(position)", organization: organization, email: email, roles: ["member"], status: .pending),
            email: email)
    }

    static func failed(_ email: String) -> BatchItemResult {
        .failure(
            GatewayError(code: .alreadyExists, message: "\(email) already has a pending invitation."), email: email)
    }
}

/// Revokes recorded by a fake revoker, failing for chosen invitation ids.
actor RevocationLog {
    private(set) var revoked: [BatchRevocation] = []
    let failing: Set<String>

    init(failing: Set<String> = []) { self.failing = failing }

    struct RevokeFailed: Error {}

    func revoke(_ revocation: BatchRevocation) throws {
        revoked.append(revocation)
        if failing.contains(revocation.invitationID) { throw RevokeFailed() }
    }
}
