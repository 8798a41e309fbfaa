import NIOCore

/// One keep-alive HTTP/1.1 connection to an upstream: sends one request at a time and reads the answer.
final class UpstreamConnection {
    let channel: Channel
    private let reader: ResponseReader

    init(channel: Channel, reader: ResponseReader) {
        self.channel = channel
        self.reader = reader
    }

    /// Whether it can carry another request.
    var isUsable: Bool { channel.isActive && reader.canReuse }

    /// Sends a request, already written out as bytes (on the connection's event loop); `completion` gets its
    /// answer, or the failure when the connection drops first or the deadline passes (a failed write closes the
    /// connection, which fails it too).
    func execute(
        _ request: ByteBuffer, isHEAD: Bool, deadline: NIODeadline,
        completion: @escaping (Result<UpstreamResponse, any Error>) -> Void
    ) {
        reader.start(isHEAD: isHEAD, completion: completion, deadline: deadline, channel: channel)
        guard channel.isActive else {
            return reader.fail(UpstreamConnectionError.closedBeforeAnswer(receivedAnything: false))
        }
        channel.write(request, promise: nil)
        FlushCoalescer.flushSoon(channel)
    }
}

/// Why an upstream exchange failed.
enum UpstreamConnectionError: Error {
    case closedBeforeAnswer(receivedAnything: Bool)
    case timedOut
    case answerTooLarge
    case malformedAnswer(UpstreamResponseError)
}
