import GRDB

extension GatewayStateStorage {
    /// Opens the database, creating it when missing, and brings its schema up to date.
    ///
    /// A file is opened as a WAL `DatabasePool` with `synchronous = NORMAL`: every committed write survives a
    /// crash of the gateway process (what the batch journal is for); the last commits before a power loss
    /// may not. Another process on the same file waits up to 10 s for the write lock instead of failing.
    func openMigratedWriter() throws -> any DatabaseWriter {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        let writer: any DatabaseWriter
        switch self {
        case .inMemory:
            writer = try DatabaseQueue(configuration: configuration)
        case .file(let path):
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
            writer = try DatabasePool(path: path, configuration: configuration)
        }
        try GatewayStateMigrations.migrator.migrate(writer)
        return writer
    }
}
