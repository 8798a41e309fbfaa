import HummingbirdCore
import Logging
import NIOCore

/// The server's child channel: HTTP/1.1 straight into a ``GatewayChannelHandler``, with no async sequence between.
///
/// Hummingbird's own HTTP/1 channel hands every request part through a `NIOAsyncChannel` to an async
/// responder; a proxy pays for each of those hops on every request. This channel keeps Hummingbird's server,
/// lifecycle and graceful shutdown (NIO's quiescing reaches the pipeline handler) but answers from the pipeline.
struct GatewayChannel: ServerChildChannel {
    /// One accepted connection; ``handle(value:logger:)`` waits for it to close.
    struct Connection: ServerChildChannelValue {
        let channel: any Channel
    }

    let gateway: Gateway
    let executors: EventLoopTaskExecutors

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Connection> {
        channel.eventLoop.makeCompletedFuture {
            // One handler reads the bytes with its own parser, writes its answers as bytes, orders pipelined
            // requests, quiesces and answers malformed requests itself: NIO's decoder would hand each request part
            // through the pipeline as `HTTPHeaders` strings, its pipelining assistance would stop and restart
            // reading around every request (two epoll_ctl calls each), and its encoder, header validator and error
            // handler would each sit in the path of every write.
            try channel.pipeline.syncOperations.addHandler(
                GatewayChannelHandler(gateway: gateway, executor: executors.executor(for: channel.eventLoop)))
            return Connection(channel: channel)
        }
    }

    func handle(value connection: Connection, logger: Logger) async {
        try? await connection.channel.closeFuture.get()
    }
}
