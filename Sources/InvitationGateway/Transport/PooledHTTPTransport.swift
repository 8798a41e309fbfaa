import HTTPTypes
import InvitationCore
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A lean HTTP/1.1 transport for plain-HTTP upstreams: keep-alive connections pooled per event loop.
///
/// At most `maximumConnectionsPerLoop` connections per upstream are open on a loop; past that, requests queue
/// and take connections as they come back (a 50-email batch from 256 callers does not open and close thousands).
///
/// Each request runs on one event loop of the group, on a connection that loop owns, so a pooled
/// connection is never shared across threads and needs no locks. A request that fails on a reused
/// connection before any byte of an answer arrived (the far end closed an idle connection) is sent
/// once more on a new connection; nothing else is retried. HTTPS upstreams use ``HTTPTransport``.
public final class PooledHTTPTransport: EventLoopUpstreamTransport {
    /// The event loops requests run on (the server's, by default, so no thread hop is added).
    public let group: any EventLoopGroup
    /// How long establishing a connection may take before the request fails with 502.
    public let connectTimeout: TimeAmount
    /// The largest upstream answer read; a larger one is a 502.
    public let maximumResponseBytes: Int
    private let pools: [ObjectIdentifier: NIOLoopBoundBox<[UpstreamAddress: Pool]>]
    private let maximumIdlePerLoop: Int
    private let maximumConnectionsPerLoop: Int
    private let addresses = NIOLockedValueBox<[(baseURL: String, address: UpstreamAddress)]>([])

    public init(
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, connectTimeout: TimeAmount = .seconds(5),
        maximumIdlePerLoop: Int = 512, maximumConnectionsPerLoop: Int = 512, maximumResponseBytes: Int = 8 << 20
    ) {
        self.group = group
        self.connectTimeout = connectTimeout
        self.maximumIdlePerLoop = maximumIdlePerLoop
        self.maximumConnectionsPerLoop = maximumConnectionsPerLoop
        self.maximumResponseBytes = maximumResponseBytes
        var pools: [ObjectIdentifier: NIOLoopBoundBox<[UpstreamAddress: Pool]>] = [:]
        for loop in group.makeIterator() {
            pools[ObjectIdentifier(loop)] = .makeBoxSendingValue([:], eventLoop: loop)
        }
        self.pools = pools
    }

    public func send(
        _ request: DialectRequest, headers: HTTPFields, baseURL: String, timeout: Duration
    ) async throws(GatewayError) -> TransportResponse {
        try await send(request, headers: UpstreamHeaders(headers), baseURL: baseURL, timeout: timeout)
    }

    public func send(
        _ request: DialectRequest, headers: UpstreamHeaders, baseURL: String, timeout: Duration
    ) async throws(GatewayError) -> TransportResponse {
        let loop = group.any()
        // Unchecked: `send(_:headers:baseURL:timeout:on:completion:)` calls its completion exactly once.
        let result = await withUnsafeContinuation { continuation in
            send(request, headers: headers, baseURL: baseURL, timeout: timeout, on: loop) {
                continuation.resume(returning: $0)
            }
        }
        return try result.get()
    }

    public func send(
        _ request: DialectRequest, headers: UpstreamHeaders, baseURL: String, timeout: Duration,
        on loop: any EventLoop,
        completion: @escaping @Sendable (Result<TransportResponse, GatewayError>) -> Void
    ) {
        guard let address = address(of: baseURL) else {
            return completion(
                .failure(GatewayError(code: .internal, message: "The upstream's address is not a plain HTTP URL.")))
        }
        guard let box = pools[ObjectIdentifier(loop)] else {
            return completion(
                .failure(GatewayError(code: .internal, message: "The transport has no pool for this event loop.")))
        }
        guard
            let bytes = ByteBuffer.upstreamRequest(
                method: request.method, target: address.pathPrefix + request.target, host: address.hostHeader,
                headers: headers, body: request.body)
        else {
            return completion(
                .failure(GatewayError(code: .internal, message: "The upstream request could not be written.")))
        }
        let exchange = Exchange(
            request: bytes, isHEAD: request.method == "HEAD", deadline: NIODeadline.now() + TimeAmount(timeout),
            address: address)
        let answer: @Sendable (Result<UpstreamResponse, any Error>) -> Void = { result in
            switch result {
            case .success(let answer): completion(.success(answer.response))
            case .failure(let error): completion(.failure(Self.gatewayError(for: error)))
            }
        }
        if loop.inEventLoop {
            execute(exchange, on: loop, pools: box, mayRetry: true, completion: answer)
        } else {
            loop.execute { self.execute(exchange, on: loop, pools: box, mayRetry: true, completion: answer) }
        }
    }

    /// The parsed base URL, from a cache: an upstream's base URL is the same on every request.
    ///
    /// The cache is a short list searched in order: base URLs come from the configuration, a few of them, and
    /// comparing the same string to itself is cheaper than hashing it.
    private func address(of baseURL: String) -> UpstreamAddress? {
        let known = addresses.withLockedValue { addresses in addresses.first { $0.baseURL == baseURL }?.address }
        if let known { return known }
        guard let parsed = UpstreamAddress(baseURL: baseURL) else { return nil }
        addresses.withLockedValue { addresses in
            if addresses.count == Self.maximumCachedAddresses { addresses.removeFirst() }
            addresses.append((baseURL, parsed))
        }
        return parsed
    }

    /// How many parsed base URLs ``address(of:)`` keeps (more than a configuration names, fewer than would make
    /// the search slower than a hash).
    private static let maximumCachedAddresses = 16

    /// Closes every idle connection.
    public func shutdown() async {
        var futures: [EventLoopFuture<Void>] = []
        for box in pools.values {
            futures.append(
                box.eventLoop.submit {
                    for key in box.value.keys {
                        for connection in box.value[key]!.drain() { connection.channel.close(promise: nil) }
                    }
                })
        }
        for future in futures { try? await future.get() }
    }

    struct Exchange: Sendable {
        /// The request as written to the connection.
        let request: ByteBuffer
        let isHEAD: Bool
        let deadline: NIODeadline
        let address: UpstreamAddress
    }

    /// One loop's connections to one upstream.
    typealias Pool = ConnectionPoolState<UpstreamConnection, Waiter>

    /// A request for a connection, queued while every connection is in use.
    struct Waiter {
        let exchange: Exchange
        let mayRetry: Bool
        let completion: @Sendable (Result<UpstreamResponse, any Error>) -> Void
    }

    /// Takes the requests whose deadline has passed out of a pool's queue with a 504, then waits for the next.
    ///
    /// One timer per queue, not per request: cancelling one of many scheduled callbacks searches NIO's timer
    /// queue, which with 1,500 queued requests cost a third more CPU per request than the queue saved.
    private struct QueueDeadline: NIOScheduledCallbackHandler, Sendable {
        let transport: PooledHTTPTransport
        let address: UpstreamAddress
        let pools: NIOLoopBoundBox<[UpstreamAddress: Pool]>

        func handleScheduledCallback(eventLoop: some EventLoop) {
            let now = NIODeadline.now()
            let (expired, next) = transport.withPool(address, in: pools) { pool in
                pool.queueDeadlineArmed = false
                let expired = pool.removeWaiters { $0.exchange.deadline <= now }
                let next = pool.firstWaiter?.exchange.deadline
                if next != nil { pool.queueDeadlineArmed = true }
                return (expired, next)
            }
            if let next {
                _ = try? eventLoop.scheduleCallback(at: next, handler: self)
            }
            for waiter in expired { waiter.completion(.failure(UpstreamConnectionError.timedOut)) }
        }
    }

    private func newPool() -> Pool {
        Pool(maximumIdle: maximumIdlePerLoop, maximumConnections: maximumConnectionsPerLoop)
    }

    /// Runs `body` on the pool of `address` in place (copying it out of the dictionary and back would copy its
    /// idle list and queue on every change).
    fileprivate func withPool<Result>(
        _ address: UpstreamAddress, in pools: NIOLoopBoundBox<[UpstreamAddress: Pool]>, _ body: (inout Pool) -> Result
    ) -> Result {
        body(&pools.value[address, default: newPool()])
    }

    private func execute(
        _ exchange: Exchange, on loop: any EventLoop, pools: NIOLoopBoundBox<[UpstreamAddress: Pool]>, mayRetry: Bool,
        completion: @escaping @Sendable (Result<UpstreamResponse, any Error>) -> Void
    ) {
        let waiter = Waiter(exchange: exchange, mayRetry: mayRetry, completion: completion)
        let action = withPool(exchange.address, in: pools) { $0.acquire(waiter, isUsable: { $0.isUsable }) }
        switch action {
        case .reuse(let idle): run(waiter, on: idle, reused: true, loop: loop, pools: pools)
        case .create: open(for: waiter, loop: loop, pools: pools)
        case .wait:
            let arm = withPool(exchange.address, in: pools) { pool in
                defer { pool.queueDeadlineArmed = true }
                return !pool.queueDeadlineArmed
            }
            if arm {
                _ = try? loop.scheduleCallback(
                    at: exchange.deadline,
                    handler: QueueDeadline(transport: self, address: exchange.address, pools: pools))
            }
        }
    }

    /// Opens a connection for a waiter (its place in the pool is already counted).
    private func open(for waiter: Waiter, loop: any EventLoop, pools: NIOLoopBoundBox<[UpstreamAddress: Pool]>) {
        connect(to: waiter.exchange.address, on: loop).whenComplete { [self] result in
            switch result {
            case .success(let connection):
                run(waiter, on: connection, reused: false, loop: loop, pools: pools)
            case .failure(let error):
                let next = withPool(waiter.exchange.address, in: pools) { $0.openFailed() }
                waiter.completion(.failure(error))
                if let next { open(for: next, loop: loop, pools: pools) }
            }
        }
    }

    /// One exchange on one connection; the connection then goes to the next waiter, back to the pool or closes.
    private func run(
        _ waiter: Waiter, on connection: UpstreamConnection, reused: Bool, loop: any EventLoop,
        pools: NIOLoopBoundBox<[UpstreamAddress: Pool]>
    ) {
        let exchange = waiter.exchange
        guard NIODeadline.now() < exchange.deadline else {
            // It waited for a connection past its deadline.
            release(connection, reusable: connection.isUsable, address: exchange.address, loop: loop, pools: pools)
            return waiter.completion(.failure(UpstreamConnectionError.timedOut))
        }
        connection.execute(exchange.request, isHEAD: exchange.isHEAD, deadline: exchange.deadline) { [self] result in
            switch result {
            case .success(let response):
                release(
                    connection, reusable: response.keepAlive && connection.isUsable, address: exchange.address,
                    loop: loop, pools: pools)
                waiter.completion(.success(response))
            case .failure(let error):
                release(connection, reusable: false, address: exchange.address, loop: loop, pools: pools)
                if waiter.mayRetry, reused,
                    case UpstreamConnectionError.closedBeforeAnswer(receivedAnything: false) = error
                {
                    execute(exchange, on: loop, pools: pools, mayRetry: false, completion: waiter.completion)
                } else {
                    waiter.completion(.failure(error))
                }
            }
        }
    }

    /// Returns a connection to the pool: to the longest waiting request, idle, or closed.
    private func release(
        _ connection: UpstreamConnection, reusable: Bool, address: UpstreamAddress, loop: any EventLoop,
        pools: NIOLoopBoundBox<[UpstreamAddress: Pool]>
    ) {
        let action = withPool(address, in: pools) { $0.release(connection, reusable: reusable) }
        switch action {
        case .keep:
            break
        case .close:
            connection.channel.close(promise: nil)
        case .handOver(let connection, let waiter):
            // On the next tick: the caller finishes with this exchange's answer first.
            loop.execute { self.run(waiter, on: connection, reused: true, loop: loop, pools: pools) }
        case .closeAndCreate(let waiter):
            connection.channel.close(promise: nil)
            open(for: waiter, loop: loop, pools: pools)
        }
    }

    private func connect(to address: UpstreamAddress, on loop: any EventLoop) -> EventLoopFuture<UpstreamConnection> {
        let maximumBytes = maximumResponseBytes
        return ClientBootstrap(group: loop)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    // Requests go out as bytes written in one piece; answers are read by one handler.
                    try channel.pipeline.syncOperations.addHandler(ResponseReader(maximumBodyBytes: maximumBytes))
                }
            }
            .connect(host: address.host, port: address.port)
            .flatMapThrowing { channel in
                let reader = try channel.pipeline.syncOperations.handler(type: ResponseReader.self)
                return UpstreamConnection(channel: channel, reader: reader)
            }
    }

    /// Maps a transport failure to the caller's error: timeouts 504, everything else 502; no addresses shown.
    static func gatewayError(for error: any Error) -> GatewayError {
        if let error = error as? GatewayError { return error }
        switch error {
        case UpstreamConnectionError.timedOut:
            return GatewayError(code: .gatewayTimeout, message: "The upstream did not answer in time.")
        case UpstreamConnectionError.answerTooLarge:
            return GatewayError(code: .badGateway, message: "The upstream's answer is too large.")
        case UpstreamConnectionError.malformedAnswer:
            return GatewayError(code: .badGateway, message: "The upstream's answer is not valid HTTP/1.1.")
        default:
            return GatewayError(code: .badGateway, message: "The upstream could not be reached.")
        }
    }
}

extension UpstreamConnection: @unchecked Sendable {}
extension ResponseReader: @unchecked Sendable {}
