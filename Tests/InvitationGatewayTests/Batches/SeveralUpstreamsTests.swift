import Foundation
import HTTPTypes
import HummingbirdTesting
import InvitationCore
import InvitationGateway
import InvitationGatewayTesting
import Testing

/// One gateway before two live reference backends in different dialects, routed by organization.
///
/// Backend A holds `globex` and speaks inkeep (better-auth) to the gateway; backend B holds `acme` and is
/// reached through two faces: k0rdent for the admin side, zenml for the invitee side. The directory knows acme
/// also by the slug `acme-corp`, which only dreadnode callers use.
@Suite struct SeveralUpstreamsTests {
    static func configuration(alpha: String, backendB: String) -> GatewayConfiguration {
        func upstream(_ name: String, _ dialect: String, _ url: String, callers: [String]? = nil)
            -> UpstreamConfiguration
        {
            UpstreamConfiguration(
                name: name, dialect: dialect, endpoint: UpstreamEndpoint(url: url)!, timeoutSeconds: 5, callers: callers
            )
        }
        return GatewayConfiguration(
            port: 0, mappings: GatewayHarness.mappingsDirectory,
            upstreams: [
                upstream("alpha", "inkeep", alpha),
                upstream("beta", "k0rdent", backendB, callers: ["dreadnode", "k0rdent"]),
                upstream("gamma", "zenml", backendB, callers: ["zenml"]),
            ],
            routing: RoutingConfiguration(rules: [
                RoutingConfiguration.Rule(organization: "globex", upstream: "alpha"),
                RoutingConfiguration.Rule(organization: "acme", upstream: "beta"),
            ]),
            organizations: [Organization(id: "acme", slug: "acme-corp", name: "Acme Inc.")])
    }

    static func send(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ target: String, token: String,
        body: String? = nil
    ) async throws -> CallerAnswer {
        try await client.send(
            CallerRequest(method: method, target: target, body: body, headers: [.authorization: "Bearer \(token)"]))
    }

    @Test func routedByOrganizationWithMergedListMineAndInviteeOperationsByIndex() async throws {
        try await ReferenceBackend.run(ReferenceBackend.globex) { backendA in
            try await ReferenceBackend.run { backendB in
                let runtime = try GatewayHarness.runtime(
                    Self.configuration(alpha: backendA.baseURL, backendB: backendB.baseURL))
                try await GatewayHarness.test(runtime, .live) { client in
                    // A dreadnode slug the directory resolves to acme's id: routed to beta, created on B by k0rdent id.
                    let dreadnode = try await Self.send(
                        client, .post, "/api/v1/org/acme-corp/invitations", token: "demo-admin-token",
                        body: #"{"email":"ivy@example.com","role":"member"}"#)
                    #expect(dreadnode.status == 200, "\(dreadnode.body)")
                    let acmeID = try #require(dreadnode.json?["id"]?.stringValue)
                    #expect(
                        dreadnode.json?["organization_slug"] == "acme-corp",
                        "the caller's own slug comes back: \(dreadnode.body)")
                    #expect(try await backendB.pending()["ivy@example.com"] == acmeID)
                    // An inkeep batch for globex: routed to alpha, created on A.
                    let inkeep = try await Self.send(
                        client, .post, "/manage/api/invitations", token: "globex-admin-token",
                        body: inkeepBatch(["ivy@example.com"], organization: "globex"))
                    let globexID = try #require(
                        inkeep.json?["data"]?.arrayValue?.first?["id"]?.stringValue, "\(inkeep.body)")
                    #expect(
                        try await backendA.pending(in: "globex", token: "globex-admin-token")["ivy@example.com"]
                            == globexID)
                    // Ivy's own invitations, as zenml lists them: both backends merged.
                    let mine = try await Self.send(client, .get, "/invitations", token: "demo-invitee-token")
                    #expect(mine.status == 200, "\(mine.body)")
                    let ids = Set(mine.json?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [])
                    #expect(ids == [acmeID, globexID], "\(mine.body)")
                    // Read and accept each by id alone: the index knows which backend holds it.
                    for (id, organization) in [(globexID, "Globex"), (acmeID, "Acme Inc.")] {
                        let read = try await Self.send(client, .get, "/invitations/\(id)", token: "demo-invitee-token")
                        #expect(read.status == 200, "\(organization): \(read.body)")
                        #expect(read.json?["organization_name"]?.stringValue == organization, "\(read.body)")
                        let accepted = try await Self.send(
                            client, .post, "/invitations/\(id)?accept=true", token: "demo-invitee-token")
                        #expect(accepted.status == 200, "\(organization): \(accepted.body)")
                    }
                    #expect(try await backendB.pending()["ivy@example.com"] == nil, "accepted on B")
                    // An id no backend answered with: the documented fallback, the caller dialect's upstream (gamma).
                    let unknown = try await Self.send(
                        client, .get, "/invitations/7d1c2b3a-0000-4000-8000-000000000000", token: "demo-invitee-token")
                    #expect(unknown.status == 404, "\(unknown.body)")
                    #expect(unknown.json?["detail"]?.stringValue != nil, "zenml's envelope: \(unknown.body)")
                    // A slug the directory does not know goes to the dreadnode callers' upstream as it is: B has no such
                    // organization.
                    let stranger = try await Self.send(
                        client, .post, "/api/v1/org/initech/invitations", token: "demo-admin-token",
                        body: #"{"email":"zed@example.com","role":"member"}"#)
                    #expect(stranger.status == 404, "\(stranger.body)")
                    #expect(stranger.json?["type"] == "not_found_error", "\(stranger.body)")
                }
            }
        }
    }

    /// better-auth's cancel-invitation reaches k0rdent with the organization the invitation index recorded.
    ///
    /// The index supplies the organization k0rdent needs once the gateway has seen the invitation (here: created it). An unseen id is still a clear 422.
    @Test func cancelInvitationReachesK0rdentWithTheIndexedOrganization() async throws {
        try await ReferenceBackend.run { reference in
            let runtime = try GatewayHarness.runtime(frontConfiguration(dialect: "k0rdent", url: reference.baseURL))
            try await GatewayHarness.test(runtime, .live) { client in
                let created = try await Self.send(
                    client, .post, "/manage/api/invitations", token: "demo-admin-token",
                    body: inkeepBatch(["zoe@example.com"]))
                let id = try #require(created.json?["data"]?.arrayValue?.first?["id"]?.stringValue, "\(created.body)")
                let unseen = try #require(try await reference.invite("rex@example.com"))
                let cancel = try await Self.send(
                    client, .post, "/api/auth/organization/cancel-invitation", token: "demo-admin-token",
                    body: #"{"invitationId":"\#(id)"}"#)
                #expect(cancel.status == 200, "\(cancel.body)")
                let refused = try await Self.send(
                    client, .post, "/api/auth/organization/cancel-invitation", token: "demo-admin-token",
                    body: #"{"invitationId":"\#(unseen)"}"#)
                #expect(refused.status == 422, "\(refused.body)")
                #expect(refused.body.contains("organization"))
                #expect(try await reference.pending().keys.sorted() == ["rex@example.com"])
            }
        }
    }
}
