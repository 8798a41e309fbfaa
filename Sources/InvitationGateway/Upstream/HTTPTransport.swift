import AsyncHTTPClient
import HTTPTypes
import InvitationCore
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// The HTTP(S) transport: AsyncHTTPClient with pooled keep-alive connections; certificates are always verified.
public struct HTTPTransport: UpstreamTransport {
    /// The shared client (one per gateway; its pool keeps connections alive between calls).
    public let client: HTTPClient
    /// The TLS settings of this upstream (extra trusted CAs); nil for the client's defaults.
    public let tlsConfiguration: TLSConfiguration?
    /// The largest upstream answer read; a larger one is a 502.
    public let maximumResponseBytes: Int
    let logger: Logger

    public init(
        client: HTTPClient, tlsConfiguration: TLSConfiguration? = nil, maximumResponseBytes: Int = 8 << 20,
        logger: Logger = Logger(label: "invitation-gateway.transport")
    ) {
        self.client = client
        self.tlsConfiguration = tlsConfiguration
        self.maximumResponseBytes = maximumResponseBytes
        self.logger = logger
    }

    /// A client configured for proxying: no redirects followed, no decompression, a failed connect fails at once
    /// (so a refused connection is a 502, not a wait until the timeout), verified TLS.
    public static func makeClient(connectTimeout: TimeAmount = .seconds(5), connectionsPerHost: Int = 64) -> HTTPClient
    {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .disabled
        configuration.timeout.connect = connectTimeout
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connectionsPerHost
        configuration.tlsConfiguration = TLSConfiguration.makeClientConfiguration()
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// TLS settings trusting the system's roots plus the CA certificates in a PEM file.
    public static func tlsConfiguration(caBundle: String) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .fullVerification
        configuration.additionalTrustRoots = [.file(caBundle)]
        return configuration
    }

    public func send(
        _ request: DialectRequest, headers: HTTPFields, baseURL: String, timeout: Duration
    ) async throws(GatewayError) -> TransportResponse {
        var outbound = HTTPClientRequest(url: baseURL + request.target)
        outbound.method = HTTPMethod(rawValue: request.method)
        var nioHeaders = HTTPHeaders()
        nioHeaders.reserveCapacity(headers.count + 1)
        for field in headers { nioHeaders.add(name: field.name.rawName, value: field.value) }
        if !request.body.isEmpty {
            nioHeaders.replaceOrAdd(name: "Content-Length", value: String(request.body.count))
            outbound.body = .bytes(ByteBuffer(bytes: request.body))
        }
        outbound.headers = nioHeaders
        if let tlsConfiguration { outbound.tlsConfiguration = tlsConfiguration }
        let deadline = NIODeadline.now() + TimeAmount(timeout)
        do {
            let response = try await client.execute(outbound, deadline: deadline)
            var body = try await response.body.collect(upTo: maximumResponseBytes)
            return TransportResponse(
                status: Int(response.status.code), headers: HTTPFields(response.headers),
                body: body.readBytes(length: body.readableBytes) ?? [])
        } catch {
            throw Self.gatewayError(for: error, logger: logger)
        }
    }

    /// Maps a transport failure to the caller's error: timeouts 504, everything else 502; no addresses shown.
    static func gatewayError(for error: any Error, logger: Logger) -> GatewayError {
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout, .tlsHandshakeTimeout,
                .getConnectionFromPoolTimeout:
                logger.warning("The upstream timed out: \(clientError)")
                return GatewayError(code: .gatewayTimeout, message: "The upstream did not answer in time.")
            default: break
            }
        }
        if error is NIOTooManyBytesError {
            logger.warning("The upstream's answer is too large")
            return GatewayError(code: .badGateway, message: "The upstream's answer is too large.")
        }
        if error is NIOSSLError || error is BoringSSLError {
            logger.warning("TLS with the upstream failed: \(error)")
            return GatewayError(
                code: .badGateway, message: "A secure connection to the upstream could not be established.")
        }
        logger.warning("The upstream could not be reached: \(error)")
        return GatewayError(code: .badGateway, message: "The upstream could not be reached.")
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
