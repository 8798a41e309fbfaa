/// Where the gateway keeps its state (idempotency keys, the invitation index, the batch journal): config key `state`.
///
/// ```yaml
/// state:
///   database: gateway-state.sqlite     # a SQLite file; absent: in memory, gone at exit
///   idempotencyKeySeconds: 86400       # how long an Idempotency-Key is remembered (default 24 h)
/// ```
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

    public init(database: String? = nil, idempotencyKeySeconds: Double = 24 * 60 * 60) {
        self.database = database
        self.idempotencyKeySeconds = idempotencyKeySeconds
    }

    /// The storage the database key names.
    public var storage: GatewayStateStorage {
        guard let database, database != ":memory:" else { return .inMemory }
        return .file(path: database)
    }
}
