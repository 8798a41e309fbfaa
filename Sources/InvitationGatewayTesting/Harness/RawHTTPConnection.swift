import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A plain TCP connection for tests that write HTTP by hand: pipelined requests, HTTP/1.0, malformed heads.
public final class RawHTTPConnection: Sendable {
    private let channel: any Channel
    private let received: ReceivedBytes

    private init(channel: any Channel, received: ReceivedBytes) {
        self.channel = channel
        self.received = received
    }

    /// Connects to `host:port` (loopback in tests).
    public static func connect(host: String = "127.0.0.1", port: Int) async throws -> RawHTTPConnection {
        let received = ReceivedBytes()
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteRecorder(received: received))
                }
            }
            .connect(host: host, port: port).get()
        return RawHTTPConnection(channel: channel, received: received)
    }

    /// Writes `text` as it is (CRLFs included).
    public func send(_ text: String) async throws {
        try await channel.writeAndFlush(ByteBuffer(string: text)).get()
    }

    /// Everything received so far, once `isComplete` holds for it (or the far end closed, or `timeout` passed).
    public func receive(
        timeout: Duration = .seconds(5), until isComplete: @Sendable (String) -> Bool
    ) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            let (text, closed) = received.snapshot
            if isComplete(text) || closed || clock.now >= deadline { return text }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Closes this side for writing (a half-close): the far end reads end-of-input.
    public func closeOutput() async throws {
        try await channel.close(mode: .output)
    }

    /// Whether the far end has closed the connection.
    public var isClosedByPeer: Bool { received.snapshot.closed }

    /// Closes the connection.
    public func close() async {
        try? await channel.close()
    }
}

private final class ReceivedBytes: Sendable {
    private let state = NIOLockedValueBox((bytes: [UInt8](), closed: false))

    var snapshot: (text: String, closed: Bool) {
        state.withLockedValue { (String(decoding: $0.bytes, as: UTF8.self), $0.closed) }
    }

    func append(_ buffer: ByteBuffer) {
        state.withLockedValue { $0.bytes.append(contentsOf: buffer.readableBytesView) }
    }

    func markClosed() { state.withLockedValue { $0.closed = true } }
}

private final class ByteRecorder: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let received: ReceivedBytes

    init(received: ReceivedBytes) { self.received = received }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) { received.append(unwrapInboundIn(data)) }

    func channelInactive(context: ChannelHandlerContext) {
        received.markClosed()
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // With half-closure allowed, the far end's close arrives as end-of-input.
        if case ChannelEvent.inputClosed = event { received.markClosed() }
        context.fireUserInboundEventTriggered(event)
    }
}
