import Foundation
import InvitationCore

/// The repository's mapping files, compiled once for all tests.
enum Mappings {
    static let directory: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("mappings").path
    }()

    static let registry: DialectRegistry = {
        do { return try DialectRegistry.load(directory: directory) } catch { fatalError("\(error)") }
    }()

    static func dialect(_ name: String) -> Dialect {
        guard let dialect = registry.dialect(named: name) else { fatalError("no dialect \(name)") }
        return dialect
    }

    static let names = ["inkeep", "dreadnode", "zenml", "k0rdent"]

    static func json(_ text: String) -> JSONValue {
        do { return try JSONParser.parse(text) } catch { fatalError("bad JSON in test: \(error)") }
    }
}
