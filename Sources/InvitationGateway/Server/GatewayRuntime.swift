import AsyncHTTPClient
import Foundation
import InvitationCore
import Logging
import NIOCore
import NIOPosix
import ReferenceUpstream

/// A gateway assembled from its configuration, with what it owns (the HTTP client, embedded services) to shut down.
public final class GatewayRuntime: Sendable {
    public let configuration: GatewayConfiguration
    public let gateway: Gateway
    let httpClient: HTTPClient?
    let pooledTransport: PooledHTTPTransport?
    /// The event loops the server and the pooled transport share; nil for NIO's shared singleton group.
    public let eventLoopGroup: (any EventLoopGroup)?
    let embeddedServices: [ReferenceService]
    /// Idempotency keys, the invitation index and the batch journal (config key `state`).
    public let state: GatewayState
    let recovered = RecoveryFlag()

    /// Loads the mappings and builds every upstream; throws ``ConfigurationError`` or `MappingError` naming what is wrong.
    ///
    /// - Parameter transport: replaces the HTTP transport for every HTTP upstream (tests use a fake).
    public init(
        configuration: GatewayConfiguration, registry: DialectRegistry? = nil,
        transport: (any UpstreamTransport)? = nil,
        eventLoopGroup: (any EventLoopGroup)? = nil, logger: Logger = Logger(label: "invitation-gateway")
    ) throws {
        self.eventLoopGroup = eventLoopGroup
        let registry = try registry ?? DialectRegistry.load(directory: configuration.mappings)
        // Plain-HTTP upstreams use the lean pooled transport; HTTPS ones (TLS, private CAs) async-http-client.
        let isPlainHTTP = { (upstream: UpstreamConfiguration) -> Bool in
            upstream.endpoint.baseURL.map { $0.lowercased().hasPrefix("http://") } ?? false
        }
        let needsClient =
            transport == nil && configuration.upstreams.contains { !$0.endpoint.isEmbedded && !isPlainHTTP($0) }
        let client = needsClient ? HTTPTransport.makeClient() : nil
        let pooled =
            transport == nil && configuration.upstreams.contains(where: isPlainHTTP)
            ? PooledHTTPTransport(group: eventLoopGroup ?? MultiThreadedEventLoopGroup.singleton) : nil
        var routes: [UpstreamRoute] = []
        var services: [ReferenceService] = []
        let state: GatewayState
        do {
            state = try GatewayState(
                storage: configuration.state.storage,
                idempotencyPolicy: IdempotencyPolicy(timeToLive: configuration.state.idempotencyKeySeconds))
        } catch {
            try? client?.syncShutdown()
            throw ConfigurationError(
                file: "configuration", line: 0, key: "state.database",
                reason: "the state database cannot be opened: \(error)")
        }
        do {
            for (index, upstream) in configuration.upstreams.enumerated() {
                let key = "upstreams[\(index)]"
                var dialect: Dialect?
                if let name = upstream.dialect {
                    guard let found = registry.dialect(named: name) else {
                        throw ConfigurationError(
                            file: "configuration", line: 0, key: "\(key).dialect",
                            reason:
                                "no mapping defines the dialect '\(name)'; loaded: \(registry.dialects.map(\.name).joined(separator: ", "))"
                        )
                    }
                    dialect = found
                }
                let stage: any Upstream
                if upstream.endpoint.isEmbedded {
                    let storage: ReferenceStorage =
                        upstream.database.map { $0 == ":memory:" ? .inMemory : .file(path: $0) } ?? .inMemory
                    let service: ReferenceService
                    do {
                        service = try ReferenceService(configuration: .demo, storage: storage)
                    } catch {
                        throw ConfigurationError(
                            file: "configuration", line: 0, key: "\(key).database",
                            reason: "the reference service cannot start: \(error)")
                    }
                    services.append(service)
                    if let dialect {
                        // The reference service behind its own gateway serving only `dialect`, reached in process:
                        // that dialect's limits (operations it lacks, fields it cannot carry) apply as over a socket.
                        let inner: Gateway
                        do {
                            inner = try Gateway(
                                registry: registry,
                                upstreams: [
                                    UpstreamRoute(name: upstream.name, upstream: EmbeddedUpstream(service: service))
                                ],
                                servedDialects: [dialect.name], bodyLimitBytes: configuration.bodyLimitBytes,
                                logger: logger)
                        } catch {
                            throw ConfigurationError(
                                file: "configuration", line: 0, key: "\(key).dialect", reason: error.reason)
                        }
                        stage = DialectUpstream(
                            dialect: dialect, baseURL: "embedded", transport: InProcessTransport(gateway: inner),
                            timeout: .milliseconds(Int64(upstream.timeoutSeconds * 1000)),
                            uncarriedFields: upstream.uncarriedFields,
                            fanOutConcurrency: configuration.fanOutConcurrency)
                    } else {
                        stage = EmbeddedUpstream(service: service)
                    }
                } else {
                    let tls = upstream.caBundle.map(HTTPTransport.tlsConfiguration(caBundle:))
                    var transportLogger = logger
                    transportLogger[metadataKey: "upstream"] = "\(upstream.name)"
                    stage = DialectUpstream(
                        dialect: dialect!, baseURL: upstream.endpoint.baseURL!,
                        transport: transport ?? pooled.flatMap { isPlainHTTP(upstream) ? $0 : nil }
                            ?? HTTPTransport(client: client!, tlsConfiguration: tls, logger: transportLogger),
                        timeout: .milliseconds(Int64(upstream.timeoutSeconds * 1000)),
                        uncarriedFields: upstream.uncarriedFields,
                        fanOutConcurrency: configuration.fanOutConcurrency)
                }
                routes.append(
                    UpstreamRoute(
                        name: upstream.name, upstream: stage, credentials: upstream.credentials,
                        callers: upstream.callers.map(Set.init),
                        batchMode: upstream.batchMode))
            }
            do {
                gateway = try Gateway(
                    registry: registry, upstreams: routes, defaultDialect: configuration.defaultDialect,
                    servedDialects: configuration.dialects, bodyLimitBytes: configuration.bodyLimitBytes, state: state,
                    routing: configuration.routing, organizations: configuration.organizations,
                    compensationConcurrency: configuration.fanOutConcurrency, logger: logger)
            } catch {
                throw ConfigurationError(file: "configuration", line: 0, key: error.key, reason: error.reason)
            }
        } catch {
            try? client?.syncShutdown()
            for service in services { try? service.close() }
            try? state.close()
            throw error
        }
        self.state = state
        self.configuration = configuration
        self.httpClient = client
        self.pooledTransport = pooled
        self.embeddedServices = services
    }

    /// Closes the HTTP client's connections and the embedded services' stores; call once no request is in flight.
    public func shutdown() async {
        try? await httpClient?.shutdown()
        await pooledTransport?.shutdown()
        for service in embeddedServices { try? service.close() }
        try? state.close()
    }
}
