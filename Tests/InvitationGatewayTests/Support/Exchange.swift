import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import InvitationCore
import InvitationGateway
import InvitationGatewayTesting
import NIOCore

/// A caller's request for a test: method, target and an optional JSON body.
struct CallerRequest: Sendable, CustomStringConvertible {
    var method: HTTPRequest.Method
    var target: String
    var body: String?
    var headers: HTTPFields = [:]

    var description: String { "\(method) \(target)" }
}

/// What the caller got.
struct CallerAnswer: Sendable {
    var status: Int
    var headers: HTTPFields
    var body: String

    var json: JSONValue? { try? JSONParser.parse(body) }
    func header(_ name: String) -> String? { HTTPField.Name(name).flatMap { headers[$0] } }
}

extension TestClientProtocol {
    /// Sends a caller request through the gateway.
    func send(_ request: CallerRequest) async throws -> CallerAnswer {
        var headers = request.headers
        if request.body != nil, headers[.contentType] == nil { headers[.contentType] = "application/json" }
        let response = try await executeRequest(
            uri: request.target, method: request.method, headers: headers,
            body: request.body.map { ByteBuffer(string: $0) })
        return CallerAnswer(
            status: Int(response.status.code), headers: response.headers, body: String(buffer: response.body))
    }
}

/// Parses JSON text for comparisons (member order ignored).
func json(_ text: String) -> JSONValue? { try? JSONParser.parse(text) }

/// Runs a live gateway in front of a stub upstream speaking `dialect`.
func withGateway<Value: Sendable>(
    upstream dialect: String, stub: StubUpstream, timeoutSeconds: Double = 5,
    credentials: CredentialPolicy = .passthrough, caBundle: String? = nil, setup: TestingSetup = .live,
    _ body: @Sendable (any TestClientProtocol) async throws -> Value
) async throws -> Value {
    let configuration = GatewayHarness.configuration(
        dialect: dialect, url: stub.baseURL, timeoutSeconds: timeoutSeconds, credentials: credentials,
        caBundle: caBundle)
    return try await GatewayHarness.test(try GatewayHarness.runtime(configuration), setup, body)
}
