import NIOCore
import NIOPosix

/// A loopback server that answers every request it reads with fixed bytes, then optionally closes: for
/// answers no real server would give (broken framing, chunked bodies, truncation) over real sockets.
final class CannedUpstream: Sendable {
    let channel: any Channel
    var port: Int { channel.localAddress!.port! }

    init(answer: String, closeAfterAnswer: Bool = false) async throws {
        channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(
                        Answerer(answer: answer, closeAfterAnswer: closeAfterAnswer))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
    }

    func stop() async throws { try await channel.close() }

    /// Answers once per read that ends a request head (the tests' requests arrive in one piece).
    private final class Answerer: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let answer: String
        let closeAfterAnswer: Bool

        init(answer: String, closeAfterAnswer: Bool) {
            self.answer = answer
            self.closeAfterAnswer = closeAfterAnswer
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let request = unwrapInboundIn(data)
            guard String(buffer: request).contains("\r\n\r\n") else { return }
            let write = context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: answer)))
            if closeAfterAnswer {
                let context = NIOLoopBound(context, eventLoop: context.eventLoop)
                write.whenComplete { _ in context.value.close(promise: nil) }
            }
        }
    }
}
