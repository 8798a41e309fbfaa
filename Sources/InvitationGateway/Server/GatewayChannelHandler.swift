import HTTPTypes
import NIOCore
import NIOHTTP1

/// Answers the HTTP/1.1 requests of one connection through the ``Gateway``, on the connection's event loop.
///
/// Collects a request (its body up to the gateway's limit; past it the request is answered 413 and the rest of
/// the body is read and dropped), answers it with ``Gateway/respond(to:on:executor:completion:)`` and writes the answer.
/// Pipelined requests wait their turn (reading pauses while more than a few wait). On quiesce (graceful shutdown)
/// or when the client half-closes, an idle connection closes at once and a busy one once the requests it has read
/// are answered, the last saying `Connection: close`.
final class GatewayChannelHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundIn = Never
    typealias OutboundOut = ByteBuffer

    /// How many complete requests may wait behind the one being answered before reading pauses.
    static let maximumQueued = 16

    private let gateway: Gateway
    private let executor: EventLoopTaskExecutor
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var bodyTooLarge = false
    private var answering = false
    private var queued = CircularBuffer<(head: HTTPRequestHead, body: [UInt8]?)>()
    private var readPending = false
    /// Close once every request read so far is answered: quiescing, or the client half-closed its side.
    private var closeWhenIdle = false
    private var dates = HTTPDateCache()

    init(gateway: Gateway, executor: EventLoopTaskExecutor) {
        self.gateway = gateway
        self.executor = executor
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
            let declared = head.headers.first(name: "content-length").flatMap { Int($0) } ?? 0
            bodyTooLarge = declared > gateway.bodyLimitBytes
            if !bodyTooLarge && declared > 0 { body.reserveCapacity(declared) }
            // A client that waits for leave to send its body (curl does past 1 KiB) gets it at once; one whose
            // body is too large sends it anyway and gets its 413 when the request ends.
            if !bodyTooLarge, head.version.major == 1, head.version.minor >= 1,
                head.headers.first(name: "expect")?.lowercased() == "100-continue"
            {
                context.writeAndFlush(
                    wrapOutboundOut(ByteBuffer(string: "HTTP/1.1 100 Continue\r\n\r\n")), promise: nil)
            }
        case .body(let chunk):
            guard !bodyTooLarge else { return }
            if body.count + chunk.readableBytes > gateway.bodyLimitBytes {
                bodyTooLarge = true
                body = []
            } else {
                body.append(contentsOf: chunk.readableBytesView)
            }
        case .end:
            guard let head else { return }
            self.head = nil
            let complete = bodyTooLarge ? nil : body
            body = []
            if answering {
                queued.append((head, complete))
            } else {
                answer(head, body: complete, context: context)
            }
        }
    }

    func read(context: ChannelHandlerContext) {
        if queued.count >= Self.maximumQueued {
            readPending = true
        } else {
            context.read()
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case is ChannelShouldQuiesceEvent, ChannelEvent.inputClosed:
            if answering || !queued.isEmpty {
                closeWhenIdle = true
            } else {
                context.close(promise: nil)
            }
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A request that does not parse as HTTP/1.1: 400 when no answer is under way, then close (the decoder reads
        // nothing more on this connection).
        if error is HTTPParserError, !answering, queued.isEmpty {
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: Self.badRequest))).whenComplete { _ in
                channel.close(promise: nil)
            }
        } else {
            context.close(promise: nil)
        }
    }

    static let badRequest = "HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"

    private func answer(_ head: HTTPRequestHead, body: [UInt8]?, context: ChannelHandlerContext) {
        answering = true
        let request = GatewayRequest(head: head, body: body)
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        gateway.respond(to: request, on: context.eventLoop, executor: executor) { response in
            bound.value.handler.write(response, for: head, context: bound.value.context)
        }
    }

    private func write(_ response: GatewayResponse, for request: HTTPRequestHead, context: ChannelHandlerContext) {
        answering = false
        let keepAlive = request.isKeepAlive && !(closeWhenIdle && queued.isEmpty)
        let withBody = request.method != .HEAD
        var buffer = context.channel.allocator.buffer(capacity: 256 + (withBody ? response.body.count : 0))
        Self.writeHead(of: response, version: request.version, keepAlive: keepAlive, date: dates.current(), to: &buffer)
        if withBody { buffer.writeBytes(response.body) }
        guard keepAlive else {
            queued.removeAll()
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(buffer)).whenComplete { _ in channel.close(promise: nil) }
            return
        }
        context.write(wrapOutboundOut(buffer), promise: nil)
        FlushCoalescer.flushSoon(context.channel)
        if let next = queued.popFirst() {
            answer(next.head, body: next.body, context: context)
        }
        if readPending && queued.count < Self.maximumQueued {
            readPending = false
            context.read()
        }
    }

    /// Writes an answer's status line and headers (with `content-length`, `date` and, where needed, `connection`).
    ///
    /// Header names and values come from `HTTPFields`, which admits no CR, LF or NUL, so nothing can split the head.
    static func writeHead(
        of response: GatewayResponse, version: HTTPVersion, keepAlive: Bool, date: String, to buffer: inout ByteBuffer
    ) {
        let isHTTP10 = version.major == 1 && version.minor == 0
        buffer.writeStaticString(isHTTP10 ? "HTTP/1.0 " : "HTTP/1.1 ")
        buffer.writeString(String(response.status))
        buffer.writeStaticString(" ")
        buffer.writeString(HTTPResponseStatus(statusCode: response.status).reasonPhrase)
        buffer.writeStaticString("\r\n")
        for field in response.headers {
            switch field.name {
            case .contentLength, .connection, .date, .transferEncoding: continue
            default: break
            }
            buffer.writeString(field.name.rawName)
            buffer.writeStaticString(": ")
            buffer.writeString(field.value)
            buffer.writeStaticString("\r\n")
        }
        buffer.writeStaticString("content-length: ")
        buffer.writeString(String(response.body.count))
        buffer.writeStaticString("\r\ndate: ")
        buffer.writeString(date)
        if !keepAlive {
            buffer.writeStaticString("\r\nconnection: close")
        } else if isHTTP10 {
            buffer.writeStaticString("\r\nconnection: keep-alive")
        }
        buffer.writeStaticString("\r\n\r\n")
    }
}

extension GatewayRequest {
    /// The pipeline's view of an HTTP/1.1 request head and its collected body (nil: past the size limit).
    init(head: HTTPRequestHead, body: [UInt8]?) {
        let uri = head.uri
        let path: String
        let query: String?
        if let mark = uri.utf8.firstIndex(of: UInt8(ascii: "?")) {
            path = String(uri[..<mark])
            query = String(uri[uri.index(after: mark)...])
        } else {
            path = uri
            query = nil
        }
        self.init(
            method: head.method.rawValue, path: path, query: query, headers: HTTPFields(head.headers), body: body)
    }
}
