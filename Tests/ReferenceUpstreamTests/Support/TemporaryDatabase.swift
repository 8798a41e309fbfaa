import Foundation

/// A SQLite file path under the temporary directory, removed (with its WAL and SHM files) by ``remove()``.
struct TemporaryDatabase {
    let path: String

    init() {
        path =
            FileManager.default.temporaryDirectory
            .appendingPathComponent("reference-upstream-\(UUID().uuidString).sqlite").path
    }

    func remove() {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
