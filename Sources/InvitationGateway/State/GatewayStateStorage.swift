/// Where the gateway keeps its state (idempotency keys, the invitation index, the batch journal).
public enum GatewayStateStorage: Sendable, Hashable {
    /// A private in-memory SQLite database, gone with the process; for tests and single-shot runs.
    case inMemory
    /// A SQLite file (created when missing, WAL mode); idempotency keys and journaled batches survive a restart.
    case file(path: String)
}
