import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded
import Testing

@testable import InvitationGateway

/// One connection's exchanges and its one deadline timer, on an embedded loop whose clock the test moves.
@Suite struct ResponseReaderTests {
    static let answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"

    /// The outcomes of a connection's exchanges, in the order they ended.
    final class Outcomes: Sendable {
        private let results = NIOLockedValueBox<[String]>([])
        var all: [String] { results.withLockedValue { $0 } }

        func record(_ result: Result<UpstreamResponse, any Error>) {
            let text: String
            switch result {
            case .success(let answer): text = "\(answer.response.status)"
            case .failure(UpstreamConnectionError.timedOut): text = "timed out"
            case .failure(let error): text = "\(error)"
            }
            results.withLockedValue { $0.append(text) }
        }
    }

    static func connection() throws -> (EmbeddedChannel, ResponseReader) {
        let channel = EmbeddedChannel()
        let reader = ResponseReader(maximumBodyBytes: 1024)
        try channel.pipeline.syncOperations.addHandler(reader)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return (channel, reader)
    }

    static func start(_ reader: ResponseReader, on channel: EmbeddedChannel, timeout: TimeAmount, _ outcomes: Outcomes)
    {
        reader.start(
            isHEAD: false, completion: outcomes.record, deadline: channel.embeddedEventLoop.now + timeout,
            channel: channel)
    }

    @Test func anEarlierExchangesDeadlinePassingDoesNotFailTheNextOne() throws {
        let (channel, reader) = try Self.connection()
        let outcomes = Outcomes()
        Self.start(reader, on: channel, timeout: .seconds(1), outcomes)
        try channel.writeInbound(ByteBuffer(string: Self.answer))
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(700))
        Self.start(reader, on: channel, timeout: .seconds(1), outcomes)
        // The timer set for the first exchange fires now, during the second.
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(500))
        #expect(outcomes.all == ["200"])
        try channel.writeInbound(ByteBuffer(string: Self.answer))
        #expect(outcomes.all == ["200", "200"])
        #expect(channel.isActive)
        #expect(reader.canReuse)
    }

    @Test func aLaterExchangeTimesOutAtItsOwnDeadline() throws {
        let (channel, reader) = try Self.connection()
        let outcomes = Outcomes()
        Self.start(reader, on: channel, timeout: .seconds(1), outcomes)
        try channel.writeInbound(ByteBuffer(string: Self.answer))
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(400))
        Self.start(reader, on: channel, timeout: .seconds(1), outcomes)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(999))
        #expect(outcomes.all == ["200"])
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(outcomes.all == ["200", "timed out"])
        #expect(!channel.isActive)
    }

    @Test func anIdleConnectionsTimerFiresOnceAndIsNotSetAgain() throws {
        let (channel, reader) = try Self.connection()
        let outcomes = Outcomes()
        Self.start(reader, on: channel, timeout: .seconds(1), outcomes)
        try channel.writeInbound(ByteBuffer(string: Self.answer))
        channel.embeddedEventLoop.advanceTime(by: .seconds(60))
        #expect(outcomes.all == ["200"])
        #expect(channel.isActive)
        // A new exchange gets a timer of its own.
        Self.start(reader, on: channel, timeout: .seconds(1), outcomes)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(outcomes.all == ["200", "timed out"])
    }

    @Test func aShorterDeadlineThanTheTimersReplacesIt() throws {
        let (channel, reader) = try Self.connection()
        let outcomes = Outcomes()
        Self.start(reader, on: channel, timeout: .seconds(10), outcomes)
        try channel.writeInbound(ByteBuffer(string: Self.answer))
        Self.start(reader, on: channel, timeout: .seconds(1), outcomes)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(outcomes.all == ["200", "timed out"])
    }
}
