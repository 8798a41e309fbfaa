import Foundation
import HTTPTypes
import HummingbirdTesting
import InvitationCore
import InvitationGateway
import InvitationGatewayTesting
import NIOCore
import ReferenceUpstream
import Testing

/// A live reference upstream for batch tests: a reference service serving every dialect on a loopback port,
/// reachable directly (to seed and inspect) while a gateway under test talks to it in one dialect.
struct ReferenceBackend: Sendable {
    let port: Int
    let client: any TestClientProtocol

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Runs a reference service with `configuration` (the demo world unless told) for the duration of `body`.
    static func run<Value: Sendable>(
        _ configuration: ReferenceConfiguration = .demo, _ body: @Sendable (ReferenceBackend) async throws -> Value
    ) async throws -> Value {
        let service = try ReferenceService(configuration: configuration, storage: .inMemory)
        let gateway = try Gateway(
            registry: GatewayHarness.registry(),
            upstreams: [UpstreamRoute(name: "reference", upstream: EmbeddedUpstream(service: service))],
            logger: GatewayHarness.logger)
        let app = GatewayServer.makeApplication(
            gateway: gateway, host: "127.0.0.1", port: 0, logger: GatewayHarness.logger)
        defer { try? service.close() }
        return try await app.test(.live) { client in
            try await body(ReferenceBackend(port: try #require(client.port), client: client))
        }
    }

    /// A demo-like world for organization `globex` (owner Gus, token `globex-admin-token`) where Ivy
    /// (`demo-invitee-token`) is also known, to stand beside the demo's `acme` as a second backend.
    static var globex: ReferenceConfiguration {
        ReferenceConfiguration(
            organizations: [
                ReferenceConfiguration.OrganizationSeed(
                    id: "globex", slug: "globex", uuid: "0c7e8d1a-4b3f-4e2a-9d6c-1f2e3a4b5c6d", name: "Globex",
                    members: [ReferenceConfiguration.MemberSeed(userID: "gus", role: "owner")])
            ],
            users: [
                ReferenceConfiguration.UserSeed(id: "gus", name: "Gus Owner", email: "gus@globex.example"),
                ReferenceConfiguration.UserSeed(id: "ivy", name: "Ivy Invitee", email: "ivy@example.com"),
            ],
            tokens: ["globex-admin-token": "gus", "demo-invitee-token": "ivy"])
    }

    /// Sends a request straight to the reference (not through the gateway under test).
    func send(_ method: HTTPRequest.Method, _ uri: String, token: String = "demo-admin-token", body: String? = nil)
        async throws -> CallerAnswer
    {
        var headers: HTTPFields = [.authorization: "Bearer \(token)"]
        if body != nil { headers[.contentType] = "application/json" }
        let response = try await client.executeRequest(
            uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return CallerAnswer(
            status: Int(response.status.code), headers: response.headers, body: String(buffer: response.body))
    }

    /// The pending invitations of `organization`, by email → id (read through the reference's k0rdent face).
    func pending(in organization: String = "acme", token: String = "demo-admin-token") async throws -> [String: String]
    {
        let answer = try await send(
            .get, "/v1/regions/global/organizations/\(organization)/invitations?status=pending&pageSize=500",
            token: token)
        var byEmail: [String: String] = [:]
        for item in answer.json?["invitations"]?.arrayValue ?? [] {
            if let email = item["email"]?.stringValue, let id = item["id"]?.stringValue { byEmail[email] = id }
        }
        return byEmail
    }

    /// Invites `email` to `organization` directly at the reference (a duplicate for the gateway's batch to hit).
    @discardableResult
    func invite(_ email: String, organization: String = "acme", token: String = "demo-admin-token") async throws
        -> String?
    {
        let answer = try await send(
            .post, "/v1/regions/global/organizations/\(organization)/invitations", token: token,
            body: #"{"email":"\#(email)","roles":["member"]}"#)
        return answer.json?["id"]?.stringValue
    }
}

/// An inkeep batch body for `emails` to `organization`.
func inkeepBatch(_ emails: [String], organization: String = "acme") -> String {
    #"{"emails":[\#(emails.map { "\"\($0)\"" }.joined(separator: ",")),],"organizationId":"\#(organization)","role":"member"}"#
        .replacingOccurrences(of: ",]", with: "]")
}

/// A gateway configuration with one upstream of `dialect` at `url` and the given state and batch settings.
func frontConfiguration(
    dialect: String, url: String, state: StateConfiguration = StateConfiguration(), batchMode: BatchMode = .bestEffort,
    credentials: CredentialPolicy = .passthrough, fanOutConcurrency: Int = 8
) -> GatewayConfiguration {
    var configuration = GatewayHarness.configuration(dialect: dialect, url: url, credentials: credentials)
    configuration.upstreams[0].batchMode = batchMode
    configuration.state = state
    configuration.fanOutConcurrency = fanOutConcurrency
    return configuration
}
