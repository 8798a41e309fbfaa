import ArgumentParser

/// `invitation-gateway translate` (being built).
struct TranslateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "translate", abstract: "Not built yet.")

    func run() async throws {
        throw ValidationError("'translate' is not built yet")
    }
}
