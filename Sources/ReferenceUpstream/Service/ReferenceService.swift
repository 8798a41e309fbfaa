import Foundation
import GRDB
import InvitationCore

/// An invitation service with the whole lifecycle and a real SQLite store: the embedded default upstream.
///
/// Errors are always ``GatewayError``s. Documented choices:
/// - Answering or revoking an invitation that is no longer pending (accepted, rejected, revoked or expired)
///   is `invalid_request` (400) with a message saying why; an unknown invitation id is `not_found` (404).
/// - Reading, answering or revoking an existing invitation one may not touch is `permission_denied` (403),
///   not `not_found`: invitation ids are random UUIDs, so the distinction tells a stranger nothing useful.
/// - `getInvitation` needs no credentials when its input's `email` is the invitation's (the public verify route).
///
/// ```swift
/// let service = try ReferenceService(configuration: .demo, storage: .file(path: "reference.sqlite"))
/// let response = try await service.perform(request, metadata: metadata)
/// try service.close()  // at shutdown
/// ```
public final class ReferenceService: InvitationService {
    /// What the service was seeded and tuned with.
    public let configuration: ReferenceConfiguration
    /// The store; tests reach in to check what the database enforces.
    let writer: any DatabaseWriter
    /// Configured users by id; the token table points into it.
    let usersByID: [String: ReferenceConfiguration.UserSeed]
    /// Set by ``close()``; requests after it are refused instead of touching a closed database.
    let closedFlag = ClosedFlag()

    /// Opens (creating when missing) and migrates the store, then seeds the configured organizations and users.
    ///
    /// - Parameters:
    ///   - configuration: the world to seed; ``ReferenceConfiguration/demo`` unless told.
    ///   - storage: `.inMemory` for tests, `.file(path:)` for state that survives a restart.
    /// - Throws: ``ReferenceConfigurationError`` for a configuration that does not hold together, or the
    ///   database's error when the file cannot be opened.
    public convenience init(
        configuration: ReferenceConfiguration = .demo, storage: ReferenceStorage = .inMemory
    ) throws {
        try configuration.validate()
        try self.init(configuration: configuration, writer: storage.openWriter())
    }

    /// Serves from an already opened database (migrated and seeded here).
    init(configuration: ReferenceConfiguration, writer: any DatabaseWriter) throws {
        try configuration.validate()
        try ReferenceMigrations.migrator.migrate(writer)
        let now = configuration.now().epochMilliseconds
        try writer.write { db in try configuration.seed(db, nowMilliseconds: now) }
        self.configuration = configuration
        self.writer = writer
        self.usersByID = Dictionary(configuration.users.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Closes the store; later requests are refused with `unavailable` (503).
    ///
    /// Reopen the same file to continue.
    ///
    /// Call it once no request is in flight (at shutdown); closing twice does nothing.
    public func close() throws {
        guard closedFlag.close() else { return }
        if let pool = writer as? DatabasePool {
            try pool.close()
        } else if let queue = writer as? DatabaseQueue {
            try queue.close()
        }
    }

    /// Performs one canonical operation; every failure is a ``GatewayError`` carrying the request id.
    public func perform(_ request: CanonicalRequest, metadata: RequestMetadata) async throws -> CanonicalResponse {
        do {
            if closedFlag.isClosed { throw ReferenceErrors.closed }
            switch request {
            case .createInvitations(let input):
                return .createInvitations(try await createInvitations(input, metadata: metadata))
            case .getInvitation(let input):
                return .getInvitation(try await getInvitation(input, metadata: metadata))
            case .listInvitations(let input):
                return .listInvitations(try await listInvitations(input, metadata: metadata))
            case .listMyInvitations(let input):
                return .listMyInvitations(try await listMyInvitations(input, metadata: metadata))
            case .respondToInvitation(let input):
                return .respondToInvitation(try await respondToInvitation(input, metadata: metadata))
            case .revokeInvitation(let input):
                return .revokeInvitation(try await revokeInvitation(input, metadata: metadata))
            }
        } catch var error as GatewayError {
            if error.requestID == nil { error.requestID = metadata.requestID }
            throw error
        } catch {
            var hidden = ReferenceErrors.internalError
            hidden.requestID = metadata.requestID
            throw hidden
        }
    }
}
