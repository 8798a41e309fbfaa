/// Where the gateway keeps its state (idempotency keys, the invitation index, the batch journal): config key `state`.
///
/// ```yaml
/// state:
///   database: gateway-state.sqlite     # a SQLite file; absent: in memory, gone at exit
///   idempotencyKeySeconds: 86400       # how long an Idempotency-Key is remembered (default 24 h)
///   invitationIndexSeconds: 2592000    # how long the invitation index remembers an invitation (default 30 days)
/// ```
///
/// While the server runs, ``StateSweeper`` deletes expired keys and forgotten index entries, so state kept in
/// memory stays bounded by the traffic of those periods, not by the traffic since start.
public struct StateConfiguration: Sendable, Hashable {
    /// `state.database`: the SQLite file (created when missing).
    ///
    /// Absent (or `:memory:`): an in-memory database,
    /// so idempotency keys, the invitation index and the batch journal do not survive a restart and there is
    /// nothing for crash recovery to find.
    public var database: String?
    /// `state.idempotencyKeySeconds`: how long an `Idempotency-Key` is remembered after its first use
    /// (default 86400, 24 hours); after it, a request with that key executes as new.
    public var idempotencyKeySeconds: Double
    /// `state.invitationIndexSeconds`: how long the invitation index keeps an invitation after it last passed
    /// through the gateway (default 2592000, 30 days, longer than any dialect's invitations live).
    ///
    /// After it, an invitee-side request naming only that invitation's id is routed as for an unknown id
    /// (organization rules, then the default upstream).
    public var invitationIndexSeconds: Double

    public init(
        database: String? = nil, idempotencyKeySeconds: Double = 24 * 60 * 60,
        invitationIndexSeconds: Double = 30 * 24 * 60 * 60
    ) {
        self.database = database
        self.idempotencyKeySeconds = idempotencyKeySeconds
        self.invitationIndexSeconds = invitationIndexSeconds
    }

    /// The storage the database key names.
    public var storage: GatewayStateStorage {
        guard let database, database != ":memory:" else { return .inMemory }
        return .file(path: database)
    }
}
