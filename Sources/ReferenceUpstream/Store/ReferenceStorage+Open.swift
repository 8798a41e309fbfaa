import GRDB

extension ReferenceStorage {
    /// Opens the database, creating it when missing, and migrates it to the current schema.
    func openWriter() throws -> any DatabaseWriter {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Another process (or another service instance) on the same file waits instead of failing.
        configuration.busyMode = .timeout(10)
        let writer: any DatabaseWriter
        switch self {
        case .inMemory:
            writer = try DatabaseQueue(configuration: configuration)
        case .file(let path):
            writer = try DatabasePool(path: path, configuration: configuration)
        }
        try ReferenceMigrations.migrator.migrate(writer)
        return writer
    }
}
