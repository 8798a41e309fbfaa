import HTTPTypes
import HummingbirdTesting
import InvitationCore
import InvitationGateway
import InvitationGatewayTesting
import NIOCore
import Testing

/// `url: embedded` with a `dialect`: the reference service is reached through that dialect, so its limits apply.
@Suite struct EmbeddedDialectTests {
    static func runtime(dialect: String?) throws -> GatewayRuntime {
        try GatewayHarness.runtime(
            GatewayConfiguration(
                port: 0,
                upstreams: [UpstreamConfiguration(name: "reference", dialect: dialect, endpoint: .embedded)]))
    }

    static func create(_ client: any TestClientProtocol) async throws -> TestResponse {
        try await client.executeRequest(
            uri: "/manage/api/invitations", method: .post,
            headers: [.authorization: "Bearer demo-admin-token", .contentType: "application/json"],
            body: ByteBuffer(
                string: #"{"emails":["ivy@example.com","zed@example.com"],"organizationId":"acme","role":"member"}"#))
    }

    @Test func withoutADialectEveryOperationReachesTheService() async throws {
        try await GatewayHarness.test(try Self.runtime(dialect: nil), .router) { client in
            let response = try await Self.create(client)
            #expect(response.status == .ok)
            let results = try JSONParser.parse(Array(response.body.readableBytesView))["data"]?.arrayValue ?? []
            #expect(results.map { $0["status"]?.stringValue } == ["success", "success"])
        }
    }

    @Test func aDialectThatLacksTheOperationAnswers501() async throws {
        try await GatewayHarness.test(try Self.runtime(dialect: "zenml"), .router) { client in
            let response = try await Self.create(client)
            #expect(response.status == .notImplemented)
            #expect(String(buffer: response.body).contains("zenml"))
        }
    }

    @Test func aOneEmailDialectFansTheBatchOut() async throws {
        try await GatewayHarness.test(try Self.runtime(dialect: "k0rdent"), .router) { client in
            let response = try await Self.create(client)
            #expect(response.status == .ok)
            let results = try JSONParser.parse(Array(response.body.readableBytesView))["data"]?.arrayValue ?? []
            #expect(results.count == 2)
            #expect(results.allSatisfy { $0["status"]?.stringValue == "success" && $0["id"]?.stringValue != nil })
        }
    }
}
