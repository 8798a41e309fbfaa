/// Where the reference service keeps its data.
public enum ReferenceStorage: Sendable, Hashable {
    /// A private in-memory database, gone when the service is; for tests and throwaway demos.
    case inMemory
    /// A SQLite file (created when missing, WAL mode); state survives a restart.
    case file(path: String)
}
