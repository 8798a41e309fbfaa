import HTTPTypes
import NIOCore
import NIOHTTP1

/// Answers the HTTP/1.1 requests of one connection through the ``Gateway``, on the connection's event loop.
///
/// Collects a request (its body up to the gateway's limit; past it the request is answered 413 and the rest
/// of the body is read and dropped), answers it with ``Gateway/respond(to:on:executor:)`` on this event loop
/// and writes the answer. `HTTPServerPipelineHandler` in front of it holds pipelined requests until an answer's end is written.
final class GatewayChannelHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let gateway: Gateway
    private let executor: EventLoopTaskExecutor
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var bodyTooLarge = false
    private var dates = HTTPDateCache()

    init(gateway: Gateway, executor: EventLoopTaskExecutor) {
        self.gateway = gateway
        self.executor = executor
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body.removeAll(keepingCapacity: true)
            let declared = head.headers.first(name: "content-length").flatMap { Int($0) } ?? 0
            bodyTooLarge = declared > gateway.bodyLimitBytes
            if !bodyTooLarge && declared > 0 { body.reserveCapacity(declared) }
        case .body(let chunk):
            guard !bodyTooLarge else { return }
            if body.count + chunk.readableBytes > gateway.bodyLimitBytes {
                bodyTooLarge = true
                body.removeAll()
            } else {
                body.append(contentsOf: chunk.readableBytesView)
            }
        case .end:
            guard let head else { return }
            self.head = nil
            respond(to: head, body: bodyTooLarge ? nil : body, context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    private func respond(to head: HTTPRequestHead, body: [UInt8]?, context: ChannelHandlerContext) {
        let request = GatewayRequest(head: head, body: body)
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        gateway.respond(to: request, on: context.eventLoop, executor: executor).whenSuccess { response in
            bound.value.handler.write(response, for: head, context: bound.value.context)
        }
    }

    private func write(_ response: GatewayResponse, for request: HTTPRequestHead, context: ChannelHandlerContext) {
        let keepAlive = request.isKeepAlive
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
            context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
        }
        if keepAlive {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        } else {
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
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
