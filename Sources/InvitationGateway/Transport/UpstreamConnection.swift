import NIOCore
import NIOHTTP1

/// One keep-alive HTTP/1.1 connection to an upstream: sends one request at a time and collects the answer.
final class UpstreamConnection {
    let channel: Channel
    private let handler: ResponseCollector

    init(channel: Channel, handler: ResponseCollector) {
        self.channel = channel
        self.handler = handler
    }

    /// Whether it can carry another request.
    var isUsable: Bool { channel.isActive && handler.canReuse }

    /// Sends a request (on the connection's event loop); `completion` gets its answer, or the failure when the
    /// connection drops first or the deadline passes (a failed write closes the connection, which fails it too).
    func execute(
        head: HTTPRequestHead, body: ByteBuffer?, deadline: NIODeadline,
        completion: @escaping (Result<CollectedResponse, any Error>) -> Void
    ) {
        handler.start(completion: completion, deadline: deadline, context: channel)
        guard channel.isActive else {
            return handler.fail(UpstreamConnectionError.closedBeforeAnswer(receivedAnything: false))
        }
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        if let body { channel.write(HTTPClientRequestPart.body(.byteBuffer(body)), promise: nil) }
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
    }
}

/// An answer read off the wire.
struct CollectedResponse {
    var head: HTTPResponseHead
    var body: ByteBuffer
    /// Whether the connection may carry another request.
    var keepAlive: Bool
}

/// Why an upstream exchange failed.
enum UpstreamConnectionError: Error {
    case closedBeforeAnswer(receivedAnything: Bool)
    case timedOut
    case answerTooLarge
}

/// Collects one response at a time from the HTTP client pipeline.
final class ResponseCollector: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart

    private var completion: ((Result<CollectedResponse, any Error>) -> Void)?
    private var head: HTTPResponseHead?
    private var body: ByteBuffer?
    private var timeout: NIOScheduledCallback?
    /// Counts exchanges, so a deadline that fires late cannot fail the next one.
    private var exchange = 0
    private var receivedAnything = false
    private(set) var canReuse = true
    let maximumBodyBytes: Int

    init(maximumBodyBytes: Int) { self.maximumBodyBytes = maximumBodyBytes }

    func start(
        completion: @escaping (Result<CollectedResponse, any Error>) -> Void, deadline: NIODeadline,
        context channel: Channel
    ) {
        self.completion = completion
        head = nil
        body = nil
        receivedAnything = false
        canReuse = false
        exchange += 1
        // A scheduled callback, not a scheduled task: no promise and future per exchange.
        timeout = try? channel.eventLoop.scheduleCallback(
            at: deadline, handler: Deadline(collector: self, exchange: exchange, channel: channel))
    }

    /// Fails the exchange `exchange` (if it is still the one in progress) and closes the connection.
    func deadlinePassed(exchange: Int, channel: Channel) {
        guard exchange == self.exchange, completion != nil else { return }
        timeout = nil
        fail(UpstreamConnectionError.timedOut)
        channel.close(promise: nil)
    }

    /// The deadline of one exchange.
    private struct Deadline: NIOScheduledCallbackHandler, @unchecked Sendable {
        let collector: ResponseCollector
        let exchange: Int
        let channel: Channel

        func handleScheduledCallback(eventLoop: some EventLoop) {
            collector.deadlinePassed(exchange: exchange, channel: channel)
        }
    }

    func fail(_ error: Error) {
        timeout?.cancel()
        timeout = nil
        canReuse = false
        let completion = self.completion
        self.completion = nil
        completion?(.failure(error))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        receivedAnything = true
        switch unwrapInboundIn(data) {
        case .head(let responseHead):
            head = responseHead
        case .body(var chunk):
            if (body?.readableBytes ?? 0) + chunk.readableBytes > maximumBodyBytes {
                fail(UpstreamConnectionError.answerTooLarge)
                context.close(promise: nil)
                return
            }
            if body == nil { body = chunk } else { body!.writeBuffer(&chunk) }
        case .end:
            guard let head, let completion else { return }
            timeout?.cancel()
            timeout = nil
            let keepAlive = head.isKeepAlive
            canReuse = keepAlive
            self.completion = nil
            completion(.success(CollectedResponse(head: head, body: body ?? ByteBuffer(), keepAlive: keepAlive)))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(UpstreamConnectionError.closedBeforeAnswer(receivedAnything: receivedAnything))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        fail(error)
        context.close(promise: nil)
    }
}
