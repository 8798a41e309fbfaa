import ArgumentParser
import Foundation
import InvitationGateway
import Logging

/// `invitation-gateway upstream --dialect NAME [--listen HOST:PORT] [--database FILE]`: the reference service in one dialect.
struct UpstreamCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upstream",
        abstract: "Serve the reference invitation service (demo data) in one dialect.",
        discussion: "Only NAME's routes are served. Without --database the state lives in memory and is gone at exit.")

    @Option(name: .long, help: "The dialect to speak (a mapping's name).")
    var dialect: String

    @Option(name: .long, help: "The address to listen on.")
    var listen: String = "127.0.0.1:9000"

    @Option(name: .long, help: "A SQLite file for the service's state (created when missing).")
    var database: String?

    @Option(name: .long, help: "The mappings folder.")
    var mappings: String = "mappings"

    func run() async throws {
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
            (0...65535).contains(port)
        else { throw ValidationError("--listen expects HOST:PORT, got '\(listen)'") }
        let host = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        var logger = Logger(label: "invitation-gateway.upstream")
        logger.logLevel =
            ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let configuration = GatewayConfiguration(
            host: host, port: port, mappings: mappings,
            upstreams: [
                UpstreamConfiguration(name: "reference", dialect: nil, endpoint: .embedded, database: database)
            ],
            defaultDialect: dialect, dialects: [dialect])
        let runtime: GatewayRuntime
        do {
            runtime = try GatewayRuntime(configuration: configuration, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("invitation-gateway: \(error)\n".utf8))
            throw ExitCode.failure
        }
        try await GatewayServer.run(runtime, logger: logger) { address in
            FileHandle.standardOutput.write(
                Data("invitation-gateway upstream (\(dialect)) listening on \(address)\n".utf8))
        }
    }
}
