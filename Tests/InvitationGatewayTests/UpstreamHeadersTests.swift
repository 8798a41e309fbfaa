import HTTPTypes
import InvitationCore
import InvitationGatewayTesting
import Testing

@testable import InvitationGateway

/// The headers a rendered request goes out with: whatever the context's forwarded headers hold, each header the
/// gateway sets is there once, with the gateway's value, and the other forwarded ones stay as they were.
@Suite struct UpstreamHeadersTests {
    static let cases: [[(String, String)]] = [
        [],
        [("User-Agent", "curl/8"), ("Accept-Language", "fr")],
        // A context built by hand can hold the names the gateway sets: they are replaced, not repeated.
        [("Accept", "text/plain"), ("User-Agent", "curl/8"), ("X-Request-Id", "old"), ("Authorization", "Bearer old")],
        [("Content-Type", "text/plain"), ("Cookie", "a=b"), ("X-API-Key", "old")],
    ]

    @Test(arguments: cases.indices)
    func eachGatewayHeaderIsSetOnce(_ index: Int) throws {
        let dialect = try #require(try GatewayHarness.registry().dialect(named: "k0rdent"))
        let upstream = DialectUpstream(
            dialect: dialect, baseURL: "http://127.0.0.1:9",
            transport: FakeTransport { _ throws(GatewayError) in TransportResponse(status: 201) })
        let forwarded = HTTPFields(pairs: Self.cases[index])
        let context = UpstreamContext(
            metadata: RequestMetadata(
                requestID: "req-1", credentials: Credentials(authorization: "Bearer new", apiKey: "key-new")),
            forwardedHeaders: forwarded, logger: GatewayHarness.logger)
        let rendered = try upstream.render(
            .createInvitations(
                CreateInvitationsInput(
                    organization: Organization(id: "acme"), emails: ["ada@example.com"], roles: ["admin"])),
            context: context)
        let headers = upstream.headers(for: rendered, context: context).fields
        // What setting each header by name gives: the gateway's value once, everything else as forwarded.
        var expected = forwarded
        context.metadata.credentials.write(to: &expected)
        expected[HTTPField.Name("X-Request-Id")!] = "req-1"
        expected[.accept] = "application/json"
        expected[.contentType] = "application/json"
        #expect(headers == expected)
        #expect(headers[values: .authorization] == ["Bearer new"])
        #expect(headers[values: .accept] == ["application/json"])
        #expect(headers[values: HTTPField.Name("X-Request-Id")!] == ["req-1"])
    }

    /// What is written into a request's head is what ``UpstreamHeaders/fields`` holds, framing names left out:
    /// values the gateway sets are legalized as `HTTPField` legalizes them, whatever they hold.
    @Test(arguments: [
        ("req-1", "Bearer t", "application/json"),
        (" req-2", "Bearer t ", "text/plain; charset=utf-8"),
        ("req\r\n3", "Bearer\tt", "application/json\u{7F}"),
        ("", "", ""),
        ("\t", "Bearer \u{E9}t\u{0}", " application/json"),
        ("a very long request id that runs past a few words of eight bytes", "Basic YWRhOmxvdmVsYWNl", "a\tb"),
    ])
    func writtenFieldsAreTheFields(requestID: String, authorization: String, contentType: String) {
        let forwarded = HTTPFields(pairs: [("User-Agent", "curl/8"), ("Content-Length", "3"), ("X-Trace", "t\u{E9}")])
        let credentials = Credentials(
            authorization: authorization, cookies: ["better-auth.session": "s 1", "b": "2"], apiKey: "key ")
        for parts in [
            UpstreamHeaders(
                forwarded: forwarded, credentials: credentials, requestID: requestID, contentType: contentType),
            UpstreamHeaders(
                forwarded: HTTPFields(), credentials: Credentials(), requestID: requestID, contentType: nil),
            UpstreamHeaders(forwarded),
        ] {
            var written: [String] = []
            parts.forEachWritten { name, value in written.append("\(name): \(value)") }
            let expected = parts.fields.filter {
                ![.contentLength, .transferEncoding].contains($0.name) && $0.name.canonicalName != "host"
            }
            .map { "\($0.name.rawName): \($0.value)" }
            #expect(written == expected)
        }
    }
}
