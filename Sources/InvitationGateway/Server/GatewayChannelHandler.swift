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
    typealias OutboundOut = HTTPServerResponsePart

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
        context.close(promise: nil)
    }

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
        var headers = HTTPHeaders()
        headers.reserveCapacity(response.headers.count + 4)
        for field in response.headers { headers.add(name: field.name.rawName, value: field.value) }
        headers.replaceOrAdd(name: "content-length", value: String(response.body.count))
        headers.add(name: "date", value: dates.current())
        if !keepAlive {
            headers.replaceOrAdd(name: "connection", value: "close")
        } else if request.version.major == 1 && request.version.minor == 0 {
            headers.replaceOrAdd(name: "connection", value: "keep-alive")
        }
        let head = HTTPResponseHead(
            version: request.version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        if request.method != .HEAD && !response.body.isEmpty {
            var buffer = context.channel.allocator.buffer(capacity: response.body.count)
            buffer.writeBytes(response.body)
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        guard keepAlive else {
            queued.removeAll()
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
            return
        }
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        if let next = queued.popFirst() {
            answer(next.head, body: next.body, context: context)
        }
        if readPending && queued.count < Self.maximumQueued {
            readPending = false
            context.read()
        }
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
        var fields = HTTPFields()
        fields.reserveCapacity(head.headers.count)
        for header in head.headers {
            if let name = HTTPField.Name(header.name) { fields.append(HTTPField(name: name, value: header.value)) }
        }
        self.init(method: head.method.rawValue, path: path, query: query, headers: fields, body: body)
    }
}
