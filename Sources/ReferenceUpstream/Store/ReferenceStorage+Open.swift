import GRDB

extension ReferenceStorage {
    /// Opens the database, creating it when missing; ``ReferenceService`` migrates and seeds it.
    func openWriter() throws -> any DatabaseWriter {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // Another process (or another service instance) on the same file waits instead of failing.
        configuration.busyMode = .timeout(10)
        switch self {
        case .inMemory:
            return try DatabaseQueue(configuration: configuration)
        case .file(let path):
            return try DatabasePool(path: path, configuration: configuration)
        }
    }
}
