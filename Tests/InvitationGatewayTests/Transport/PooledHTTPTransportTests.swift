import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InvitationCore
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import Testing

@testable import InvitationGateway

@Suite struct PooledHTTPTransportTests {
    /// A small upstream: echoes POST bodies, reports the headers it got, and can be slow.
    static func upstream() -> some ApplicationProtocol {
        let router = Router()
        router.post("/echo") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            headers[HTTPField.Name("X-Seen-Request-Id")!] = request.headers[HTTPField.Name("X-Request-Id")!] ?? "none"
            return Response(status: .created, headers: headers, body: .init(byteBuffer: body))
        }
        router.get("/{prefix}/whoami") { _, context -> String in
            try context.parameters.require("prefix")
        }
        router.get("/slow") { _, _ -> String in
            try await Task.sleep(for: .seconds(2))
            return "late"
        }
        router.get("/close") { _, _ -> Response in
            Response(status: .ok, headers: [.connection: "close"], body: .init(byteBuffer: ByteBuffer(string: "bye")))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    @Test func sendsAndReadsOverReusedConnections() async throws {
        let transport = PooledHTTPTransport()
        try await Self.upstream().test(.live) { client in
            let port = try #require(client.port)
            for index in 0..<20 {
                var headers = HTTPFields()
                headers[HTTPField.Name("X-Request-Id")!] = "req-\(index)"
                let body = Array(#"{"n":\#(index)}"#.utf8)
                let response = try await transport.send(
                    DialectRequest(method: "POST", path: "/echo", body: body, contentType: "application/json"),
                    headers: headers, baseURL: "http://127.0.0.1:\(port)", timeout: .seconds(5))
                #expect(response.status == 201)
                #expect(response.body == body)
                #expect(response.headers[HTTPField.Name("X-Seen-Request-Id")!] == "req-\(index)")
            }
        }
        await transport.shutdown()
    }

    /// Sends `count` echo requests at once and expects every one answered with its own body.
    ///
    /// Each has 30 seconds: with a limit of one connection they are answered one after another, and on a loaded
    /// machine forty of them have taken more than five.
    static func sendAtOnce(_ count: Int, through transport: PooledHTTPTransport, port: Int) async throws {
        try await withThrowingTaskGroup(of: Bool.self) { tasks in
            for index in 0..<count {
                tasks.addTask {
                    let body = Array("\(index)".utf8)
                    let response = try await transport.send(
                        DialectRequest(method: "POST", path: "/echo", body: body), headers: HTTPFields(),
                        baseURL: "http://127.0.0.1:\(port)", timeout: .seconds(30))
                    return response.status == 201 && response.body == body
                }
            }
            for try await answered in tasks { #expect(answered) }
        }
    }

    @Test(arguments: [1, 3])
    func queuesRequestsPastTheConnectionLimit(limit: Int) async throws {
        // One event loop, so every request shares one pool and its limit.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let transport = PooledHTTPTransport(group: group, maximumConnectionsPerLoop: limit)
        try await Self.upstream().test(.live) { client in
            try await Self.sendAtOnce(40, through: transport, port: try #require(client.port))
        }
        await transport.shutdown()
        try await group.shutdownGracefully()
    }

    @Test func aRequestQueuedPastItsDeadlineFailsWithoutWaitingForAConnection() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let transport = PooledHTTPTransport(group: group, maximumConnectionsPerLoop: 1)
        try await Self.upstream().test(.live) { client in
            let baseURL = "http://127.0.0.1:\(try #require(client.port))"
            let slowDone = NIOLockedValueBox(false)
            async let slow = {
                defer { slowDone.withLockedValue { $0 = true } }
                return try await transport.send(
                    DialectRequest(method: "GET", path: "/slow"), headers: HTTPFields(), baseURL: baseURL,
                    timeout: .seconds(5))
            }()
            try await Task.sleep(for: .milliseconds(200))
            let error = await #expect(throws: GatewayError.self) {
                _ = try await transport.send(
                    DialectRequest(method: "GET", path: "/slow"), headers: HTTPFields(), baseURL: baseURL,
                    timeout: .milliseconds(300))
            }
            #expect(error?.code == .gatewayTimeout)
            // It left the queue at its own deadline: the only connection is still busy with the 2-second call.
            #expect(slowDone.withLockedValue { $0 } == false)
            #expect(try await slow.status == 200)
        }
        await transport.shutdown()
        try await group.shutdownGracefully()
    }

    @Test func carriesConcurrentRequests() async throws {
        let transport = PooledHTTPTransport()
        try await Self.upstream().test(.live) { client in
            try await Self.sendAtOnce(64, through: transport, port: try #require(client.port))
        }
        await transport.shutdown()
    }

    @Test func aConnectionTheUpstreamClosesIsNotReused() async throws {
        let transport = PooledHTTPTransport()
        try await Self.upstream().test(.live) { client in
            let port = try #require(client.port)
            for _ in 0..<3 {
                let response = try await transport.send(
                    DialectRequest(method: "GET", path: "/close"), headers: HTTPFields(),
                    baseURL: "http://127.0.0.1:\(port)", timeout: .seconds(5))
                #expect(response.status == 200)
                #expect(response.body == Array("bye".utf8))
            }
        }
        await transport.shutdown()
    }

    @Test func aSlowUpstreamIsAGatewayTimeout() async throws {
        let transport = PooledHTTPTransport()
        try await Self.upstream().test(.live) { client in
            let port = try #require(client.port)
            await #expect(throws: GatewayError.self) {
                _ = try await transport.send(
                    DialectRequest(method: "GET", path: "/slow"), headers: HTTPFields(),
                    baseURL: "http://127.0.0.1:\(port)", timeout: .milliseconds(200))
            }
            do throws(GatewayError) {
                _ = try await transport.send(
                    DialectRequest(method: "GET", path: "/slow"), headers: HTTPFields(),
                    baseURL: "http://127.0.0.1:\(port)", timeout: .milliseconds(200))
            } catch {
                #expect(error.code == .gatewayTimeout)
                #expect(!error.message.contains("127.0.0.1"))
            }
        }
        await transport.shutdown()
    }

    @Test func aRefusedConnectionIsABadGateway() async throws {
        let transport = PooledHTTPTransport()
        // Port 9 (discard) is not served on loopback here.
        do throws(GatewayError) {
            _ = try await transport.send(
                DialectRequest(method: "GET", path: "/"), headers: HTTPFields(), baseURL: "http://127.0.0.1:9",
                timeout: .seconds(2))
            Issue.record("expected a failure")
        } catch {
            #expect(error.code == .badGateway)
            #expect(!error.message.contains("127.0.0.1"))
        }
        await transport.shutdown()
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080", "127.0.0.1", 8080, ""),
        ("http://localhost", "localhost", 80, ""),
        ("http://[::1]:9000/api/", "::1", 9000, "/api"),
    ])
    func parsesUpstreamAddresses(url: String, host: String, port: Int, prefix: String) throws {
        let address = try #require(UpstreamAddress(baseURL: url))
        #expect(address.host == host)
        #expect(address.port == port)
        #expect(address.pathPrefix == prefix)
    }

    @Test func addressesAreEqualAndHashAlikeOnlyWhenEveryPartIs() throws {
        let urls = [
            "http://127.0.0.1:8080", "http://127.0.0.1:8080/", "http://127.0.0.1:8081", "http://127.0.0.2:8080",
            "http://127.0.0.1:8080/api", "http://localhost", "http://localhost:80",
        ]
        let addresses = try urls.map { try #require(UpstreamAddress(baseURL: $0)) }
        for (a, first) in addresses.enumerated() {
            for (b, second) in addresses.enumerated() {
                let same =
                    first.host == second.host && first.port == second.port
                    && first.pathPrefix == second.pathPrefix && first.hostHeader == second.hostHeader
                #expect((first == second) == same, "\(urls[a]) vs \(urls[b])")
                if same { #expect(first.hashValue == second.hashValue) }
            }
        }
        // A trailing slash and the default port name the same upstream.
        #expect(Set(addresses).count == 5)
    }

    /// More upstreams than the transport keeps parsed: each request still reaches its own base URL.
    @Test func reachesMoreUpstreamsThanItKeepsParsed() async throws {
        let transport = PooledHTTPTransport()
        try await Self.upstream().test(.live) { client in
            let port = try #require(client.port)
            for round in 0..<2 {
                for index in 0..<40 {
                    let response = try await transport.send(
                        DialectRequest(method: "GET", path: "/whoami", body: []), headers: HTTPFields(),
                        baseURL: "http://127.0.0.1:\(port)/upstream\(index)", timeout: .seconds(5))
                    #expect(response.status == 200)
                    #expect(response.body == Array("upstream\(index)".utf8), "round \(round)")
                }
            }
        }
        await transport.shutdown()
    }

    @Test(arguments: ["https://example.com", "ftp://x", "http://", "http://host:99999", "http://user@host"])
    func refusesOtherAddresses(url: String) {
        #expect(UpstreamAddress(baseURL: url) == nil)
    }

    /// Answers framed every way HTTP/1.1 allows, and broken ones, over real sockets.
    @Test(arguments: [
        (
            "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n3\r\n\":1\r\n1\r\n}\r\n0\r\n\r\n",
            false, 201
        ),
        ("HTTP/1.1 201 Created\r\nConnection: close\r\n\r\n{\"a\":1}", true, 201),
        ("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 7\r\n\r\n{\"a\":1}", false, 201),
    ])
    func readsEveryFraming(answer: String, closes: Bool, status: Int) async throws {
        let upstream = try await CannedUpstream(answer: answer, closeAfterAnswer: closes)
        let transport = PooledHTTPTransport()
        for _ in 0..<3 {
            let response = try await transport.send(
                DialectRequest(method: "POST", path: "/x", body: Array("{}".utf8)), headers: HTTPFields(),
                baseURL: "http://127.0.0.1:\(upstream.port)", timeout: .seconds(5))
            #expect(response.status == status)
            #expect(response.body == Array(#"{"a":1}"#.utf8))
        }
        await transport.shutdown()
        try await upstream.stop()
    }

    /// A broken answer is a 502 that names no address, and a truncated one is not retried as if unanswered.
    @Test(arguments: [
        ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nabcde", "not valid HTTP/1.1"),
        ("garbage\r\n\r\n", "not valid HTTP/1.1"),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n", "not valid HTTP/1.1"),
        ("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort", "could not be reached"),
    ])
    func brokenAnswersAreBadGateways(answer: String, message: String) async throws {
        let upstream = try await CannedUpstream(answer: answer, closeAfterAnswer: true)
        let transport = PooledHTTPTransport()
        let error = await #expect(throws: GatewayError.self) {
            _ = try await transport.send(
                DialectRequest(method: "GET", path: "/x"), headers: HTTPFields(),
                baseURL: "http://127.0.0.1:\(upstream.port)", timeout: .seconds(5))
        }
        #expect(error?.code == .badGateway)
        #expect(error?.message.contains(message) == true)
        #expect(error?.message.contains("127.0.0.1") == false)
        await transport.shutdown()
        try await upstream.stop()
    }
}
