import ArgumentParser
import Foundation
import InvitationGateway
import Logging

/// `invitation-gateway check [--config FILE]`: validates the configuration and the mappings it names.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate a configuration file and its mappings; prints OK or the error with its file and line.")

    @Option(name: .long, help: "The configuration file.")
    var config: String = GatewayConfiguration.defaultFile

    func run() async throws {
        do {
            let configuration = try GatewayConfiguration.load(file: config)
            var logger = Logger(label: "invitation-gateway")
            logger.logLevel = .error
            let runtime = try GatewayRuntime(configuration: configuration, logger: logger)
            let dialects = runtime.gateway.servedDialects.sorted().joined(separator: ", ")
            await runtime.shutdown()
            print("OK: \(config): \(configuration.upstreams.count) upstream(s); dialects served: \(dialects)")
        } catch let error as ConfigurationError where error.file == "configuration" {
            print("\(config): \(error.key): \(error.reason)")
            throw ExitCode.failure
        } catch {
            print("\(error)")
            throw ExitCode.failure
        }
    }
}
