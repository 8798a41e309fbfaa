import ArgumentParser
import Foundation
import InvitationCore

/// `invitation-gateway openapi --dialect NAME`: prints the dialect's OpenAPI 3.1 document.
struct OpenAPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract: "Print a dialect's OpenAPI 3.1 document (JSON), derived from its mapping file."
    )

    @Option(help: "The dialect to describe.") var dialect: String
    @Option(help: "The folder of mapping files.") var mappings: String = "mappings"

    func run() async throws {
        let registry: DialectRegistry
        do { registry = try DialectRegistry.load(directory: mappings) } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        guard let found = registry.dialect(named: dialect) else {
            let known = registry.dialects.map(\.name).joined(separator: ", ")
            FileHandle.standardError.write(Data("error: unknown dialect '\(dialect)'; known: \(known)\n".utf8))
            throw ExitCode(2)
        }
        FileHandle.standardOutput.write(Data(OpenAPIDocument(dialect: found).json.jsonBytes + [0x0A]))
    }
}
