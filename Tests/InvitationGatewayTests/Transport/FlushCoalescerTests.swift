import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded
import NIOPosix
import Testing

@testable import InvitationGateway

/// Writes flushed together once the event loop's tick ends.
@Suite struct FlushCoalescerTests {
    static func activeChannel(on loop: EmbeddedEventLoop = EmbeddedEventLoop()) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    static func written(_ channel: EmbeddedChannel) throws -> [String] {
        var texts: [String] = []
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) { texts.append(String(buffer: buffer)) }
        return texts
    }

    @Test func writesWaitForTheEndOfTheTickThenAllGoOut() throws {
        let loop = EmbeddedEventLoop()
        let first = try Self.activeChannel(on: loop)
        let second = try Self.activeChannel(on: loop)
        first.write(ByteBuffer(string: "a"), promise: nil)
        FlushCoalescer.flushSoon(first)
        second.write(ByteBuffer(string: "b"), promise: nil)
        FlushCoalescer.flushSoon(second)
        first.write(ByteBuffer(string: "c"), promise: nil)
        FlushCoalescer.flushSoon(first)
        #expect(try Self.written(first).isEmpty)
        #expect(try Self.written(second).isEmpty)
        loop.run()
        #expect(try Self.written(first) == ["a", "c"])
        #expect(try Self.written(second) == ["b"])
    }

    @Test func aLaterTickFlushesItsOwnWrites() throws {
        let channel = try Self.activeChannel()
        for text in ["one", "two"] {
            channel.write(ByteBuffer(string: text), promise: nil)
            FlushCoalescer.flushSoon(channel)
            channel.embeddedEventLoop.run()
            #expect(try Self.written(channel) == [text])
        }
    }

    @Test func loopsTakingTurnsOnOneThreadEachFlushTheirOwnChannels() throws {
        let first = try Self.activeChannel()
        let second = try Self.activeChannel()
        first.write(ByteBuffer(string: "a"), promise: nil)
        FlushCoalescer.flushSoon(first)
        second.write(ByteBuffer(string: "b"), promise: nil)
        FlushCoalescer.flushSoon(second)
        first.embeddedEventLoop.run()
        second.embeddedEventLoop.run()
        #expect(try Self.written(first) == ["a"])
        #expect(try Self.written(second) == ["b"])
    }

    @Test func aClosedChannelIsSkipped() throws {
        let closed = try Self.activeChannel()
        let open = try Self.activeChannel(on: closed.embeddedEventLoop)
        closed.write(ByteBuffer(string: "lost"), promise: nil)
        FlushCoalescer.flushSoon(closed)
        open.write(ByteBuffer(string: "kept"), promise: nil)
        FlushCoalescer.flushSoon(open)
        _ = try closed.finish()
        closed.embeddedEventLoop.run()
        #expect(try Self.written(open) == ["kept"])
    }

    @Test func offTheLoopTheFlushIsImmediate() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let received = NIOLockedValueBox(ByteBuffer())
        let server = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Collector(received: received))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let client = try await ClientBootstrap(group: group)
            .connect(host: "127.0.0.1", port: try #require(server.localAddress?.port)).get()
        #expect(!client.eventLoop.inEventLoop)
        client.write(ByteBuffer(string: "hello"), promise: nil)
        FlushCoalescer.flushSoon(client)
        for _ in 0..<200 where received.withLockedValue({ $0.readableBytes }) < 5 {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(String(buffer: received.withLockedValue { $0 }) == "hello")
        try await client.close()
        try await server.close()
        try await group.shutdownGracefully()
    }

    /// Keeps what a server connection receives.
    final class Collector: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        let received: NIOLockedValueBox<ByteBuffer>
        init(received: NIOLockedValueBox<ByteBuffer>) { self.received = received }
        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var bytes = unwrapInboundIn(data)
            received.withLockedValue { _ = $0.writeBuffer(&bytes) }
        }
    }
}
