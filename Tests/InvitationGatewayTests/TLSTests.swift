import InvitationGateway
import InvitationGatewayTesting
import Testing

/// HTTPS upstreams: certificates are verified; a configured CA bundle trusts a private CA.
@Suite struct TLSTests {
    static let create = CallerRequest(
        method: .post, target: "/api/v1/org/acme/invitations", body: #"{"email":"new@example.com","role":"member"}"#)

    @Test func privateCAIsTrustedWithCABundleAndRefusedWithout() async throws {
        let certificates = try TestCertificates.generate()
        defer { certificates.remove() }
        try await StubUpstream.withStub(tls: try certificates.serverConfiguration()) { stub in
            stub.onAnyRoute(
                .json(#"{"id":"i1","email":"new@example.com","roles":["member"],"status":"pending"}"#, status: 201))
            let trusted = try await withGateway(upstream: "k0rdent", stub: stub, caBundle: certificates.caFile) {
                try await $0.send(Self.create)
            }
            #expect(trusted.status == 200)
            #expect(trusted.json?["id"] == "i1")
            #expect(stub.requests.count == 1)

            let untrusted = try await withGateway(upstream: "k0rdent", stub: stub) { try await $0.send(Self.create) }
            #expect(untrusted.status == 502)
            #expect(untrusted.json?["type"] == "bad_gateway_error")
            #expect(stub.requests.count == 1, "an unverified upstream gets nothing")
        }
    }
}
