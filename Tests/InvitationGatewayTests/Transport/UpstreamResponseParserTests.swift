import HTTPTypes
import InvitationCore
import NIOCore
import Testing

@testable import InvitationGateway

/// The upstream answer parser, without I/O: framing, keep-alive, answers split anywhere, and bad answers.
@Suite struct UpstreamResponseParserTests {
    static let maximumBody = 1024

    /// Feeds `pieces` in order; the answer, or the error, and whether the answer came before the last piece.
    static func parse(
        _ pieces: [String], isHEAD: Bool = false, closeAfter: Bool = false
    ) throws(UpstreamResponseError) -> UpstreamResponse? {
        var parser = UpstreamResponseParser(maximumBodyBytes: maximumBody, requestIsHEAD: isHEAD)
        for piece in pieces {
            if let answer = try parser.read(ByteBuffer(string: piece)) { return answer }
        }
        return closeAfter ? try parser.readEnd() : nil
    }

    static func parse(_ text: String, isHEAD: Bool = false) throws(UpstreamResponseError) -> UpstreamResponse? {
        try parse([text], isHEAD: isHEAD)
    }

    @Test func readsAContentLengthAnswer() throws {
        let answer = try #require(
            try Self.parse(
                "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 7\r\nX-A:  spaced \t\r\n\r\n{\"a\":1}"
            ))
        #expect(answer.response.status == 201)
        #expect(answer.response.body == Array(#"{"a":1}"#.utf8))
        #expect(answer.response.headers[.contentType] == "application/json")
        #expect(answer.response.headers[HTTPField.Name("X-A")!] == "spaced")
        #expect(answer.keepAlive)
    }

    /// The fields are kept as lines and built when read: the same fields, in order, as `HTTPFields` would hold.
    @Test func fieldsReadFromTheKeptLinesAreEveryFieldInOrder() throws {
        let answer = try #require(
            try Self.parse(
                "HTTP/1.1 503 Busy\r\nRetry-After: 7\r\nX-!#$%&'*+.^_`|~: symbols\r\nSet-Cookie: a=1\n"
                    + "set-cookie:b=2 \r\nX-Note: caf\u{e9}\r\nContent-Length: 0\r\n\r\n"
            ))
        var expected = HTTPFields()
        expected.append(HTTPField(name: HTTPField.Name("Retry-After")!, value: "7"))
        expected.append(HTTPField(name: HTTPField.Name("X-!#$%&'*+.^_`|~")!, value: "symbols"))
        expected.append(HTTPField(name: HTTPField.Name("Set-Cookie")!, value: "a=1"))
        expected.append(HTTPField(name: HTTPField.Name("set-cookie")!, value: "b=2"))
        expected.append(HTTPField(name: HTTPField.Name("X-Note")!, value: "caf\u{e9}"))
        expected.append(HTTPField(name: HTTPField.Name("Content-Length")!, value: "0"))
        #expect(answer.response.headers == expected)
        #expect(answer.response.headers.map(\.name.rawName) == expected.map(\.name.rawName), "names keep their case")
        #expect(answer.response == TransportResponse(status: 503, headers: expected), "equal to one built from fields")
    }

    /// The parser checks names itself and builds `HTTPField.Name`s later: both must accept exactly the same bytes.
    @Test func theNameCheckAcceptsExactlyWhatHTTPFieldNameAccepts() {
        for byte in UInt8.min...UInt8.max {
            let name: [UInt8] = [UInt8(ascii: "X"), byte]
            let checked = name.withUnsafeBytes { HTTPSyntax.isToken($0) }
            let accepted = HTTPField.Name(String(decoding: name, as: UTF8.self)) != nil
            #expect(checked == accepted, "byte \(byte)")
        }
        #expect(!HTTPSyntax.isToken(UnsafeRawBufferPointer(start: nil, count: 0)))
    }

    @Test func readsAChunkedAnswerWithExtensionsAndTrailers() throws {
        let answer = try #require(
            try Self.parse(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;name=value\r\n{\"a\"\r\n9\r\n:1234567}\r\n0\r\nX-Trailer: t\r\n\r\n"
            ))
        #expect(answer.response.status == 200)
        #expect(String(decoding: answer.response.body, as: UTF8.self) == #"{"a":1234567}"#)
        #expect(answer.keepAlive)
    }

    @Test func anAnswerWithoutLengthRunsUntilTheClose() throws {
        #expect(try Self.parse(["HTTP/1.1 200 OK\r\n\r\nabc", "def"]) == nil)
        let answer = try #require(try Self.parse(["HTTP/1.1 200 OK\r\n\r\nabc", "def"], closeAfter: true))
        #expect(answer.response.body == Array("abcdef".utf8))
        #expect(!answer.keepAlive)
    }

    @Test(arguments: [
        ("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n", false),
        ("HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n", false),
        ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n", true),
    ])
    func answersWithoutABody(text: String, isHEAD: Bool) throws {
        let answer = try #require(try Self.parse(text, isHEAD: isHEAD))
        #expect(answer.response.body.isEmpty)
        #expect(answer.keepAlive)
    }

    @Test func aCodingAfterChunkedRunsUntilClose() throws {
        let text = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n3\r\nabc"
        #expect(try Self.parse([text]) == nil)
        let answer = try #require(try Self.parse([text], closeAfter: true))
        #expect(answer.response.body == Array("3\r\nabc".utf8))
        #expect(!answer.keepAlive)
    }

    @Test func interimAnswersAreSkipped() throws {
        let answer = try #require(
            try Self.parse(
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok"
            ))
        #expect(answer.response.status == 201)
        #expect(answer.response.headers[HTTPField.Name("Link")!] == nil)
        #expect(answer.response.body == Array("ok".utf8))
    }

    @Test(arguments: [
        ("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", true),
        ("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", false),
        ("HTTP/1.1 200 OK\r\nConnection: Upgrade, CLOSE\r\nContent-Length: 0\r\n\r\n", false),
        ("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", false),
        ("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", true),
        // Transfer-Encoding overrides Content-Length, and the connection is not trusted afterwards.
        ("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", false),
        // Bytes nobody asked for follow the answer.
        ("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\n", false),
        // Bare LF line endings are read as well.
        ("HTTP/1.1 200 OK\nContent-Length: 0\n\n", true),
        // List items: whitespace around them and empty ones are ignored; a repeated equal length is one length.
        ("HTTP/1.1 200 OK\r\nConnection: ,  keep-alive\t, ,close \r\nContent-Length: 0\r\n\r\n", false),
        ("HTTP/1.1 200 OK\r\nConnection: keep-alive,\r\nContent-Length: 0\r\n\r\n", true),
        ("HTTP/1.1 200 OK\r\nContent-Length: 0 ,\t0\r\n\r\n", true),
        // The last transfer coding decides: chunked last is chunked, anything after it runs until close.
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", true),
    ])
    func keepAlive(text: String, expected: Bool) throws {
        let answer = try #require(try Self.parse(text))
        #expect(answer.keepAlive == expected)
    }

    /// Every answer above, split at every byte, reads the same as in one piece.
    @Test(arguments: [
        "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{\"a\":1}",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;n=v\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nX-T: t\r\n\r\n",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 409 Conflict\r\nContent-Length: 2\r\nRetry-After: 5\r\n\r\n{}",
    ])
    func splitsAnywhereReadTheSame(text: String) throws {
        let whole = try #require(try Self.parse(text))
        let bytes = Array(text.utf8)
        for cut in 1..<bytes.count {
            let pieces = [
                String(decoding: bytes[..<cut], as: UTF8.self), String(decoding: bytes[cut...], as: UTF8.self),
            ]
            #expect(try Self.parse(pieces) == whole, "cut at \(cut)")
        }
        #expect(try Self.parse(bytes.map { String(decoding: [$0], as: UTF8.self) }) == whole)
    }

    /// Generated answers (status, fields, body; chunked or not) in random pieces read as written.
    @Test func generatedAnswersInRandomPieces() throws {
        var random = SplitMix(seed: 0x5EED)
        for _ in 0..<300 {
            let status = [200, 201, 202, 400, 404, 409, 422, 429, 500, 503].randomElement(using: &random)!
            let body = (0..<Int.random(in: 0...300, using: &random)).map { _ in
                UInt8.random(in: 0...255, using: &random)
            }
            let chunked = Bool.random(using: &random)
            var head = "HTTP/1.1 \(status) Reason Words\r\nX-Field: value \(status)\r\n"
            var framed: [UInt8]
            if chunked {
                head += "Transfer-Encoding: chunked\r\n\r\n"
                framed = Array(head.utf8)
                var rest = body[...]
                while !rest.isEmpty {
                    let size = Int.random(in: 1...max(1, rest.count), using: &random)
                    framed += Array("\(String(size, radix: 16))\r\n".utf8) + rest.prefix(size) + Array("\r\n".utf8)
                    rest = rest.dropFirst(size)
                }
                framed += Array("0\r\n\r\n".utf8)
            } else {
                head += "Content-Length: \(body.count)\r\n\r\n"
                framed = Array(head.utf8) + body
            }
            var parser = UpstreamResponseParser(maximumBodyBytes: Self.maximumBody)
            var answer: UpstreamResponse?
            var rest = framed[...]
            while !rest.isEmpty, answer == nil {
                let size = Int.random(in: 1...rest.count, using: &random)
                answer = try parser.read(ByteBuffer(bytes: rest.prefix(size)))
                rest = rest.dropFirst(size)
            }
            let read = try #require(answer)
            #expect(read.response.status == status)
            #expect(read.response.body == body)
            #expect(read.response.headers[HTTPField.Name("X-Field")!] == "value \(status)")
            #expect(read.keepAlive)
        }
    }

    @Test(arguments: [
        ("HTTP/2 200 OK\r\n\r\n", UpstreamResponseError.malformedHead),
        ("HTTP/1.1 20 OK\r\n\r\n", .malformedHead),
        ("HTTP/1.1 2000 OK\r\n\r\n", .malformedHead),
        ("HTTP/1.1 abc OK\r\n\r\n", .malformedHead),
        ("HTTP/1.1 099 Low\r\n\r\n", .malformedHead),
        ("ICY 200 OK\r\n\r\n", .malformedHead),
        ("\r\n\r\n", .malformedHead),
        ("HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", .malformedHead),
        ("HTTP/1.1 200 OK\r\nName : x\r\n\r\n", .malformedHead),
        ("HTTP/1.1 200 OK\r\nNo colon\r\n\r\n", .malformedHead),
        ("HTTP/1.1 200 OK\r\n: empty name\r\n\r\n", .malformedHead),
        ("HTTP/1.1 200 OK\r\nX-A: a\r\n folded\r\n\r\n", .malformedHead),
        ("HTTP/1.1 200 OK\r\nX-A: a\u{0}b\r\n\r\n", .malformedHead),
        ("HTTP/1.1 200 OK\r\nX-A: a\rb\r\n\r\n", .malformedHead),
        ("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", .malformedHead),
        ("HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n", .malformedHead),
        ("HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n", .malformedHead),
        ("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", .malformedHead),
        ("HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\n", .conflictingLength),
        ("HTTP/1.1 200 OK\r\nContent-Length: 5,\r\n\r\n", .malformedHead),
        ("HTTP/1.1 200 OK\r\nContent-Length: ,5\r\n\r\n", .malformedHead),
        ("HTTP/1.1 200 OK\r\nContent-Length: 5 , , 5\r\n\r\n", .malformedHead),
        ("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", .conflictingLength),
        ("HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n", .bodyTooLarge),
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n", .unexpectedUpgrade),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", .malformedChunk),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\n", .malformedChunk),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\n", .malformedChunk),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabXY", .malformedChunk),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\n", .malformedChunk),
        ("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n401\r\n", .bodyTooLarge),
    ])
    func badAnswersAreErrors(text: String, error: UpstreamResponseError) {
        #expect(throws: error) { try Self.parse(text) }
    }

    @Test func oversizedHeadsAndBodiesAreErrors() {
        let longField = "HTTP/1.1 200 OK\r\nX-Long: " + String(repeating: "a", count: 70_000)
        #expect(throws: UpstreamResponseError.headTooLarge) { try Self.parse(longField) }
        let longChunkLine =
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;" + String(repeating: "x", count: 2000)
        #expect(throws: UpstreamResponseError.malformedChunk) { try Self.parse(longChunkLine) }
        let untilClose = [
            "HTTP/1.1 200 OK\r\n\r\n", String(repeating: "b", count: 600), String(repeating: "b", count: 600),
        ]
        #expect(throws: UpstreamResponseError.bodyTooLarge) { try Self.parse(untilClose) }
    }

    @Test func aCloseBeforeTheEndIsTruncation() throws {
        var parser = UpstreamResponseParser(maximumBodyBytes: Self.maximumBody)
        #expect(try parser.readEnd() == nil)
        for partial in [
            "HTTP/1.1 200", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab",
        ] {
            var parser = UpstreamResponseParser(maximumBodyBytes: Self.maximumBody)
            #expect(try parser.read(ByteBuffer(string: partial)) == nil)
            #expect(throws: UpstreamResponseError.truncated) { try parser.readEnd() }
        }
    }

    @Test func requestsAreWrittenInOnePiece() throws {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.contentLength] = "999"
        headers[HTTPField.Name("Host")!] = "elsewhere"
        headers[HTTPField.Name("X-Request-Id")!] = "r-1"
        let buffer = try #require(
            ByteBuffer.upstreamRequest(
                method: "POST", target: "/v1/x?a=b", host: "127.0.0.1:8080", headers: UpstreamHeaders(headers),
                body: Array("{}".utf8)))
        #expect(
            String(buffer: buffer)
                == "POST /v1/x?a=b HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nContent-Type: application/json\r\nX-Request-Id: r-1\r\nContent-Length: 2\r\n\r\n{}"
        )
        let get = try #require(
            ByteBuffer.upstreamRequest(
                method: "GET", target: "/a", host: "h", headers: UpstreamHeaders(HTTPFields()), body: []))
        #expect(String(buffer: get) == "GET /a HTTP/1.1\r\nHost: h\r\n\r\n")
        let emptyPost = try #require(
            ByteBuffer.upstreamRequest(
                method: "POST", target: "/a", host: "h", headers: UpstreamHeaders(HTTPFields()), body: []))
        #expect(String(buffer: emptyPost) == "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n")
    }

    /// Headers kept as parts are written in `fields`' order: forwarded ones, credentials, the request id, `Accept`,
    /// `Content-Type`.
    @Test func headerPartsAreWrittenInOrder() throws {
        var forwarded = HTTPFields()
        forwarded[.userAgent] = "curl/8"
        let headers = UpstreamHeaders(
            forwarded: forwarded,
            credentials: Credentials(authorization: "Bearer t", cookies: ["better-auth.s": "1"], apiKey: "k"),
            requestID: "r-1", contentType: "application/json")
        let buffer = try #require(
            ByteBuffer.upstreamRequest(
                method: "POST", target: "/x", host: "h", headers: headers, body: Array("{}".utf8)))
        #expect(
            String(buffer: buffer)
                == "POST /x HTTP/1.1\r\nHost: h\r\nUser-Agent: curl/8\r\nAuthorization: Bearer t\r\n"
                + "Cookie: better-auth.s=1\r\nX-API-Key: k\r\nX-Request-Id: r-1\r\nAccept: application/json\r\n"
                + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
    }

    @Test(arguments: [0, 1, 200, 70_000])
    func requestsAreMeasuredExactly(bodyBytes: Int) throws {
        var headers = HTTPFields()
        headers[HTTPField.Name("X-Name")!] = "Zoë 名前"
        headers[.transferEncoding] = "chunked"
        let body = [UInt8](repeating: UInt8(ascii: "a"), count: bodyBytes)
        let buffer = try #require(
            ByteBuffer.upstreamRequest(
                method: "PUT", target: "/é", host: "h", headers: UpstreamHeaders(headers), body: body))
        let expected =
            "PUT /é HTTP/1.1\r\nHost: h\r\nX-Name: Zoë 名前\r\nContent-Length: \(bodyBytes)\r\n\r\n"
            + String(repeating: "a", count: bodyBytes)
        #expect(Array(buffer.readableBytesView) == Array(expected.utf8))
    }

    @Test(arguments: [
        ("GET", "/a b"), ("GET", "/a\r\nX: y"), ("GET", "/a\tb"), ("GET", "/a\u{7F}"), ("G T", "/a"), ("", "/a"),
        ("GET", ""),
    ])
    func requestLinesThatWouldBreakAreRefused(method: String, target: String) {
        #expect(
            ByteBuffer.upstreamRequest(
                method: method, target: target, host: "h", headers: UpstreamHeaders(HTTPFields()), body: [])
                == nil)
    }

    @Test(arguments: ["", "h h", "h\r\nX: y", "h\u{0}"])
    func hostsThatWouldBreakTheHeadAreRefused(host: String) {
        #expect(
            ByteBuffer.upstreamRequest(
                method: "GET", target: "/a", host: host, headers: UpstreamHeaders(HTTPFields()), body: []) == nil)
    }
}
