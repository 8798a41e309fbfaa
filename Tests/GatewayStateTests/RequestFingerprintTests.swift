import InvitationCore
import InvitationGateway
import Testing

@Suite struct RequestFingerprintTests {
    @Test func aFingerprintIsStableAndCoversMethodPathAndBody() {
        let body = Array(#"{"emails":["a@x.io"]}"#.utf8)
        let base = RequestFingerprint(method: "POST", path: "/v1/invitations", body: body)
        #expect(base.hex.count == 64)
        #expect(base == RequestFingerprint(method: "post", path: "/v1/invitations", body: body))
        #expect(base != RequestFingerprint(method: "PUT", path: "/v1/invitations", body: body))
        #expect(base != RequestFingerprint(method: "POST", path: "/v1/invitation", body: body))
        #expect(base != RequestFingerprint(method: "POST", path: "/v1/invitations", body: body + [0x20]))
        // Field boundaries are kept: moving bytes between path and body changes the fingerprint.
        #expect(
            RequestFingerprint(method: "POST", path: "/a", body: Array("b".utf8))
                != RequestFingerprint(method: "POST", path: "/ab", body: []))
        // A known value pins the algorithm, so stored keys stay valid across releases.
        #expect(
            RequestFingerprint(method: "POST", path: "/", body: []).hex
                == "b31c3a51865c20656377c4faba09c288480067ca3edec106c6d4519e8ee34110")
    }

    @Test func theCanonicalBodyIgnoresWireFormatting() throws {
        let compact = try JSONParser.parse(#"{"organization":{"id":"acme"},"emails":["a@x.io"]}"#)
        let spaced = try JSONParser.parse("{ \"organization\" : { \"id\" : \"acme\" },\n \"emails\" : [ \"a@x.io\" ] }")
        let one = try CreateInvitationsInput(canonical: compact).canonical.jsonBytes
        let two = try CreateInvitationsInput(canonical: spaced).canonical.jsonBytes
        #expect(
            RequestFingerprint(method: "POST", path: "/p", body: one)
                == RequestFingerprint(method: "POST", path: "/p", body: two))
    }

    @Test func callerHashesNeverHoldTheCredentials() {
        let credentials = Credentials(
            authorization: "Bearer secret-token", cookies: ["better-auth.session_token": "s3"])
        let scope = IdempotencyScope(credentials: credentials, route: "r")
        #expect(scope.caller.count == 64)
        #expect(!scope.caller.contains("secret"))
        #expect(scope == IdempotencyScope(credentials: credentials, route: "r"))
        #expect(
            scope.caller != IdempotencyScope(credentials: Credentials(authorization: "Bearer other"), route: "r").caller
        )
        #expect(
            scope.caller != IdempotencyScope(credentials: Credentials(apiKey: "Bearer secret-token"), route: "r").caller
        )
    }

    @Test(arguments: [
        ("abc-123", "abc-123"), ("  padded\t", "padded"),
    ])
    func validKeysAreAccepted(header: String, key: String) throws {
        #expect(try IdempotencyHeaders.validatedKey(header) == key)
    }

    @Test(arguments: ["", "   ", "has space", "naïve", String(repeating: "k", count: 256)])
    func invalidKeysAreA400(header: String) {
        #expect(throws: GatewayError.self) { try IdempotencyHeaders.validatedKey(header) }
        do {
            _ = try IdempotencyHeaders.validatedKey(header)
        } catch {
            #expect(error.status == 400)
            #expect(error.code == .invalidRequest)
        }
    }

    @Test func anAbsentKeyIsNil() throws {
        #expect(try IdempotencyHeaders.validatedKey(nil) == nil)
    }

    @Test func theIdempotencyErrorsHaveTheDocumentedStatuses() {
        #expect(IdempotencyErrors.mismatch.status == 422)
        #expect(IdempotencyErrors.inProgress.status == 409)
        #expect(IdempotencyErrors.inProgress.retryAfter == 1)
    }
}
