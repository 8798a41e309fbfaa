import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOSSL
import ServiceLifecycle

/// A stub upstream on a free loopback port: records every request and answers canned responses per route.
///
/// Use ``withStub(tls:_:)``; the stub stops when the closure returns.
public final class StubUpstream: Sendable {
    struct State {
        var requests: [RecordedRequest] = []
        var responses: [String: StubResponse] = [:]
        var fallback: StubResponse = .json(#"{"detail":"Not Found"}"#, status: 404)
        var stopping = false
    }

    /// The port it listens on (set once running).
    public let port: Int
    /// Whether it serves HTTPS.
    public let usesTLS: Bool

    init(port: Int, usesTLS: Bool, state: NIOLockedValueBox<State>) {
        self.port = port
        self.usesTLS = usesTLS
        self.stateBox = state
    }

    let stateBox: NIOLockedValueBox<State>

    /// `http://127.0.0.1:PORT` (or `https://localhost:PORT` for TLS, matching the test certificate).
    public var baseURL: String { usesTLS ? "https://localhost:\(port)" : "http://127.0.0.1:\(port)" }

    /// Every request received so far, in arrival order.
    public var requests: [RecordedRequest] { stateBox.withLockedValue { $0.requests } }

    /// Answer `response` to `method path` (path without query).
    public func on(_ method: String, _ path: String, _ response: StubResponse) {
        stateBox.withLockedValue { $0.responses["\(method) \(path)"] = response }
    }

    /// Answer `response` to every route without its own.
    public func onAnyRoute(_ response: StubResponse) {
        stateBox.withLockedValue { $0.fallback = response }
    }

    /// Forgets the recorded requests.
    public func clearRequests() {
        stateBox.withLockedValue { $0.requests.removeAll() }
    }

    /// Runs a stub on 127.0.0.1 (a free port) for the duration of `body`; with `tls`, it serves HTTPS.
    public static func withStub<Value: Sendable>(
        tls: TLSConfiguration? = nil, _ body: @Sendable (StubUpstream) async throws -> Value
    ) async throws -> Value {
        let stateBox = NIOLockedValueBox(State())
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "stub-upstream")
        logger.logLevel = .critical
        let server: HTTPServerBuilder
        if let tls {
            let context = try NIOSSLContext(configuration: tls)
            server = HTTPServerBuilder { responder in
                TLSStubChannel(HTTP1Channel(responder: responder), context: context)
            }
        } else {
            server = .http1()
        }
        let app = Application(
            responder: StubResponder(state: stateBox), server: server,
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            },
            logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [app], logger: logger))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = portStream.makeAsyncIterator()
            guard let port = await iterator.next() else { throw CancellationError() }
            let stub = StubUpstream(port: port, usesTLS: tls != nil, state: stateBox)
            do {
                let value = try await body(stub)
                stateBox.withLockedValue { $0.stopping = true }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return value
            } catch {
                stateBox.withLockedValue { $0.stopping = true }
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }
}

/// Records each request and answers from the stub's table.
struct StubResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let state: NIOLockedValueBox<StubUpstream.State>

    func respond(to request: Request, context: Context) async throws -> Response {
        var body: [UInt8] = []
        for try await chunk in request.body { body.append(contentsOf: chunk.readableBytesView) }
        let recorded = RecordedRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query, headers: request.headers,
            body: body)
        let response = state.withLockedValue { state -> StubResponse in
            state.requests.append(recorded)
            return state.responses["\(recorded.method) \(recorded.path)"] ?? state.fallback
        }
        switch response.behavior {
        case .answer(let status, let headers, let bytes):
            return Response(
                status: HTTPResponse.Status(code: status), headers: headers,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        case .hang(let duration):
            let clock = ContinuousClock()
            let end = clock.now.advanced(by: duration)
            while clock.now < end, !state.withLockedValue({ $0.stopping }) {
                try? await Task.sleep(for: .milliseconds(20))
            }
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: "{}")))
        }
    }
}
