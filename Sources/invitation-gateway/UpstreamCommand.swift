import ArgumentParser

/// `invitation-gateway upstream` (not built yet).
struct UpstreamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "upstream", abstract: "Not built yet.")

    func run() async throws {
        throw ValidationError("'upstream' is not built yet")
    }
}
