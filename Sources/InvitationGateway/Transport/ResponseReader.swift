import NIOCore

/// Reads one answer at a time off an upstream connection's bytes, with ``UpstreamResponseParser``.
final class ResponseReader: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private var completion: ((Result<UpstreamResponse, any Error>) -> Void)?
    private var parser: UpstreamResponseParser
    private var timeout: NIOScheduledCallback?
    /// Counts exchanges, so a deadline that fires late cannot fail the next one.
    private var exchange = 0
    private var receivedAnything = false
    private(set) var canReuse = true
    let maximumBodyBytes: Int

    init(maximumBodyBytes: Int) {
        self.maximumBodyBytes = maximumBodyBytes
        self.parser = UpstreamResponseParser(maximumBodyBytes: maximumBodyBytes)
    }

    func start(
        isHEAD: Bool, completion: @escaping (Result<UpstreamResponse, any Error>) -> Void, deadline: NIODeadline,
        channel: Channel
    ) {
        self.completion = completion
        parser = UpstreamResponseParser(maximumBodyBytes: maximumBodyBytes, requestIsHEAD: isHEAD)
        receivedAnything = false
        canReuse = false
        exchange += 1
        // A scheduled callback, not a scheduled task: no promise and future per exchange.
        timeout = try? channel.eventLoop.scheduleCallback(
            at: deadline, handler: Deadline(reader: self, exchange: exchange, channel: channel))
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
        let reader: ResponseReader
        let exchange: Int
        let channel: Channel

        func handleScheduledCallback(eventLoop: some EventLoop) {
            reader.deadlinePassed(exchange: exchange, channel: channel)
        }
    }

    func fail(_ error: Error) {
        finish(.failure(error), reusable: false)
    }

    private func succeed(_ response: UpstreamResponse) {
        finish(.success(response), reusable: response.keepAlive)
    }

    /// Ends the exchange in progress (if any) with `result`: its deadline is cancelled, its completion called once.
    private func finish(_ result: Result<UpstreamResponse, any Error>, reusable: Bool) {
        timeout?.cancel()
        timeout = nil
        canReuse = reusable
        let completion = self.completion
        self.completion = nil
        completion?(result)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard completion != nil else {
            // Bytes no request asked for: the connection's framing is lost.
            canReuse = false
            context.close(promise: nil)
            return
        }
        receivedAnything = true
        do {
            if let response = try parser.read(unwrapInboundIn(data)) { succeed(response) }
        } catch {
            fail(error == .bodyTooLarge ? UpstreamConnectionError.answerTooLarge : .malformedAnswer(error))
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if completion != nil {
            do {
                if let response = try parser.readEnd() {
                    succeed(response)
                } else {
                    fail(UpstreamConnectionError.closedBeforeAnswer(receivedAnything: receivedAnything))
                }
            } catch {
                fail(UpstreamConnectionError.closedBeforeAnswer(receivedAnything: true))
            }
        }
        canReuse = false
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        fail(error)
        context.close(promise: nil)
    }
}
