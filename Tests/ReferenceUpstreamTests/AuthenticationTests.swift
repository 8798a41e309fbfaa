import InvitationCore
import Testing

@testable import ReferenceUpstream

@Suite("authentication")
struct AuthenticationTests {
    @Test(arguments: [nil, "", "wrong-token"] as [String?])
    func missingOrUnknownTokenIsUnauthenticated(token: String?) async throws {
        let harness = try Harness()
        let requests: [CanonicalRequest] = [
            .createInvitations(CreateInvitationsInput(organization: acme, emails: ["ivy@example.com"])),
            .getInvitation(GetInvitationInput(invitationID: "00000000-0000-0000-0000-000000000000")),
            .listInvitations(ListInvitationsInput(organization: acme)),
            .listMyInvitations(ListMyInvitationsInput()),
            .respondToInvitation(RespondToInvitationInput(invitationID: "x", accept: true)),
            .revokeInvitation(RevokeInvitationInput(invitationID: "x")),
        ]
        for request in requests {
            let error = await #expect(throws: GatewayError.self) {
                _ = try await harness.service.perform(request, metadata: metadata(token))
            }
            #expect(error?.code == .unauthenticated, "\(request.operation)")
            #expect(error?.status == 401)
        }
    }

    @Test func apiKeyAndSessionCookieAreAccepted() async throws {
        let harness = try Harness()
        let request = CanonicalRequest.listMyInvitations(ListMyInvitationsInput())
        for credentials in [
            Credentials(apiKey: Token.invitee),
            Credentials(cookies: ["better-auth.session_token": Token.invitee]),
        ] {
            let response = try await harness.service.perform(
                request, metadata: RequestMetadata(requestID: "r", credentials: credentials))
            #expect(response.operation == .listMyInvitations)
        }
    }

    @Test func configurationWithDanglingTokenIsRefused() {
        var configuration = ReferenceConfiguration.demo
        configuration.tokens["stray"] = "nobody"
        #expect(throws: ReferenceConfigurationError.self) { _ = try ReferenceService(configuration: configuration) }
    }

    @Test func databaseFailureIsAnOpaqueInternalError() async throws {
        let harness = try Harness()
        try await harness.service.writer.write { db in try db.execute(sql: "DROP TABLE invitations") }
        let error = await #expect(throws: GatewayError.self) { _ = try await harness.service.listMine() }
        #expect(error?.code == .internal)
        #expect(error?.status == 500)
        #expect(error?.message == "internal error")
        #expect(error?.requestID == "req-test")
        let batch = try await harness.service.invite(["ivy@example.com"])
        #expect(batch.first?.error == GatewayError(code: .internal, message: "internal error"))
    }

    @Test func closedServiceIsUnavailable() async throws {
        let harness = try Harness()
        try harness.service.close()
        try harness.service.close()
        let error = await #expect(throws: GatewayError.self) { _ = try await harness.service.listMine() }
        #expect(error?.code == .unavailable)
        #expect(error?.status == 503)
    }
}
