import HTTPTypes
import NIOCore
import NIOHTTP1

/// Answers the HTTP/1.1 requests of one connection through the ``Gateway``, on the connection's event loop.
///
/// Reads the connection's bytes with a ``RequestParser`` (a body is kept up to the gateway's limit; past it the
/// rest is read and dropped and the request answered 413), answers each request with
/// ``Gateway/respond(to:on:executor:completion:)`` and writes the answer. Pipelined requests wait their turn;
/// while more than a few wait, parsing and reading pause. On quiesce (graceful shutdown) or when the client
/// half-closes, an idle connection closes at once and a busy one once the requests it has read are answered, the
/// last saying `Connection: close`. A request that does not parse is answered with its error's status (400, 431 or
/// 501, `Connection: close`) once the requests before it are answered; nothing more is read and the connection
/// closes. A request cut short by the client's half-close is answered 400 the same way. These answers carry the
/// error in the envelope of the dialect the request line points to, or the default dialect's
/// (``Gateway/renderUnreadable(_:request:)``).
final class GatewayChannelHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = Never
    typealias OutboundOut = ByteBuffer

    /// How many complete requests may wait behind the one being answered before parsing and reading pause.
    static let maximumQueued = 16

    private let gateway: Gateway
    private let executor: EventLoopTaskExecutor
    private var parser: RequestParser
    private var answering = false
    private var queued = CircularBuffer<RequestParser.Request>()
    private var readPending = false
    /// Close once every request read so far is answered: quiescing, or the client half-closed its side.
    private var closeWhenIdle = false
    private var inputClosed = false
    /// The request that did not parse: answered once those before it are, then the connection closes.
    private var failure: RequestParseError?
    /// The head being read asked for `100 Continue` while earlier requests were still being answered.
    private var continueOwed = false
    /// The last answer is written (or the connection is closing): nothing more is read or answered.
    private var closing = false
    /// ``process(context:)`` is running (an answer written synchronously must not start it again).
    private var processing = false
    private var dates = HTTPDateCache()

    /// A handler answering through `gateway`, its tasks run by `executor` (the connection's event loop's).
    init(gateway: Gateway, executor: EventLoopTaskExecutor) {
        self.gateway = gateway
        self.executor = executor
        self.parser = RequestParser(maximumBodyBytes: gateway.bodyLimitBytes)
    }

    /// Parses the bytes that arrived and answers or queues the requests they complete.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing, failure == nil else { return }
        parser.append(unwrapInboundIn(data))
        process(context: context)
    }

    /// Reads on, unless enough requests wait or nothing more is to be read.
    func read(context: ChannelHandlerContext) {
        if queued.count >= Self.maximumQueued || failure != nil || closing {
            readPending = true
        } else {
            context.read()
        }
    }

    /// Quiesce and half-close: close once idle.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case is ChannelShouldQuiesceEvent:
            closeWhenIdle = true
            process(context: context)
        case ChannelEvent.inputClosed:
            closeWhenIdle = true
            inputClosed = true
            process(context: context)
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    /// A connection error (a reset, say): nothing can be answered any more.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        closing = true
        context.close(promise: nil)
    }

    /// Answers queued requests in order and parses more while fewer than ``maximumQueued`` wait; then, when idle,
    /// writes what is owed (an error answer, `100 Continue`) or closes, and resumes reading.
    private func process(context: ChannelHandlerContext) {
        guard !processing else { return }
        processing = true
        defer { processing = false }
        while !closing {
            if !answering && !queued.isEmpty {
                answer(queued.removeFirst(), context: context)
                continue
            }
            guard queued.count < Self.maximumQueued, parseNext(context: context) else { break }
        }
        if !closing && !answering && queued.isEmpty { settleIdle(context: context) }
        if readPending && !closing && failure == nil && queued.count < Self.maximumQueued {
            readPending = false
            context.read()
        }
    }

    /// Takes the parser's next event; false when the parser needs more bytes or failed.
    ///
    /// A request joins the queue; `100 Continue` is written at once when no earlier request waits, else later.
    private func parseNext(context: ChannelHandlerContext) -> Bool {
        guard failure == nil else { return false }
        let event: RequestParser.Event?
        do {
            event = try parser.next()
        } catch {
            failure = error
            return false
        }
        switch event {
        case nil:
            return false
        case .continueExpected:
            if answering || !queued.isEmpty {
                continueOwed = true
            } else {
                writeContinue(context: context)
            }
        case .request(let request):
            continueOwed = false
            // With nothing answered or waiting, answered at once: what the queue would do next, without its
            // append and pop (each moved the request through an optional).
            if !answering && queued.isEmpty {
                answer(request, context: context)
            } else {
                queued.append(request)
            }
        }
        return true
    }

    /// With nothing being answered: the owed error answer or `100 Continue`, or the close asked for.
    private func settleIdle(context: ChannelHandlerContext) {
        if let failure {
            closeAfter(unreadableAnswer(failure, context: context), context: context)
        } else if closeWhenIdle {
            if inputClosed && parser.isWithinRequest {
                closeAfter(unreadableAnswer(.cutShort, context: context), context: context)
            } else {
                closing = true
                context.close(promise: nil)
            }
        } else if continueOwed {
            continueOwed = false
            writeContinue(context: context)
        }
    }

    /// Tells the client waiting with its body to send it.
    private func writeContinue(context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "HTTP/1.1 100 Continue\r\n\r\n")), promise: nil)
    }

    /// Writes `answer` as the connection's last and closes once it is written.
    private func closeAfter(_ answer: ByteBuffer, context: ChannelHandlerContext) {
        closing = true
        queued.removeAll()
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(answer)).whenComplete { _ in channel.close(promise: nil) }
    }

    /// The answer to a request that does not parse or is cut short, after which the connection closes.
    ///
    /// It carries `error` in the caller's error envelope, as far as the request read so far tells the dialect; an
    /// answer to `HEAD` has no body. Built only here, off the path of requests that parse.
    private func unreadableAnswer(_ error: RequestParseError, context: ChannelHandlerContext) -> ByteBuffer {
        let request = parser.requestSoFar
        let response = gateway.renderUnreadable(error.gatewayError, request: request)
        return bytes(
            of: response, isHTTP10: false, keepAlive: false, isHEAD: request?.method == "HEAD", context: context)
    }

    /// Hands `request` to the gateway; its answer is written when it comes.
    private func answer(_ request: RequestParser.Request, context: ChannelHandlerContext) {
        answering = true
        let facts = (isHTTP10: request.isHTTP10, keepAlive: request.keepAlive, isHEAD: request.isHEAD)
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        gateway.respond(to: request.request, on: context.eventLoop, executor: executor) { response in
            bound.value.handler.write(
                response, isHTTP10: facts.isHTTP10, keepAlive: facts.keepAlive, isHEAD: facts.isHEAD,
                context: bound.value.context)
        }
    }

    /// Writes the answer to the request being answered, then goes on with the next (or closes after this one).
    private func write(
        _ response: GatewayResponse, isHTTP10: Bool, keepAlive requested: Bool, isHEAD: Bool,
        context: ChannelHandlerContext
    ) {
        guard !closing else {
            answering = false
            return
        }
        // Whether another request follows decides whether this answer is the last; still answering, so that a
        // `100 Continue` for the next request waits for this answer.
        while closeWhenIdle && queued.isEmpty && parseNext(context: context) {}
        answering = false
        let keepAlive = requested && !(closeWhenIdle && queued.isEmpty)
        let buffer = bytes(of: response, isHTTP10: isHTTP10, keepAlive: keepAlive, isHEAD: isHEAD, context: context)
        guard keepAlive else {
            closeAfter(buffer, context: context)
            return
        }
        context.write(wrapOutboundOut(buffer), promise: nil)
        FlushCoalescer.flushSoon(context.channel)
        process(context: context)
    }

    /// An answer as one buffer: its head and, unless it answers `HEAD`, its body.
    private func bytes(
        of response: GatewayResponse, isHTTP10: Bool, keepAlive: Bool, isHEAD: Bool, context: ChannelHandlerContext
    ) -> ByteBuffer {
        var buffer = context.channel.allocator.buffer(capacity: 256 + (isHEAD ? 0 : response.body.count))
        Self.writeHead(of: response, isHTTP10: isHTTP10, keepAlive: keepAlive, date: dates.current(), to: &buffer)
        if !isHEAD { buffer.writeBytes(response.body) }
        return buffer
    }

    /// Writes an answer's status line and headers (with `content-length`, `date` and, where needed, `connection`).
    ///
    /// Header names and values come from `HTTPFields`, which admits no CR, LF or NUL, so nothing can split the head.
    /// The head is measured first and copied in at once (``MeasuredBytes``).
    static func writeHead(
        of response: GatewayResponse, isHTTP10: Bool, keepAlive: Bool, date: String, to buffer: inout ByteBuffer
    ) {
        // A status outside 100...999 (none the pipeline makes) is written as 500, never as a malformed line.
        let status = (100...999).contains(response.status) ? response.status : 500
        let reason = HTTPResponseStatus(statusCode: status).reasonPhrase
        let contentLength = response.body.count
        let connection: StaticString? =
            !keepAlive ? "\r\nconnection: close" : isHTTP10 ? "\r\nconnection: keep-alive" : nil
        // The handler's own fields among the answer's are looked for once, not in both passes.
        let skipsSome = response.headers.contains { !isWritten($0.name) }
        var length = 9 + 3 + 1 + reason.utf8.count + 2
        for field in response.headers where !skipsSome || isWritten(field.name) {
            length += field.name.rawName.utf8.count + 2 + field.value.utf8.count + 2
        }
        length += 16 + MeasuredBytes.decimalCount(contentLength) + 8 + date.utf8.count
        length += (connection?.utf8CodeUnitCount ?? 0) + 4
        buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: length) { bytes in
            var head = MeasuredBytes(bytes: bytes)
            head.append(isHTTP10 ? "HTTP/1.0 " : "HTTP/1.1 ")
            head.append(decimal: status)
            head.append(" ")
            head.append(reason)
            head.append("\r\n")
            for field in response.headers where !skipsSome || isWritten(field.name) {
                head.append(field.name.rawName)
                head.append(": ")
                head.append(field.value)
                head.append("\r\n")
            }
            head.append("content-length: ")
            head.append(decimal: contentLength)
            head.append("\r\ndate: ")
            head.append(date)
            if let connection { head.append(connection) }
            head.append("\r\n\r\n")
            return head.offset
        }
    }

    /// Whether a response field is written as it is (the framing and date fields are the handler's own).
    private static func isWritten(_ name: HTTPField.Name) -> Bool {
        switch name {
        case .contentLength, .connection, .date, .transferEncoding: false
        default: true
        }
    }
}
