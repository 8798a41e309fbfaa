import Foundation
import HTTPTypes
import HummingbirdTesting
import InvitationCore
import InvitationGateway
import InvitationGatewayTesting
import NIOPosix
import Testing

/// HTTP/1.1 on the gateway's own connections, written by hand over real sockets.
@Suite struct GatewayConnectionTests {
    static let create =
        "POST /api/v1/org/acme/invitations HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\n"
        + "Content-Length: 43\r\n\r\n{\"email\":\"new@example.com\",\"role\":\"member\"}"
    static let created = StubResponse.json(
        #"{"id":"i1","email":"new@example.com","roles":["member"],"status":"pending"}"#, status: 201)

    /// Runs `body` with a raw connection to a gateway whose dreadnode callers reach a k0rdent stub.
    func withConnection(
        bodyLimitBytes: Int? = nil, _ body: @Sendable (RawHTTPConnection, StubUpstream) async throws -> Void
    ) async throws {
        try await StubUpstream.withStub { stub in
            stub.onAnyRoute(Self.created)
            var configuration = GatewayHarness.configuration(dialect: "k0rdent", url: stub.baseURL)
            if let bodyLimitBytes { configuration.bodyLimitBytes = bodyLimitBytes }
            try await GatewayHarness.test(try GatewayHarness.runtime(configuration), .live) { client in
                let connection = try await RawHTTPConnection.connect(port: try #require(client.port))
                do {
                    try await body(connection, stub)
                    await connection.close()
                } catch {
                    await connection.close()
                    throw error
                }
            }
        }
    }

    static func count(_ text: String, _ needle: String) -> Int { text.components(separatedBy: needle).count - 1 }

    /// The last answer in `text` (an HTTP/1.1 one whose body holds no status line), its fields parsed.
    static func lastAnswer(in text: String) -> CallerAnswer? {
        guard let start = text.range(of: "HTTP/1.1 ", options: .backwards),
            let headEnd = text.range(of: "\r\n\r\n", range: start.upperBound..<text.endIndex),
            let status = Int(text[start.upperBound...].prefix(3))
        else { return nil }
        var fields = HTTPFields()
        for line in text[start.upperBound..<headEnd.lowerBound].components(separatedBy: "\r\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":"), let name = HTTPField.Name(String(line[..<colon])) else {
                return nil
            }
            fields.append(
                HTTPField(name: name, value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        return CallerAnswer(status: status, headers: fields, body: String(text[headEnd.upperBound...]))
    }

    /// The last answer in `text`, checked to be `status` in `dialect`'s error envelope as a connection's last
    /// answer: a JSON body of the declared length and the envelope's content type, an `X-Request-Id`, and
    /// `connection: close`.
    static func expectErrorEnvelope(
        in text: String, status: Int, dialect: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> CallerAnswer {
        let answer = try #require(lastAnswer(in: text), sourceLocation: sourceLocation)
        let registry = try GatewayHarness.registry()
        #expect(answer.status == status, sourceLocation: sourceLocation)
        #expect(
            answer.header("Content-Type") == registry.dialect(named: dialect)?.errors.contentType,
            sourceLocation: sourceLocation)
        #expect(answer.header("Content-Length") == String(answer.body.utf8.count), sourceLocation: sourceLocation)
        #expect(answer.header("Connection") == "close", sourceLocation: sourceLocation)
        #expect(answer.header("X-Request-Id")?.isEmpty == false, sourceLocation: sourceLocation)
        #expect(answer.json?.objectValue != nil, "body: \(answer.body)", sourceLocation: sourceLocation)
        return answer
    }

    @Test func pipelinedRequestsAreAnsweredInOrderOnOneConnection() async throws {
        try await withConnection { connection, stub in
            try await connection.send(
                "GET /healthz HTTP/1.1\r\nHost: gw\r\n\r\n" + Self.create + "GET /nowhere HTTP/1.1\r\nHost: gw\r\n\r\n")
            let text = try await connection.receive { Self.count($0, "HTTP/1.1 ") == 3 && $0.hasSuffix("}") }
            let statuses = text.components(separatedBy: "HTTP/1.1 ").dropFirst().map { String($0.prefix(3)) }
            #expect(statuses == ["200", "200", "404"])  // dreadnode answers a create with 200
            #expect(Self.count(text.lowercased(), "\r\ndate: ") == 3)
            #expect(Self.count(text.lowercased(), "\r\nx-request-id: ") == 3)
            #expect(!connection.isClosedByPeer)
            #expect(stub.requests.count == 1)
        }
    }

    @Test func aHalfCloseGetsEveryAnswerThenTheConnectionCloses() async throws {
        try await withConnection { connection, stub in
            try await connection.send(Self.create + Self.create)
            try await connection.closeOutput()
            let text = try await connection.receive { _ in false }
            #expect(Self.count(text, "HTTP/1.1 200") == 2)
            #expect(Self.count(text.lowercased(), "\r\nconnection: close\r\n") == 1)
            #expect(connection.isClosedByPeer)
            #expect(stub.requests.count == 2)
        }
    }

    @Test func expectContinueIsAnsweredBeforeTheBody() async throws {
        try await withConnection { connection, stub in
            try await connection.send(
                "POST /api/v1/org/acme/invitations HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 43\r\nExpect: 100-continue\r\n\r\n")
            let interim = try await connection.receive { $0.hasSuffix("\r\n\r\n") }
            #expect(interim == "HTTP/1.1 100 Continue\r\n\r\n")
            try await connection.send(#"{"email":"new@example.com","role":"member"}"#)
            let text = try await connection.receive { $0.hasSuffix("}") }
            #expect(text.contains("HTTP/1.1 200 OK"))
            #expect(stub.requests.count == 1)
        }
    }

    @Test func connectionCloseIsHonoured() async throws {
        try await withConnection { connection, _ in
            try await connection.send("GET /healthz HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n")
            let text = try await connection.receive { _ in false }
            #expect(text.hasPrefix("HTTP/1.1 200"))
            #expect(text.lowercased().contains("\r\nconnection: close\r\n"))
            #expect(connection.isClosedByPeer)
        }
    }

    @Test func http10ClosesUnlessAskedToKeepAlive() async throws {
        try await withConnection { connection, _ in
            try await connection.send("GET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let first = try await connection.receive { $0.hasSuffix("}") }
            #expect(first.hasPrefix("HTTP/1.0 200"))
            #expect(first.lowercased().contains("\r\nconnection: keep-alive\r\n"))
            try await connection.send("GET /healthz HTTP/1.0\r\n\r\n")
            _ = try await connection.receive { _ in false }
            #expect(connection.isClosedByPeer)
        }
    }

    @Test func headAnswersWithHeadersOnly() async throws {
        try await withConnection { connection, _ in
            try await connection.send(
                "HEAD /healthz HTTP/1.1\r\nHost: gw\r\n\r\nGET /healthz HTTP/1.1\r\nHost: gw\r\n\r\n")
            let text = try await connection.receive { Self.count($0, "HTTP/1.1 200") == 2 && $0.hasSuffix("}") }
            let answers = text.components(separatedBy: "HTTP/1.1 200").dropFirst()
            #expect(answers.count == 2)
            #expect(answers.first?.hasSuffix("\r\n\r\n") == true)  // no body after the HEAD answer's headers
            #expect(answers.first?.lowercased().contains("content-length: 15") == true)
        }
    }

    @Test(arguments: [
        "Content-Length: 600\r\n\r\n" + String(repeating: "x", count: 600),
        "Transfer-Encoding: chunked\r\n\r\n258\r\n" + String(repeating: "x", count: 600) + "\r\n0\r\n\r\n",
    ])
    func anOversizedBodyIs413InTheCallersEnvelopeAndTheConnectionGoesOn(framing: String) async throws {
        try await withConnection(bodyLimitBytes: 512) { connection, stub in
            try await connection.send(
                "POST /api/v1/org/acme/invitations HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\n" + framing
                    + "GET /healthz HTTP/1.1\r\nHost: gw\r\n\r\n")
            let text = try await connection.receive { Self.count($0, "HTTP/1.1 ") == 2 && $0.hasSuffix("}") }
            #expect(text.hasPrefix("HTTP/1.1 413"))
            #expect(text.contains(#""type":"invalid_request_error""#))  // dreadnode's envelope
            #expect(text.contains("HTTP/1.1 200"))
            #expect(stub.requests.isEmpty)
        }
    }

    @Test(arguments: [
        ("GARBAGE\r\n\r\n", nil), ("\u{1}\u{2}\u{3}\r\n\r\n", nil), ("GET /x HTTP/1.1\n\n", nil),
        ("GET / HTTP/2.0\r\nHost: gw\r\n\r\n", nil), ("GET / HTTP/1.1\r\nBad Header\r\n\r\n", "/"),
    ])
    func aMalformedRequestIs400InTheDefaultEnvelopeAndClosed(request: String, instance: String?) async throws {
        try await withConnection { connection, stub in
            try await connection.send(request)
            let text = try await connection.receive { _ in false }
            #expect(text.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
            let answer = try Self.expectErrorEnvelope(in: text, status: 400, dialect: "inkeep")
            #expect(answer.json?["code"] == "bad_request")
            #expect(answer.json?["detail"]?.stringValue?.hasPrefix("The HTTP request could not be read: ") == true)
            #expect(answer.json?["instance"]?.stringValue == instance)
            #expect(answer.json?["requestId"]?.stringValue == answer.header("X-Request-Id"))
            #expect(connection.isClosedByPeer)
            #expect(stub.requests.isEmpty)
        }
    }

    @Test func aBadHeaderOnAnInkeepPathIs400InInkeepsEnvelope() async throws {
        try await withConnection { connection, stub in
            try await connection.send(
                "POST /manage/api/invitations HTTP/1.1\r\nHost: gw\r\nX-Request-Id: caller-1\r\nBad Header\r\n\r\n")
            let text = try await connection.receive { _ in false }
            let answer = try Self.expectErrorEnvelope(in: text, status: 400, dialect: "inkeep")
            // The fields did not parse, so the caller's id is not taken from them.
            let requestID = try #require(answer.header("X-Request-Id"))
            #expect(requestID != "caller-1")
            #expect(
                answer.json
                    == json(
                        #"{"code":"bad_request","detail":"The HTTP request could not be read: malformed header field.","#
                            + #""instance":"/manage/api/invitations","requestId":"\#(requestID)","status":400,"#
                            + #""title":"Bad Request","error":{"code":"bad_request","#
                            + #""message":"The HTTP request could not be read: malformed header field."}}"#))
            #expect(connection.isClosedByPeer)
            #expect(stub.requests.isEmpty)
        }
    }

    @Test func aBadHeaderOnAK0rdentPathIs400InK0rdentsEnvelope() async throws {
        try await withConnection { connection, stub in
            try await connection.send(
                "GET /v1/regions/global/organizations/acme/invitations HTTP/1.1\r\nHost: gw\r\nX-Bad\u{1}: x\r\n\r\n")
            let text = try await connection.receive { _ in false }
            let answer = try Self.expectErrorEnvelope(in: text, status: 400, dialect: "k0rdent")
            #expect(
                answer.json
                    == json(
                        #"{"error":{"code":400,"message":"The HTTP request could not be read: malformed header field.","#
                            + #""details":[]}}"#))
            #expect(connection.isClosedByPeer)
            #expect(stub.requests.isEmpty)
        }
    }

    @Test func aBadHeaderInAHEADRequestIsAnsweredWithoutABody() async throws {
        try await withConnection { connection, stub in
            try await connection.send("HEAD /manage/api/invitations/pending HTTP/1.1\r\nHost: gw\r\nBad Header\r\n\r\n")
            let text = try await connection.receive { _ in false }
            #expect(text.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
            #expect(text.hasSuffix("\r\n\r\n"))
            #expect(text.lowercased().contains("\r\ncontent-type: application/problem+json\r\n"))
            #expect(!text.lowercased().contains("\r\ncontent-length: 0\r\n"))
            #expect(connection.isClosedByPeer)
            #expect(stub.requests.isEmpty)
        }
    }

    static let createHead =
        "POST /api/v1/org/acme/invitations HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\n"
    static let createBody = #"{"email":"new@example.com","role":"member"}"#
    static let chunkedBody = "2b\r\n" + createBody + "\r\n0\r\n\r\n"
    static let smuggled = "GET /api/v1/org/acme/invitations HTTP/1.1\r\nHost: gw\r\n\r\n"

    @Test(arguments: [
        "Content-Length: 43\r\nTransfer-Encoding: chunked\r\n\r\n" + chunkedBody + smuggled,
        "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n" + chunkedBody + smuggled,
        "Transfer-Encoding: chunked, identity\r\n\r\n" + createBody,
        "Transfer-Encoding: xchunked\r\n\r\n" + chunkedBody,
        "Transfer-Encoding : chunked\r\n\r\n" + chunkedBody + smuggled,
        "Content-Length: 43\r\nContent-Length: 44\r\n\r\n" + createBody + smuggled,
        "Content-Length: +43\r\n\r\n" + createBody,
        "X-Pad: a\r\n Transfer-Encoding: chunked\r\nContent-Length: 43\r\n\r\n" + createBody,
        "Content-Length: 43\n\n" + createBody + smuggled,
        "Content-Length: 43\r\nHost: other\r\n\r\n" + createBody,
    ])
    func smugglingAttemptsAre400AndClosedAndNeverReachTheUpstream(framing: String) async throws {
        try await withConnection { connection, stub in
            try await connection.send(Self.createHead + framing)
            let text = try await connection.receive { _ in false }
            #expect(text.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
            #expect(Self.count(text, "HTTP/1.1 ") == 1)
            let answer = try Self.expectErrorEnvelope(in: text, status: 400, dialect: "dreadnode")
            #expect(answer.json?["type"] == "invalid_request_error")
            #expect(answer.json?["detail"]?.stringValue?.hasPrefix("The HTTP request could not be read: ") == true)
            #expect(connection.isClosedByPeer)
            #expect(stub.requests.count == 0)
        }
    }

    @Test func aTransferCodingOtherThanChunkedIs501InTheCallersEnvelope() async throws {
        try await withConnection { connection, stub in
            try await connection.send(Self.createHead + "Transfer-Encoding: gzip, chunked\r\n\r\n" + Self.chunkedBody)
            let text = try await connection.receive { _ in false }
            #expect(text.hasPrefix("HTTP/1.1 501 Not Implemented\r\n"))
            let answer = try Self.expectErrorEnvelope(in: text, status: 501, dialect: "dreadnode")
            #expect(
                answer.json
                    == json(
                        #"{"code":501,"detail":"The HTTP request could not be read: transfer coding other than chunked.","#
                            + #""type":"not_implemented_error"}"#))
            #expect(connection.isClosedByPeer)
            #expect(stub.requests.count == 0)
        }
    }

    @Test func a501OnAK0rdentPathSaysItsStatusInK0rdentsEnvelope() async throws {
        try await withConnection { connection, stub in
            try await connection.send(
                "POST /v1/regions/global/organizations/acme/invitations HTTP/1.1\r\nHost: gw\r\n"
                    + "Transfer-Encoding: gzip, chunked\r\n\r\n" + Self.chunkedBody)
            let text = try await connection.receive { _ in false }
            let answer = try Self.expectErrorEnvelope(in: text, status: 501, dialect: "k0rdent")
            #expect(answer.json?["error"]?["code"] == 501)
            #expect(connection.isClosedByPeer)
            #expect(stub.requests.count == 0)
        }
    }

    @Test func aChunkedBodyIsProxied() async throws {
        try await withConnection { connection, stub in
            let body = Array(Self.createBody)
            try await connection.send(
                Self.createHead + "Transfer-Encoding: chunked\r\n\r\na;part=1\r\n" + String(body[..<10]))
            try await connection.send(
                "\r\n21\r\n" + String(body[10...])
                    + "\r\n0\r\nX-Trailer: t\r\n\r\nGET /healthz HTTP/1.1\r\nHost: gw\r\n\r\n")
            let text = try await connection.receive { Self.count($0, "HTTP/1.1 200") == 2 && $0.hasSuffix("}") }
            #expect(Self.count(text, "HTTP/1.1 200") == 2)
            #expect(!connection.isClosedByPeer)
            #expect(stub.requests.count == 1)
            let proxied = String(decoding: stub.requests.first?.body ?? [], as: UTF8.self)
            #expect(proxied.contains("new@example.com"))
        }
    }

    @Test(arguments: [
        ("/healthz", "inkeep"), ("/v1/regions/global/organizations/acme/invitations", "k0rdent"),
        ("/api/v1/org/acme/invitations", "dreadnode"),
    ])
    func anOversizedHeadIs431InTheEnvelopeItsPathPointsToAndClosed(path: String, dialect: String) async throws {
        try await withConnection { connection, stub in
            let start = "GET \(path) HTTP/1.1\r\nHost: gw\r\nX-Long: "
            try await connection.send(start + String(repeating: "a", count: 64 * 1024 - start.utf8.count))
            let text = try await connection.receive { _ in false }
            #expect(text.hasPrefix("HTTP/1.1 431 Request Header Fields Too Large\r\n"))
            let answer = try Self.expectErrorEnvelope(in: text, status: 431, dialect: dialect)
            switch dialect {
            // The envelope's numeric members say the status the answer has, not the code table's 400.
            case "inkeep":
                #expect(answer.json?["code"] == "bad_request")
                #expect(answer.json?["status"] == 431)
                #expect(answer.json?["detail"] == "The HTTP request could not be read: head or trailers too large.")
            case "k0rdent":
                #expect(answer.json?["error"]?["code"] == 431)
            default:
                #expect(answer.json?["type"] == "invalid_request_error")
                #expect(answer.json?["code"] == 431)
            }
            #expect(connection.isClosedByPeer)
            #expect(stub.requests.isEmpty)
        }
    }

    @Test func requestsBeforeAMalformedOneAreAnsweredFirst() async throws {
        try await withConnection { connection, stub in
            try await connection.send(
                Self.create + "GET /healthz HTTP/1.1\r\nHost: gw\r\nHost: gw\r\n\r\n" + Self.create)
            let text = try await connection.receive { _ in false }
            let statuses = text.components(separatedBy: "HTTP/1.1 ").dropFirst().map { String($0.prefix(3)) }
            #expect(statuses == ["200", "400"])
            let answer = try Self.expectErrorEnvelope(in: text, status: 400, dialect: "inkeep")
            #expect(answer.json?["detail"] == "The HTTP request could not be read: more than one Host.")
            #expect(connection.isClosedByPeer)
            #expect(stub.requests.count == 1)
        }
    }

    @Test func aRequestCutShortByAHalfCloseIs400() async throws {
        try await withConnection { connection, stub in
            try await connection.send(
                Self.createHead + "X-Request-Id: caller-1\r\nContent-Length: 43\r\n\r\n{\"email\"")
            try await connection.closeOutput()
            let text = try await connection.receive { _ in false }
            #expect(text.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
            let answer = try Self.expectErrorEnvelope(in: text, status: 400, dialect: "dreadnode")
            #expect(answer.header("X-Request-Id") == "caller-1")  // the head was read whole
            #expect(
                answer.json?["detail"]
                    == "The HTTP request could not be read: request cut short by the end of the connection.")
            #expect(connection.isClosedByPeer)
            #expect(stub.requests.count == 0)
        }
    }
}
