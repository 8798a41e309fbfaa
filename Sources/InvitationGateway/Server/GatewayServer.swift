import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle

/// The HTTP server around a ``Gateway``: one port, every dialect, `/healthz` and `/readyz`.
public enum GatewayServer {
    /// The Hummingbird application serving `gateway` on `host:port` (port 0 picks a free one).
    ///
    /// Connections are answered by ``GatewayChannel`` (the pipeline runs on each connection's event loop);
    /// ``GatewayResponder`` serves the same pipeline to Hummingbird's in-process test client (`app.test(.router)`).
    /// `onListening` receives the bound address (`http://127.0.0.1:8080`) once the server accepts connections.
    public static func makeApplication(
        gateway: Gateway, host: String, port: Int, logger: Logger, eventLoopGroup: (any EventLoopGroup)? = nil,
        onListening: @escaping @Sendable (String) async -> Void = { _ in }
    ) -> Application<GatewayResponder> {
        let executors = EventLoopTaskExecutors(group: eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton)
        return Application(
            responder: GatewayResponder(gateway: gateway),
            server: HTTPServerBuilder { _ in GatewayChannel(gateway: gateway, executors: executors) },
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let boundPort = channel.localAddress?.port ?? port
                let shownHost = host.contains(":") ? "[\(host)]" : host
                await onListening("http://\(shownHost):\(boundPort)")
            },
            eventLoopGroupProvider: eventLoopGroup.map { .shared($0) } ?? .singleton,
            logger: logger)
    }

    /// Settles batches a crash left unfinished (``GatewayRuntime/recoverUnfinishedBatches(logger:)``), then serves
    /// until SIGTERM or SIGINT, stops accepting, lets requests in flight finish and shuts the runtime down.
    ///
    /// While it serves, a ``StateSweeper`` deletes expired idempotency keys and old invitation index entries.
    public static func run(
        _ runtime: GatewayRuntime, logger: Logger, onListening: @escaping @Sendable (String) async -> Void
    ) async throws {
        do {
            try await runtime.recoverUnfinishedBatches(logger: logger)
        } catch {
            await runtime.shutdown()
            throw error
        }
        let app = makeApplication(
            gateway: runtime.gateway, host: runtime.configuration.host, port: runtime.configuration.port,
            logger: logger,
            eventLoopGroup: runtime.eventLoopGroup, onListening: onListening)
        let sweeper = StateSweeper(
            state: runtime.state, configuration: runtime.configuration.state, logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [app, sweeper], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            await runtime.shutdown()
            throw error
        }
        await runtime.shutdown()
    }
}
