import Foundation
import Hummingbird
import HummingbirdTesting
import InvitationCore
import InvitationGateway
import Logging

/// Helpers to build and run a gateway in tests: in process (`.router`) or over real sockets (`.live`).
public enum GatewayHarness {
    /// The repository's `mappings/` folder (found from this file's place in the source tree).
    public static var mappingsDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("mappings").path
    }

    /// The repository's root folder.
    public static var repositoryDirectory: String {
        URL(fileURLWithPath: mappingsDirectory).deletingLastPathComponent().path
    }

    /// The shipped dialects, loaded once.
    public static func registry() throws -> DialectRegistry {
        try DialectRegistry.load(directory: mappingsDirectory)
    }

    /// A quiet logger for tests.
    public static var logger: Logger {
        var logger = Logger(label: "gateway-test")
        logger.logLevel = .critical
        return logger
    }

    /// A gateway for a configuration (the repository's mappings unless it names others).
    public static func runtime(
        _ configuration: GatewayConfiguration, transport: (any UpstreamTransport)? = nil
    ) throws -> GatewayRuntime {
        var configuration = configuration
        if configuration.mappings == "mappings" { configuration.mappings = mappingsDirectory }
        return try GatewayRuntime(configuration: configuration, transport: transport, logger: logger)
    }

    /// A configuration with one upstream of `dialect` at `url`.
    public static func configuration(
        dialect: String?, url: String, timeoutSeconds: Double = 5, credentials: CredentialPolicy = .passthrough,
        caBundle: String? = nil, uncarriedFields: UncarriedFieldsPolicy = .reject
    ) -> GatewayConfiguration {
        GatewayConfiguration(
            port: 0, mappings: mappingsDirectory,
            upstreams: [
                UpstreamConfiguration(
                    name: "test", dialect: dialect, endpoint: UpstreamEndpoint(url: url)!,
                    timeoutSeconds: timeoutSeconds,
                    credentials: credentials, caBundle: caBundle, uncarriedFields: uncarriedFields)
            ])
    }

    /// Runs `test` against the gateway's application (`.router` in process, `.live` over a socket), then shuts it down.
    public static func test<Value: Sendable>(
        _ runtime: GatewayRuntime, _ setup: TestingSetup = .live,
        _ test: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let app = GatewayServer.makeApplication(gateway: runtime.gateway, host: "127.0.0.1", port: 0, logger: logger)
        do {
            let value = try await app.test(setup, test)
            await runtime.shutdown()
            return value
        } catch {
            await runtime.shutdown()
            throw error
        }
    }
}
