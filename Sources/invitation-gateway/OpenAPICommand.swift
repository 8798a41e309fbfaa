import ArgumentParser

/// `invitation-gateway openapi` (not built yet).
struct OpenAPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "openapi", abstract: "Not built yet.")

    func run() async throws {
        throw ValidationError("'openapi' is not built yet")
    }
}
