import HTTPTypes
import NIOCore
import NIOHTTP1
import Testing

@testable import InvitationGateway

/// The answer head the channel handler writes, against the same head spelled out as text.
@Suite struct ResponseHeadTests {
    static let responses: [GatewayResponse] = [
        GatewayResponse(status: 200),
        GatewayResponse(
            status: 201, headers: HTTPFields(pairs: [("Content-Type", "application/json"), ("X-Request-Id", "r-1")]),
            body: Array(#"{"id":"i1"}"#.utf8)),
        // The handler's own framing and date fields are not repeated; others keep their order and spelling.
        GatewayResponse(
            status: 422,
            headers: HTTPFields(pairs: [
                ("content-length", "999"), ("Content-Type", "application/problem+json"), ("Date", "yesterday"),
                ("Connection", "upgrade"), ("Transfer-Encoding", "chunked"), ("Retry-After", "3"),
                ("X-Note", "café ☕"), ("X-Empty", ""),
            ]), body: Array(repeating: 0x61, count: 1000)),
        GatewayResponse(status: 599, body: [1]),
        GatewayResponse(status: 100),
        // Content lengths across digit counts.
        GatewayResponse(status: 404, body: Array(repeating: 0x61, count: 9)),
        GatewayResponse(status: 409, body: Array(repeating: 0x61, count: 10)),
        GatewayResponse(status: 503, body: Array(repeating: 0x61, count: 100)),
        GatewayResponse(status: 299, body: Array(repeating: 0x61, count: 12345)),
    ]

    /// The head as text: status line, fields, `content-length`, `date`, `connection` where needed, blank line.
    static func expected(_ response: GatewayResponse, isHTTP10: Bool, keepAlive: Bool, date: String) -> String {
        var text = (isHTTP10 ? "HTTP/1.0 " : "HTTP/1.1 ") + "\(response.status) "
        text += HTTPResponseStatus(statusCode: response.status).reasonPhrase + "\r\n"
        for field in response.headers
        where ![.contentLength, .connection, .date, .transferEncoding].contains(field.name) {
            text += "\(field.name.rawName): \(field.value)\r\n"
        }
        text += "content-length: \(response.body.count)\r\ndate: \(date)"
        if !keepAlive { text += "\r\nconnection: close" } else if isHTTP10 { text += "\r\nconnection: keep-alive" }
        return text + "\r\n\r\n"
    }

    @Test(arguments: responses.indices, [(false, true), (false, false), (true, true), (true, false)])
    func theHeadIsWrittenAsSpelledOut(_ index: Int, _ version: (isHTTP10: Bool, keepAlive: Bool)) {
        let response = Self.responses[index]
        let date = "Mon, 07 Dec 2026 00:00:00 GMT"
        var buffer = ByteBuffer(string: "before|")
        GatewayChannelHandler.writeHead(
            of: response, isHTTP10: version.isHTTP10, keepAlive: version.keepAlive, date: date, to: &buffer)
        let expected = Self.expected(response, isHTTP10: version.isHTTP10, keepAlive: version.keepAlive, date: date)
        #expect(String(buffer: buffer) == "before|" + expected)
    }
}
