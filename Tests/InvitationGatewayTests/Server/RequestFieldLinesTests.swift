import HTTPTypes
import NIOCore
import Testing

@testable import InvitationGateway

/// A parsed request reads its fields in place as `HTTPFields` made of them would answer.
@Suite struct RequestFieldLinesTests {
    static let heads: [[UInt8]] =
        [
            "Host: a\r\n",
            "Host: a\r\nUser-Agent: curl/8\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\n",
            "host: a\r\nx-request-id: r-1\r\nX-Request-Id: r-2\r\nAUTHORIZATION: Basic x\r\nauthorization: Bearer y\r\n",
            "Host: a\r\nCookie: a=1; b=2\r\ncookie: better-auth.s=3\r\nX-Batch-Mode:  best-effort \r\nX-Empty:\r\n",
            "Host: a\r\nConnection: keep-alive, X-Hop\r\nX-Hop: 1\r\nX-Trace: \t x \t\r\nIdempotency-Key: k\r\n",
        ].map { Array($0.utf8) } + [
            Array("Host: a\r\nX-Name: Zo".utf8) + [0xC3, 0xAB] + Array("\r\nX-Bytes: a".utf8) + [0xFF, 0xFE]
                + Array("b\r\nx-name: second\r\n".utf8)
        ]

    static let names: [HTTPField.Name] = [
        HTTPField.Name("Host")!, .userAgent, .authorization, .contentType, .cookie, .connection, .accept,
        HTTPField.Name("X-Request-Id")!, HTTPField.Name("X-Batch-Mode")!, HTTPField.Name("X-Empty")!,
        HTTPField.Name("X-Hop")!, HTTPField.Name("X-Trace")!, HTTPField.Name("Idempotency-Key")!,
        HTTPField.Name("X-Name")!, HTTPField.Name("X-Bytes")!, HTTPField.Name("X-Absent")!,
    ]

    static func request(fields: [UInt8]) throws -> GatewayRequest {
        var parser = RequestParser(maximumBodyBytes: 1024)
        parser.append(ByteBuffer(bytes: Array("GET / HTTP/1.1\r\n".utf8) + fields + Array("\r\n".utf8)))
        guard case .request(let parsed) = try parser.next() else { throw RequestParserTests.ParsedNothing() }
        return parsed.request
    }

    @Test(arguments: heads.indices)
    func namesReadAsTheirFieldsAnswer(_ index: Int) throws {
        let request = try Self.request(fields: Self.heads[index])
        let fields = request.headers
        var copied = GatewayRequest(method: "GET", path: "/")
        copied.headers = fields
        for name in Self.names {
            #expect(request.header(name) == fields[name], "\(name)")
            #expect(request.headerValues(name) == fields[values: name], "\(name)")
            #expect(copied.header(name) == fields[name], "\(name)")
            #expect(request.headers { $0 == name } == HTTPFields(parsed: fields.filter { $0.name == name }))
        }
        let kept = request.headers { $0.canonicalName.hasPrefix("x-") }
        #expect(kept == copied.headers { $0.canonicalName.hasPrefix("x-") })
        #expect(kept.allSatisfy { $0.name.canonicalName.hasPrefix("x-") })
        // Values that are not UTF-8 keep their bytes in the fields made of the lines.
        if let bytes = fields.first(where: { $0.name.rawName == "X-Bytes" }) {
            #expect(bytes.withUnsafeBytesOfValue { Array($0) } == Array("a".utf8) + [0xFF, 0xFE] + Array("b".utf8))
        }
    }
}
