import HTTPTypes
import InvitationCore
import InvitationGateway
import InvitationGatewayTesting
import Testing

@Suite struct HeaderTests {
    static let create = CallerRequest(
        method: .post, target: "/api/v1/org/acme/invitations", body: #"{"email":"new@example.com","role":"member"}"#)
    static let created = StubResponse.json(
        #"{"id":"i1","email":"new@example.com","roles":["member"],"status":"pending"}"#, status: 201)

    @Test func passthroughForwardsAuthorizationAndBetterAuthCookies() async throws {
        try await StubUpstream.withStub { stub in
            stub.onAnyRoute(Self.created)
            var request = Self.create
            request.headers[.authorization] = "Bearer caller-token"
            request.headers[.cookie] = "theme=dark; better-auth.session_token=s3cr3t; other=1"
            request.headers[HTTPField.Name("X-API-Key")!] = "key-1"
            _ = try await withGateway(upstream: "k0rdent", stub: stub) { [request] in try await $0.send(request) }
            let received = try #require(stub.requests.first)
            #expect(received.header("Authorization") == "Bearer caller-token")
            #expect(received.header("Cookie") == "better-auth.session_token=s3cr3t")
            #expect(received.header("X-API-Key") == "key-1")
        }
    }

    @Test func configuredBearerReplacesCallerCredentials() async throws {
        try await StubUpstream.withStub { stub in
            stub.onAnyRoute(Self.created)
            var request = Self.create
            request.headers[.authorization] = "Bearer caller-token"
            request.headers[.cookie] = "better-auth.session_token=s3cr3t"
            request.headers[HTTPField.Name("X-API-Key")!] = "key-1"
            _ = try await withGateway(upstream: "k0rdent", stub: stub, credentials: .bearer(token: "service-token")) {
                [request] in try await $0.send(request)
            }
            let received = try #require(stub.requests.first)
            #expect(received.header("Authorization") == "Bearer service-token")
            #expect(received.header("Cookie") == nil)
            #expect(received.header("X-API-Key") == nil)
        }
    }

    @Test func hopByHopHeadersAreNotForwarded() async throws {
        try await StubUpstream.withStub { stub in
            stub.onAnyRoute(Self.created)
            var request = Self.create
            request.headers[HTTPField.Name("X-Secret-Hop")!] = "hop"
            request.headers[HTTPField.Name("X-Kept")!] = "kept"
            request.headers[.connection] = "keep-alive, X-Secret-Hop"
            request.headers[HTTPField.Name("Keep-Alive")!] = "timeout=5"
            request.headers[HTTPField.Name("Proxy-Authorization")!] = "Basic eA=="
            request.headers[.te] = "trailers"
            request.headers[HTTPField.Name("Upgrade")!] = "websocket"
            request.headers[HTTPField.Name("Trailer")!] = "X-Checksum"
            // In process (`.router`): a live test client would set its own `Connection` header.
            _ = try await withGateway(upstream: "k0rdent", stub: stub, setup: .router) { [request] in
                try await $0.send(request)
            }
            let received = try #require(stub.requests.first)
            for name in ["X-Secret-Hop", "Keep-Alive", "Proxy-Authorization", "TE", "Upgrade", "Trailer"] {
                #expect(received.header(name) == nil, "\(name)")
            }
            #expect(received.header("X-Kept") == "kept")
        }
    }

    @Test(
        arguments: [
            ("caller-id-123", "caller-id-123"), (String(repeating: "x", count: 201), nil), ("caf\u{e9}-id", nil),
            (nil, nil),
        ] as [(String?, String?)])
    func requestIDIsKeptOrCreatedAndReturned(sent: String?, kept: String?) async throws {
        try await StubUpstream.withStub { stub in
            stub.onAnyRoute(Self.created)
            var request = Self.create
            if let sent { request.headers[HTTPField.Name("X-Request-Id")!] = sent }
            let answer = try await withGateway(upstream: "k0rdent", stub: stub) { [request] in
                try await $0.send(request)
            }
            let returned = try #require(answer.header("X-Request-Id"))
            #expect(stub.requests.first?.header("X-Request-Id") == returned)
            if let kept { #expect(returned == kept) } else { #expect(returned != sent && returned.count == 32) }
        }
    }

    @Test func callerCredentialsAreReadFromEveryFieldOfTheirName() throws {
        let places = try #require(try GatewayHarness.registry().dialect(named: "inkeep")).credentials
        var headers: HTTPFields = [.authorization: "Bearer one", .contentType: "application/json"]
        headers.append(HTTPField(name: .authorization, value: "Bearer two"))
        headers.append(HTTPField(name: HTTPField.Name("X-API-Key")!, value: "key"))
        headers.append(HTTPField(name: .cookie, value: "theme=dark; better-auth.session_token=s1"))
        headers.append(HTTPField(name: .cookie, value: "better-auth.csrf=c1"))
        let credentials = Credentials(headers: headers, places: places)
        // As `HTTPFields` reads several fields of one name.
        #expect(credentials.authorization == headers[.authorization])
        #expect(credentials.authorization == "Bearer one, Bearer two")
        #expect(credentials.apiKey == "key")
        #expect(credentials.cookies == ["better-auth.session_token": "s1", "better-auth.csrf": "c1"])
        #expect(Credentials(headers: [.contentType: "application/json"], places: places) == Credentials())
    }

    @Test func requestIDOnErrorsToo() async throws {
        let runtime = try GatewayHarness.runtime(GatewayHarness.configuration(dialect: nil, url: "embedded"))
        try await GatewayHarness.test(runtime, .live) { client in
            let answer = try await client.send(
                CallerRequest(
                    method: .post, target: "/api/v1/org/acme/invitations", body: "{",
                    headers: [HTTPField.Name("X-Request-Id")!: "err-1"]))
            #expect(answer.status == 400)
            #expect(answer.header("X-Request-Id") == "err-1")
        }
    }

    @Test func madeRequestIDsAreDistinctLowercaseHex() {
        let ids = (0..<1000).map { _ in RequestID.make() }
        #expect(Set(ids).count == ids.count)
        #expect(
            ids.allSatisfy {
                $0.utf8.count == 32 && $0.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
            })
    }
}
