import HTTPTypes
import InvitationCore
import NIOCore
import Testing

@testable import InvitationGateway

/// The client request parser, without I/O: good requests, requests split anywhere, framing attacks and limits.
@Suite struct RequestParserTests {
    static let maximumBody = 1024

    /// A parsed request in comparable form.
    struct Parsed: Equatable {
        var method: String
        var path: String
        var query: String?
        /// `Name: value`, in order, names as sent.
        var fields: [String]
        var body: [UInt8]?
        var isHTTP10 = false
        var keepAlive = true
        var isHEAD = false
    }

    /// A parser event in comparable form.
    enum Outcome: Equatable {
        case continueExpected
        case request(Parsed)

        /// The request, when this is one.
        var request: Parsed? {
            guard case .request(let request) = self else { return nil }
            return request
        }
    }

    /// Feeds `pieces` in order and collects every event.
    static func parse(_ pieces: [[UInt8]], maximumBody: Int = maximumBody) throws(RequestParseError) -> [Outcome] {
        var parser = RequestParser(maximumBodyBytes: maximumBody)
        var outcomes: [Outcome] = []
        for piece in pieces {
            parser.append(ByteBuffer(bytes: piece))
            while let event = try parser.next() { outcomes.append(Outcome(event)) }
        }
        return outcomes
    }

    /// Feeds `text` in one piece.
    static func parse(_ text: String, maximumBody: Int = maximumBody) throws(RequestParseError) -> [Outcome] {
        try parse([Array(text.utf8)], maximumBody: maximumBody)
    }

    /// Feeds `text` in one piece and expects one request, nothing else.
    static func request(_ text: String) throws -> Parsed {
        let outcomes = try parse(text)
        try #require(outcomes.count == 1)
        return try #require(outcomes[0].request)
    }

    // MARK: Good requests

    @Test func readsAContentLengthRequest() throws {
        let request = try Self.request(
            "POST /v1/x?a=b&c HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\nContent-Length: 7\r\n"
                + "X-Spaced: \t spaced  value \t\r\nX-Empty:\r\n\r\n{\"a\":1}")
        #expect(
            request
                == Parsed(
                    method: "POST", path: "/v1/x", query: "a=b&c",
                    fields: [
                        "Host: gw", "Content-Type: application/json", "Content-Length: 7", "X-Spaced: spaced  value",
                        "X-Empty: ",
                    ],
                    body: Array(#"{"a":1}"#.utf8)))
    }

    @Test func readsAChunkedRequestWithExtensionsAndTrailers() throws {
        let request = try Self.request(
            "POST /c HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: Chunked\r\n\r\n"
                + "4;name=value\r\n{\"a\"\r\n"
                + "9 ; quoted = \"a \\\"b\\\" c\" ;flag\r\n:1234567}\r\n"
                + "0000;last\r\nX-Trailer: t\r\nX-Other:  u \r\n\r\n")
        #expect(request.body == Array(#"{"a":1234567}"#.utf8))
        #expect(request.fields == ["Host: gw", "Transfer-Encoding: Chunked"])  // trailers are dropped
        #expect(request.keepAlive)
    }

    @Test func readsHTTP10WithoutHost() throws {
        let request = try Self.request("GET /healthz HTTP/1.0\r\n\r\n")
        #expect(
            request
                == Parsed(
                    method: "GET", path: "/healthz", fields: [], body: [], isHTTP10: true, keepAlive: false))
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: a\r\n\r\n", true),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, CLOSE\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\n\r\n", true),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n", false),
        ("GET / HTTP/1.0\r\n\r\n", false),
        ("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true),
        ("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", true),
        ("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n", false),
        ("GET / HTTP/1.0\r\nConnection: keep-alives\r\n\r\n", false),
    ])
    func keepAlive(text: String, expected: Bool) throws {
        #expect(try Self.request(text).keepAlive == expected)
    }

    /// A field value keeps its bytes: ASCII, UTF-8, and obs-text that is not UTF-8.
    @Test(arguments: [
        Array("Bearer a-token-longer-than-fifteen-bytes".utf8), Array("short".utf8), [],
        Array("caf\u{E9} \u{1F600}".utf8), [0x63, 0x61, 0x66, 0xE9], [0x61, 0xF0, 0x90, 0x80, 0x62], [0xFF],
    ])
    func fieldValuesKeepTheirBytes(value: [UInt8]) throws {
        let head = Array("GET / HTTP/1.1\r\nHost: a\r\nX-Value: ".utf8) + value + Array("\r\n\r\n".utf8)
        var parser = RequestParser(maximumBodyBytes: Self.maximumBody)
        parser.append(ByteBuffer(bytes: head))
        guard case .request(let parsed) = try parser.next() else { throw ParsedNothing() }
        let field = try #require(parsed.request.headers.first { $0.name.rawName == "X-Value" })
        #expect(field.withUnsafeBytesOfValue { Array($0) } == value)
        if let text = String(validating: value, as: UTF8.self) { #expect(field.value == text) }
    }

    struct ParsedNothing: Error {}

    @Test func headIsMarked() throws {
        #expect(try Self.request("HEAD /healthz HTTP/1.1\r\nHost: a\r\n\r\n").isHEAD)
        #expect(try !Self.request("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n").isHEAD)
        #expect(try !Self.request("HEADS /healthz HTTP/1.1\r\nHost: a\r\n\r\n").isHEAD)
        #expect(try !Self.request("head /healthz HTTP/1.1\r\nHost: a\r\n\r\n").isHEAD)  // methods are case-sensitive
    }

    @Test func expectContinueIsAnnouncedBeforeTheBody() throws {
        let head = "POST /a HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 2\r\n\r\n"
        #expect(try Self.parse(head) == [.continueExpected])
        let outcomes = try Self.parse(head + "{}")
        #expect(outcomes.count == 2)
        #expect(outcomes.first == .continueExpected)
        guard case .request(let request) = outcomes.last else { return }
        #expect(request.body == Array("{}".utf8))
        let chunked = "POST /a HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(try Self.parse(chunked) == [.continueExpected])
    }

    @Test(arguments: [
        // HTTP/1.0 has no 100 (Continue).
        "POST /a HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n",
        // The body is too large: it is read anyway and answered 413.
        "POST /a HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2000\r\n\r\n",
        // No body to wait for.
        "POST /a HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n",
        "GET /a HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n",
        // Another expectation.
        "POST /a HTTP/1.1\r\nHost: a\r\nExpect: 200-ok\r\nContent-Length: 2\r\n\r\n",
    ])
    func noContinueIsAnnounced(head: String) throws {
        #expect(try !Self.parse(head).contains(.continueExpected))
    }

    @Test(
        arguments: [
            ("/a", "/a", nil),
            ("/a?", "/a", ""),
            ("/a?b=c?d&e=%20", "/a", "b=c?d&e=%20"),
            ("/v1/orgs/a%2Fb/x", "/v1/orgs/a%2Fb/x", nil),
            ("/?q", "/", "q"),
            ("http://example.com/p/q?r=s", "/p/q", "r=s"),
            ("HTTPS://example.com:8443", "/", nil),
            ("http://example.com?x", "/", "x"),
        ] as [(String, String, String?)])
    func theTargetSplitsIntoPathAndQuery(target: String, path: String, query: String?) throws {
        let request = try Self.request("GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(request.path == path)
        #expect(request.query == query)
    }

    @Test func optionsMayAskAboutTheServer() throws {
        let request = try Self.request("OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(request.path == "*")
        #expect(request.query == nil)
    }

    @Test func pipelinedRequestsInOneBufferComeOutInOrder() throws {
        let outcomes = try Self.parse(
            "\r\n\r\nGET /one HTTP/1.1\r\nHost: a\r\n\r\n"
                + "POST /two HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
                + "\r\nPUT /three HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n"
                + "HEAD /four HTTP/1.0\r\n\r\n"
                + "GET /fifth HTTP/1.1\r\nHost: a\r\n")
        let requests = outcomes.compactMap(\.request)
        #expect(outcomes.count == 4)
        #expect(requests.map(\.path) == ["/one", "/two", "/three", "/four"])
        #expect(requests.map(\.body) == [[], Array("abc".utf8), Array("x".utf8), []])
        #expect(requests.map(\.isHEAD) == [false, false, false, true])
    }

    @Test func isWithinRequestTellsAPartialRequest() throws {
        var parser = RequestParser(maximumBodyBytes: Self.maximumBody)
        #expect(!parser.isWithinRequest)
        parser.append(ByteBuffer(string: "POST /a HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n"))
        #expect(try parser.next() == nil)
        #expect(parser.isWithinRequest)
        parser.append(ByteBuffer(string: "{}GET"))
        guard case .request = try parser.next() else {
            Issue.record("expected the request")
            return
        }
        #expect(try parser.next() == nil)
        #expect(parser.isWithinRequest)
        parser.append(ByteBuffer(string: " / HTTP/1.1\r\nHost: a\r\n\r\n"))
        guard case .request = try parser.next() else {
            Issue.record("expected the request")
            return
        }
        #expect(!parser.isWithinRequest)
    }

    // MARK: Split anywhere

    static let goodRequests = [
        "POST /v1/x?a=b HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}",
        "POST /c HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4;n=\"v\\\"\"\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nX-T: t\r\n\r\n",
        "POST /e HTTP/1.1\r\nHost: gw\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n{}",
        "\r\nGET /healthz HTTP/1.0\r\nConnection: keep-alive\r\n\r\nHEAD /h HTTP/1.1\r\nHost: gw\r\n\r\n",
        "POST /big HTTP/1.1\r\nHost: gw\r\nContent-Length: 1500\r\n\r\n" + String(repeating: "b", count: 1500)
            + "GET /after HTTP/1.1\r\nHost: gw\r\n\r\n",
        "GET http://gw/abs?x=1 HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n",
    ]

    /// Every good request, split once at every byte (and fed a byte at a time), reads the same as in one piece.
    @Test(arguments: goodRequests)
    func splitsAnywhereReadTheSame(text: String) throws {
        let whole = try Self.parse(text)
        #expect(!whole.isEmpty)
        let bytes = Array(text.utf8)
        for cut in 1..<bytes.count {
            #expect(try Self.parse([Array(bytes[..<cut]), Array(bytes[cut...])]) == whole, "cut at \(cut)")
        }
        #expect(try Self.parse(bytes.map { [$0] }) == whole)
    }

    /// Generated requests (methods, targets, fields, bodies with Content-Length or chunked), several pipelined,
    /// cut into random pieces, read as written.
    @Test func generatedRequestsInRandomPieces() throws {
        var random = SplitMix(seed: 0x1AB0_5EED)
        for round in 0..<300 {
            var bytes: [UInt8] = []
            var expected: [Outcome] = []
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let (framed, outcomes) = Self.generatedRequest(using: &random)
                bytes += framed
                expected += outcomes
            }
            var pieces: [[UInt8]] = []
            var rest = bytes[...]
            while !rest.isEmpty {
                let size = Int.random(in: 1...min(rest.count, 64), using: &random)
                pieces.append(Array(rest.prefix(size)))
                rest = rest.dropFirst(size)
            }
            #expect(try Self.parse(pieces) == expected, "round \(round)")
        }
    }

    /// One random request, its bytes and what the parser should make of them.
    static func generatedRequest(using random: inout SplitMix) -> ([UInt8], [Outcome]) {
        let method = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "X-CUSTOM"].randomElement(using: &random)!
        let segments = (0..<Int.random(in: 0...4, using: &random)).map { _ in Self.word(using: &random) }
        let path = "/" + segments.joined(separator: "/")
        let query = Bool.random(using: &random) ? Self.word(using: &random) + "=" + Self.word(using: &random) : nil
        let isHTTP10 = Int.random(in: 0..<5, using: &random) == 0
        let chunked = !isHTTP10 && Bool.random(using: &random)
        let body = (0..<Int.random(in: 0...(Bool.random(using: &random) ? 40 : 1200), using: &random)).map { _ in
            UInt8.random(in: 0...255, using: &random)
        }
        let expectsContinue = !isHTTP10 && Int.random(in: 0..<4, using: &random) == 0
        let close = Int.random(in: 0..<4, using: &random) == 0
        var fields: [String] = isHTTP10 ? [] : ["Host: gw.example"]
        for index in 0..<Int.random(in: 0...6, using: &random) {
            let value = (0..<Int.random(in: 0...3, using: &random)).map { _ in Self.word(using: &random) }
                .joined(separator: " ")
            fields.append("X-\(Self.word(using: &random))-\(index): \(value)")
        }
        if close { fields.append("Connection: close") }
        if expectsContinue { fields.append("Expect: 100-continue") }
        fields.append(chunked ? "Transfer-Encoding: chunked" : "Content-Length: \(body.count)")
        let target = path + (query.map { "?" + $0 } ?? "")
        let lead = Int.random(in: 0..<8, using: &random) == 0 ? "\r\n" : ""
        let head = lead + "\(method) \(target) HTTP/1.\(isHTTP10 ? 0 : 1)\r\n" + fields.map { $0 + "\r\n" }.joined()
        var framed = Array((head + "\r\n").utf8)
        if chunked {
            var rest = body[...]
            while !rest.isEmpty {
                let size = Int.random(in: 1...rest.count, using: &random)
                let extensions = Bool.random(using: &random) ? ";e=\(Self.word(using: &random))" : ""
                framed += Array("\(String(size, radix: 16))\(extensions)\r\n".utf8) + rest.prefix(size)
                framed += Array("\r\n".utf8)
                rest = rest.dropFirst(size)
            }
            framed += Array("0\r\n".utf8)
            if Bool.random(using: &random) { framed += Array("X-Trailer: \(Self.word(using: &random))\r\n".utf8) }
            framed += Array("\r\n".utf8)
        } else {
            framed += body
        }
        let tooLarge = body.count > Self.maximumBody
        let request = Parsed(
            method: method, path: path, query: query,
            fields: fields, body: tooLarge ? nil : body, isHTTP10: isHTTP10,
            keepAlive: !close && !isHTTP10, isHEAD: method == "HEAD")
        // A chunked body's size is not known when its head is read.
        let announces = expectsContinue && (chunked || (!body.isEmpty && !tooLarge))
        return (framed, (announces ? [.continueExpected] : []) + [.request(request)])
    }

    /// Good requests with random bytes changed, inserted or dropped are read, or refused, the same in random pieces
    /// as in one: the parser never traps, and its outcome does not depend on how the bytes arrive.
    @Test func mutatedRequestsReadTheSameInRandomPieces() {
        var random = SplitMix(seed: 0xF0_22ED)
        let alphabet = Array(" \t\r\n:;,=\"\\09afAFxz/?#*-".utf8) + [0, 0x0B, 0x7F, 0x80, 0xFF]
        var refused = 0
        for round in 0..<3000 {
            var bytes = Array(Self.goodRequests.randomElement(using: &random)!.utf8)
            for _ in 0..<Int.random(in: 1...3, using: &random) where !bytes.isEmpty {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                let anyByte = UInt8.random(in: 0...255, using: &random)
                let byte = Bool.random(using: &random) ? alphabet.randomElement(using: &random)! : anyByte
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[index] = byte
                case 1: bytes.insert(byte, at: index)
                default: bytes.remove(at: index)
                }
            }
            var pieces: [[UInt8]] = []
            var rest = bytes[...]
            while !rest.isEmpty {
                let size = Int.random(in: 1...min(rest.count, 16), using: &random)
                pieces.append(Array(rest.prefix(size)))
                rest = rest.dropFirst(size)
            }
            let whole = Result { () throws(RequestParseError) in try Self.parse([bytes]) }
            let split = Result { () throws(RequestParseError) in try Self.parse(pieces) }
            #expect(whole == split, "round \(round)")
            if case .failure = whole { refused += 1 }
        }
        #expect(refused > 1000)
    }

    /// A short random token.
    static func word(using random: inout SplitMix) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~")
        return String((0..<Int.random(in: 1...8, using: &random)).map { _ in letters.randomElement(using: &random)! })
    }

    // MARK: Bad requests

    static let post = "POST /a HTTP/1.1\r\nHost: a\r\n"
    static let chunkedPost = post + "Transfer-Encoding: chunked\r\n\r\n"

    static let badRequests: [(String, RequestParseError)] = [
        // Framing that a proxy in front could read differently.
        (post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", .ambiguousFraming),
        (post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n", .ambiguousFraming),
        (post + "Transfer-Encoding: identity\r\nContent-Length: 5\r\n\r\nhello", .ambiguousFraming),
        (post + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n", .malformedTransferEncoding),
        (post + "Transfer-Encoding: identity\r\n\r\n", .malformedTransferEncoding),
        (post + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n", .malformedTransferEncoding),
        (post + "Transfer-Encoding: chunked-false\r\n\r\n0\r\n\r\n", .malformedTransferEncoding),
        (
            post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            .malformedTransferEncoding
        ),
        (post + "Transfer-Encoding: chunked,\r\n\r\n0\r\n\r\n", .malformedTransferEncoding),
        (post + "Transfer-Encoding:\r\n\r\n", .malformedTransferEncoding),
        (post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", .unimplementedTransferCoding),
        (post + "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", .unimplementedTransferCoding),
        ("POST /a HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", .transferEncodingInHTTP10),
        (post + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n", .malformedField),
        (post + "Transfer-Encoding\t: chunked\r\n\r\n0\r\n\r\n", .malformedField),
        (post + "Transfer-Encoding: \u{0B}chunked\r\n\r\n0\r\n\r\n", .malformedField),
        (post + "Transfer-Encoding: chunked\r\n identity\r\n\r\n0\r\n\r\n", .obsoleteLineFolding),
        (post + "X-A: a\r\n\tfolded\r\n\r\n", .obsoleteLineFolding),
        ("GET / HTTP/1.1\r\n Host: a\r\n\r\n", .obsoleteLineFolding),
        (post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", .conflictingContentLength),
        (post + "Content-Length: 5, 6\r\n\r\nhello!", .conflictingContentLength),
        (post + "Content-Length: +5\r\n\r\nhello", .malformedContentLength),
        (post + "Content-Length: -1\r\n\r\n", .malformedContentLength),
        (post + "Content-Length: 5 5\r\n\r\nhello", .malformedContentLength),
        (post + "Content-Length: 0x5\r\n\r\nhello", .malformedContentLength),
        (post + "Content-Length: 5,\r\n\r\nhello", .malformedContentLength),
        (post + "Content-Length:\r\n\r\n", .malformedContentLength),
        (post + "Content-Length: 1234567890123456789\r\n\r\n", .malformedContentLength),
        // Line endings.
        ("GET / HTTP/1.1\nHost: a\n\n", .malformedLineEnding),
        ("GET / HTTP/1.1\r\nHost: a\nX-A: b\r\n\r\n", .malformedLineEnding),
        ("GET / HTTP/1.1\r\nHost: a\r\n\n", .malformedLineEnding),
        ("\nGET / HTTP/1.1\r\nHost: a\r\n\r\n", .malformedLineEnding),
        ("\r\rGET / HTTP/1.1\r\nHost: a\r\n\r\n", .malformedLineEnding),
        ("GET / HTTP/1.1\r\nHost: a\r\nX-A: a\rb\r\n\r\n", .malformedLineEnding),
        ("GET / HTTP/1.1\rHost: a\r\n\r\n", .malformedLineEnding),
        // Field lines.
        ("GET / HTTP/1.1\r\nHost: a\r\nX-A: a\u{0}b\r\n\r\n", .malformedField),
        ("GET / HTTP/1.1\r\nHost: a\r\nX-A: a\u{7F}b\r\n\r\n", .malformedField),
        ("GET / HTTP/1.1\r\nHost: a\r\nX-A: a\u{1B}b\r\n\r\n", .malformedField),
        ("GET / HTTP/1.1\r\nHost: a\r\n: empty name\r\n\r\n", .malformedField),
        ("GET / HTTP/1.1\r\nHost: a\r\nNo colon\r\n\r\n", .malformedField),
        ("GET / HTTP/1.1\r\nHost: a\r\nX(A): b\r\n\r\n", .malformedField),
        ("GET / HTTP/1.1\r\nHost: a\r\nX\u{E9}: b\r\n\r\n", .malformedField),
        ("GET / HTTP/1.1\r\nBad Header\r\n\r\n", .malformedField),
        // Host.
        ("GET / HTTP/1.1\r\n\r\n", .missingHost),
        ("GET / HTTP/1.1\r\nX-Host: a\r\n\r\n", .missingHost),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", .duplicateHost),
        ("GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n", .duplicateHost),
        ("GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", .duplicateHost),
        // Request line.
        ("GARBAGE\r\n\r\n", .malformedRequestLine),
        ("\u{1}\u{2}\u{3}\r\n\r\n", .malformedRequestLine),
        ("G(T / HTTP/1.1\r\nHost: a\r\n\r\n", .malformedRequestLine),
        ("GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n", .malformedRequestLine),
        ("GET  / HTTP/1.1\r\nHost: a\r\n\r\n", .malformedRequestLine),
        ("GET / HTTP/1.1 \r\nHost: a\r\n\r\n", .malformedRequestLine),
        (" GET / HTTP/1.1\r\nHost: a\r\n\r\n", .malformedRequestLine),
        ("GET /a\u{1}b HTTP/1.1\r\nHost: a\r\n\r\n", .malformedRequestLine),
        ("GET /\u{E9} HTTP/1.1\r\nHost: a\r\n\r\n", .malformedRequestLine),
        ("GET /\r\nHost: a\r\n\r\n", .malformedRequestLine),
        ("GET / http/1.1\r\nHost: a\r\n\r\n", .malformedRequestLine),
        ("GET / HTTP/1.10\r\nHost: a\r\n\r\n", .malformedRequestLine),
        ("GET / HTTP/1.2\r\nHost: a\r\n\r\n", .unsupportedVersion),
        ("GET / HTTP/2.0\r\nHost: a\r\n\r\n", .unsupportedVersion),
        ("GET / HTTP/0.9\r\nHost: a\r\n\r\n", .unsupportedVersion),
        ("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", .unsupportedVersion),
        // Request-target.
        ("GET * HTTP/1.1\r\nHost: a\r\n\r\n", .malformedTarget),
        ("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n", .malformedTarget),
        ("GET a/b HTTP/1.1\r\nHost: a\r\n\r\n", .malformedTarget),
        ("GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n", .malformedTarget),
        ("GET http://user@a/ HTTP/1.1\r\nHost: a\r\n\r\n", .malformedTarget),
        ("GET http:///a HTTP/1.1\r\nHost: a\r\n\r\n", .malformedTarget),
        ("GET ftp://a/b HTTP/1.1\r\nHost: a\r\n\r\n", .malformedTarget),
        // Chunks.
        (chunkedPost + "zz\r\n", .malformedChunk),
        (chunkedPost + "\r\n", .malformedChunk),
        (chunkedPost + "-5\r\nhello\r\n0\r\n\r\n", .malformedChunk),
        (chunkedPost + "0x5\r\nhello\r\n0\r\n\r\n", .malformedChunk),
        (chunkedPost + " 5\r\nhello\r\n0\r\n\r\n", .malformedChunk),
        (chunkedPost + "5 \r\nhello\r\n0\r\n\r\n", .malformedChunk),
        (chunkedPost + "5;\r\nhello\r\n0\r\n\r\n", .malformedChunk),
        (chunkedPost + "5;a=\r\nhello\r\n0\r\n\r\n", .malformedChunk),
        (chunkedPost + "5;a=\"open\r\nhello\r\n0\r\n\r\n", .malformedChunk),
        (chunkedPost + "5;a\rb\r\nhello\r\n0\r\n\r\n", .malformedChunk),
        (chunkedPost + "5;a=b c\r\nhello\r\n0\r\n\r\n", .malformedChunk),
        (chunkedPost + "5\nhello\r\n0\r\n\r\n", .malformedLineEnding),
        (chunkedPost + "5\r\nhelloXX0\r\n\r\n", .malformedChunk),
        (chunkedPost + "5\r\nhello\n0\r\n\r\n", .malformedChunk),
        (chunkedPost + "5\r\nhello0\r\n\r\n", .malformedChunk),
        (chunkedPost + "fffffffffffffffff\r\n", .malformedChunk),
        (chunkedPost + "0\r\nBad Trailer\r\n\r\n", .malformedField),
        (chunkedPost + "0\r\nX-T: a\u{0}\r\n\r\n", .malformedField),
        (chunkedPost + "0\r\n folded\r\n\r\n", .obsoleteLineFolding),
        (chunkedPost + "0\r\nX-T: t\n\r\n", .malformedLineEnding),
    ]

    @Test(arguments: badRequests)
    func badRequestsAreErrors(text: String, error: RequestParseError) {
        #expect(throws: error) { try Self.parse(text) }
    }

    /// Every bad request, split once at every byte, is the same error.
    @Test(arguments: badRequests)
    func badRequestsSplitAnywhereAreTheSameError(text: String, error: RequestParseError) {
        let bytes = Array(text.utf8)
        for cut in 1..<bytes.count {
            #expect(throws: error, "cut at \(cut)") { try Self.parse([Array(bytes[..<cut]), Array(bytes[cut...])]) }
        }
    }

    @Test(arguments: [
        (RequestParseError.headTooLarge, 431), (.unimplementedTransferCoding, 501), (.malformedField, 400),
        (.ambiguousFraming, 400), (.chunkLineTooLong, 400), (.missingHost, 400), (.unsupportedVersion, 400),
        (.cutShort, 400),
    ])
    func errorsCarryTheirStatus(error: RequestParseError, status: Int) {
        #expect(error.status == status)
    }

    @Test(arguments: [
        (RequestParseError.headTooLarge, GatewayErrorCode.invalidRequest),
        (.unimplementedTransferCoding, .notImplemented),
        (.malformedField, .invalidRequest), (.cutShort, .invalidRequest),
    ])
    func errorsAreCanonicalErrorsWithTheirStatusAndWhatWasWrong(error: RequestParseError, code: GatewayErrorCode) {
        #expect(error.gatewayError.status == error.status)
        #expect(error.gatewayError.code == code)
        #expect(error.gatewayError.message == "The HTTP request could not be read: \(error).")
    }

    // MARK: What an error answer knows

    /// The method, path, query and fields of ``RequestParser/requestSoFar`` in comparable form.
    static func soFar(_ parser: RequestParser) -> Parsed? {
        parser.requestSoFar.map {
            Parsed(
                method: $0.method, path: $0.path, query: $0.query,
                fields: $0.headers.map { "\($0.name.rawName): \($0.value)" }, body: nil)
        }
    }

    @Test(arguments: [
        // Errors in a head: its request line, when it parses, without fields.
        (
            "GET /a?b=1 HTTP/1.1\r\nHost: a\r\nBad Header\r\n\r\n",
            Parsed(method: "GET", path: "/a", query: "b=1", fields: [])
        ),
        ("POST http://gw/p HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", Parsed(method: "POST", path: "/p", fields: [])),
        (
            "GET /a HTTP/1.1\r\nX: " + String(repeating: "a", count: RequestParser.maximumHeadBytes),
            Parsed(method: "GET", path: "/a", fields: [])
        ),
        ("\r\n\r\nGET /a HTTP/1.1\r\nX:\u{0}\r\n\r\n", Parsed(method: "GET", path: "/a", fields: [])),
        ("GARBAGE\r\n\r\n", nil),
        ("GET /a HTTP/1.1\n\n", nil),
        ("GET /a HTTP/2.0\r\n\r\n", nil),
        ("GET a HTTP/1.1\r\nHost: a\r\n\r\n", nil),
        ("GET /" + String(repeating: "a", count: RequestParser.maximumHeadBytes), nil),
        // Errors after a head: the request with its fields.
        (
            chunkedPost + "zz\r\n",
            Parsed(method: "POST", path: "/a", fields: ["Host: a", "Transfer-Encoding: chunked"])
        ),
        (
            chunkedPost + "0\r\nBad Trailer\r\n\r\n",
            Parsed(method: "POST", path: "/a", fields: ["Host: a", "Transfer-Encoding: chunked"])
        ),
        // The request that failed, not the one before it.
        (
            "GET /one HTTP/1.1\r\nHost: a\r\n\r\nGET /two HTTP/1.1\r\n\r\n",
            Parsed(method: "GET", path: "/two", fields: [])
        ),
    ])
    func aFailedRequestIsKnownAsFarAsItWasRead(text: String, expected: Parsed?) {
        var parser = RequestParser(maximumBodyBytes: Self.maximumBody)
        parser.append(ByteBuffer(string: text))
        #expect(throws: RequestParseError.self) { while try parser.next() != nil {} }
        #expect(Self.soFar(parser) == expected)
    }

    @Test func aRequestUnderWayIsKnownAsFarAsItWasRead() throws {
        var parser = RequestParser(maximumBodyBytes: Self.maximumBody)
        #expect(Self.soFar(parser) == nil)
        parser.append(ByteBuffer(string: "DELETE /a/b HT"))
        #expect(try parser.next() == nil)
        #expect(Self.soFar(parser) == nil)  // the request line has not arrived whole
        parser.append(ByteBuffer(string: "TP/1.1\r\nHost: a\r\nContent-"))
        #expect(try parser.next() == nil)
        #expect(Self.soFar(parser) == Parsed(method: "DELETE", path: "/a/b", fields: []))
        parser.append(ByteBuffer(string: "Length: 4\r\n\r\nab"))
        #expect(try parser.next() == nil)
        #expect(Self.soFar(parser) == Parsed(method: "DELETE", path: "/a/b", fields: ["Host: a", "Content-Length: 4"]))
        parser.append(ByteBuffer(string: "cd"))
        #expect(try parser.next().map(Outcome.init)?.request?.path == "/a/b")
        #expect(Self.soFar(parser) == nil)  // between requests
    }

    @Test func requestsBeforeAnErrorComeOutAndNothingAfterIt() throws {
        var parser = RequestParser(maximumBodyBytes: Self.maximumBody)
        parser.append(
            ByteBuffer(
                string: "GET /one HTTP/1.1\r\nHost: a\r\n\r\nGET /two HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"
                    + "GET /three HTTP/1.1\r\nHost: a\r\n\r\n"))
        guard case .request(let first) = try parser.next() else {
            Issue.record("expected the first request")
            return
        }
        #expect(first.request.path == "/one")
        #expect(throws: RequestParseError.duplicateHost) { try parser.next() }
        parser.append(ByteBuffer(string: "GET /four HTTP/1.1\r\nHost: a\r\n\r\n"))
        #expect(throws: RequestParseError.duplicateHost) { try parser.next() }
        #expect(!parser.isWithinRequest)
    }

    // MARK: Limits

    @Test func theHeadIsLimited() throws {
        let start = "GET / HTTP/1.1\r\nHost: a\r\nX-Long: "
        let fits = start + String(repeating: "a", count: RequestParser.maximumHeadBytes - start.utf8.count - 4)
        #expect(try Self.parse(fits + "\r\n\r\n").count == 1)
        #expect(throws: RequestParseError.headTooLarge) { try Self.parse(fits + "a\r\n\r\n") }
        // Without an end, the error comes once the limit is reached.
        #expect(throws: RequestParseError.headTooLarge) {
            try Self.parse(start + String(repeating: "a", count: RequestParser.maximumHeadBytes))
        }
        #expect(try Self.parse(String(fits.dropLast())) == [])
        // Many short fields count the same.
        let many = "GET / HTTP/1.1\r\nHost: a\r\n" + String(repeating: "X-A: b\r\n", count: 9000) + "\r\n"
        #expect(throws: RequestParseError.headTooLarge) { try Self.parse(many) }
        // Fed a byte at a time, the head is not searched again from its start each time.
        let slow = Array((start + String(repeating: "a", count: 70_000)).utf8).map { [$0] }
        #expect(throws: RequestParseError.headTooLarge) { try Self.parse(slow) }
    }

    @Test func trailersAreLimited() {
        let trailers = Self.chunkedPost + "0\r\nX-T: " + String(repeating: "t", count: 70_000) + "\r\n\r\n"
        #expect(throws: RequestParseError.headTooLarge) { try Self.parse(trailers) }
    }

    @Test func chunkLinesAreLimited() throws {
        let long = Self.chunkedPost + "1;e=" + String(repeating: "x", count: 2000)
        #expect(throws: RequestParseError.chunkLineTooLong) { try Self.parse(long) }
        #expect(throws: RequestParseError.chunkLineTooLong) { try Self.parse(long + "\r\nx\r\n0\r\n\r\n") }
        let fits = "1;e=" + String(repeating: "x", count: RequestParser.maximumChunkLineBytes - 6)
        #expect(try Self.parse(Self.chunkedPost + fits + "\r\nx\r\n0\r\n\r\n").count == 1)
        let leadingZeros = String(repeating: "0", count: 40) + "1"
        #expect(try Self.parse(Self.chunkedPost + leadingZeros + "\r\nx\r\n0\r\n\r\n").count == 1)
    }

    @Test(arguments: [
        "Content-Length: 2000\r\n\r\n" + String(repeating: "x", count: 2000),
        "Transfer-Encoding: chunked\r\n\r\n258\r\n" + String(repeating: "x", count: 600) + "\r\n258\r\n"
            + String(repeating: "y", count: 600) + "\r\n0\r\n\r\n",
        "Transfer-Encoding: chunked\r\n\r\n7d0\r\n" + String(repeating: "x", count: 2000) + "\r\n0\r\n\r\n",
    ])
    func aBodyOverTheLimitIsDroppedAndTheNextRequestFound(framing: String) throws {
        let outcomes = try Self.parse(Self.post + framing + "GET /next HTTP/1.1\r\nHost: a\r\n\r\n")
        let requests = outcomes.compactMap(\.request)
        #expect(outcomes.count == 2)
        #expect(requests.map(\.body) == [nil, []])
        #expect(requests.last?.path == "/next")
    }

    @Test func aBodyAtTheLimitIsKept() throws {
        let body = String(repeating: "z", count: Self.maximumBody)
        #expect(try Self.request(Self.post + "Content-Length: \(Self.maximumBody)\r\n\r\n" + body).body?.count == 1024)
        let half = String(repeating: "z", count: 512)
        let chunked = Self.chunkedPost + "200\r\n" + half + "\r\n200\r\n" + half + "\r\n0\r\n\r\n"
        #expect(try Self.request(chunked).body?.count == 1024)
        let over = Self.chunkedPost + "200\r\n" + half + "\r\n201\r\n" + half + "z\r\n0\r\n\r\n"
        #expect(try Self.request(over).body == nil)
    }

    @Test func aHugeDeclaredBodyIsSkippedWithoutBeingKept() throws {
        var parser = RequestParser(maximumBodyBytes: Self.maximumBody)
        parser.append(ByteBuffer(string: Self.post + "Content-Length: 999999999999999999\r\n\r\n"))
        #expect(try parser.next() == nil)
        for _ in 0..<100 {
            parser.append(ByteBuffer(repeating: 0x41, count: 65536))
            #expect(try parser.next() == nil)
        }
        #expect(parser.isWithinRequest)
    }
}

extension RequestParserTests.Outcome {
    /// The comparable form of a parser event.
    init(_ event: RequestParser.Event) {
        switch event {
        case .continueExpected:
            self = .continueExpected
        case .request(let parsed):
            self = .request(
                RequestParserTests.Parsed(
                    method: parsed.request.method, path: parsed.request.path, query: parsed.request.query,
                    fields: parsed.request.headers.map { "\($0.name.rawName): \($0.value)" }, body: parsed.request.body,
                    isHTTP10: parsed.isHTTP10, keepAlive: parsed.keepAlive, isHEAD: parsed.isHEAD))
        }
    }
}
