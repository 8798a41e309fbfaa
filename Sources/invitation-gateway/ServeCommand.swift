import ArgumentParser
import Foundation
import InvitationGateway
import Logging
import NIOPosix

/// `invitation-gateway serve [--config FILE]`: serves every dialect on one port until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve every dialect on one port, translating to the configured upstreams.",
        discussion: """
            Environment variables override scalar configuration keys: GATEWAY_LISTEN_PORT, GATEWAY_LISTEN_HOST, \
            GATEWAY_MAPPINGS, GATEWAY_UPSTREAMS_0_URL, GATEWAY_UPSTREAMS_0_TIMEOUTSECONDS, … \
            LOG_LEVEL sets the log level (default info).
            """)

    @Option(name: .long, help: "The configuration file.")
    var config: String = GatewayConfiguration.defaultFile

    func run() async throws {
        var logger = Logger(label: "invitation-gateway")
        logger.logLevel =
            ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let runtime: GatewayRuntime
        do {
            let configuration = try GatewayConfiguration.load(file: config)
            runtime = try GatewayRuntime(
                configuration: configuration,
                eventLoopGroup: configuration.eventLoopThreads.map { MultiThreadedEventLoopGroup(numberOfThreads: $0) },
                logger: logger)
        } catch {
            FileHandle.standardError.write(Data("invitation-gateway: \(error)\n".utf8))
            throw ExitCode.failure
        }
        try await GatewayServer.run(runtime, logger: logger) { address in
            FileHandle.standardOutput.write(Data("invitation-gateway listening on \(address)\n".utf8))
        }
    }
}
