import NIOCore

/// Reads one answer at a time off an upstream connection's bytes, with ``UpstreamResponseParser``.
final class ResponseReader: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private var completion: ((Result<UpstreamResponse, any Error>) -> Void)?
    private var parser: UpstreamResponseParser
    /// The deadline of the exchange in progress.
    private var deadline: NIODeadline?
    /// The connection's one timer and when it fires: at or before the deadline of the exchange in progress.
    ///
    /// It is not cancelled when an answer comes: a keep-alive connection's next exchange has a later deadline,
    /// so the timer, firing early, is set again for it (a timer per exchange cost a heap insertion and a linear
    /// removal on every request). An idle connection's timer fires once and is not set again.
    private var timer: NIOScheduledCallback?
    private var timerFiresAt: NIODeadline?
    private var receivedAnything = false
    private(set) var canReuse = true
    let maximumBodyBytes: Int

    init(maximumBodyBytes: Int) {
        self.maximumBodyBytes = maximumBodyBytes
        self.parser = UpstreamResponseParser(maximumBodyBytes: maximumBodyBytes)
    }

    /// Begins an exchange: its answer (or failure) goes to `completion`, which fails once `deadline` passes.
    func start(
        isHEAD: Bool, completion: @escaping (Result<UpstreamResponse, any Error>) -> Void, deadline: NIODeadline,
        channel: Channel
    ) {
        self.completion = completion
        parser = UpstreamResponseParser(maximumBodyBytes: maximumBodyBytes, requestIsHEAD: isHEAD)
        receivedAnything = false
        canReuse = false
        self.deadline = deadline
        if let firesAt = timerFiresAt, firesAt <= deadline { return }
        timer?.cancel()
        setTimer(at: deadline, channel: channel)
    }

    /// A scheduled callback, not a scheduled task: no promise and future.
    private func setTimer(at time: NIODeadline, channel: Channel) {
        timer = try? channel.eventLoop.scheduleCallback(at: time, handler: Timer(reader: self, channel: channel))
        timerFiresAt = timer == nil ? nil : time
    }

    /// Fails the exchange in progress if its deadline has passed (and closes the connection); else sets the timer
    /// for its deadline.
    func timerFired(channel: Channel) {
        timer = nil
        timerFiresAt = nil
        guard completion != nil, let deadline else { return }
        if deadline <= channel.eventLoop.now {
            fail(UpstreamConnectionError.timedOut)
            channel.close(promise: nil)
        } else {
            setTimer(at: deadline, channel: channel)
        }
    }

    /// The connection's timer.
    private struct Timer: NIOScheduledCallbackHandler, @unchecked Sendable {
        let reader: ResponseReader
        let channel: Channel

        func handleScheduledCallback(eventLoop: some EventLoop) {
            reader.timerFired(channel: channel)
        }
    }

    func fail(_ error: Error) {
        finish(.failure(error), reusable: false)
    }

    private func succeed(_ response: UpstreamResponse) {
        finish(.success(response), reusable: response.keepAlive)
    }

    /// Ends the exchange in progress (if any) with `result`: its completion is called once.
    private func finish(_ result: Result<UpstreamResponse, any Error>, reusable: Bool) {
        deadline = nil
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
        timer?.cancel()
        timer = nil
        timerFiresAt = nil
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        fail(error)
        context.close(promise: nil)
    }
}
