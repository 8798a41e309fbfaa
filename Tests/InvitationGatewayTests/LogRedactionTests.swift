import Foundation
import HTTPTypes
import InvitationGateway
import InvitationGatewayTesting
import Logging
import Testing

/// Credentials never reach the logs, whatever happens to the request, at the most verbose level.
@Suite struct LogRedactionTests {
    /// Records every log line with its metadata, as text.
    final class LogLines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.withLock { lines.append(line) } }
        var all: [String] { lock.withLock { lines } }
    }

    struct RecordingLogHandler: LogHandler {
        let lines: LogLines
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        init(lines: LogLines) { self.lines = lines }

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            lines.append("\(event.level) \(event.message) \(all) \(event.source)")
        }
    }

    static let secrets = ["caller-secret-token", "cookie-secret-value", "api-key-secret"]

    @Test(arguments: [
        StubResponse.json(#"{"id":"i1","email":"new@example.com","roles":["member"],"status":"pending"}"#, status: 201),
        StubResponse.json(#"{"error":{"code":500,"message":"boom caller-secret-token"}}"#, status: 500),
        StubResponse.answer(429, body: "slow down", headers: ["Retry-After": "3"]),
        StubResponse.answer(200, body: "not json"),
    ])
    func credentialsAreNeverLogged(answer: StubResponse) async throws {
        let lines = LogLines()
        var recording = Logger(label: "gateway-log-test") { _ in RecordingLogHandler(lines: lines) }
        recording.logLevel = .trace
        let logger = recording
        try await StubUpstream.withStub { stub in
            stub.onAnyRoute(answer)
            var configuration = GatewayHarness.configuration(dialect: "k0rdent", url: stub.baseURL)
            configuration.mappings = GatewayHarness.mappingsDirectory
            let runtime = try GatewayRuntime(configuration: configuration, logger: logger)
            try await GatewayHarness.test(runtime, .router) { client in
                var headers: HTTPFields = [
                    .authorization: "Bearer caller-secret-token", .contentType: "application/json",
                    .cookie: "better-auth.session_token=cookie-secret-value",
                ]
                headers[HTTPField.Name("X-API-Key")!] = "api-key-secret"
                _ = try await client.executeRequest(
                    uri: "/api/v1/org/acme/invitations", method: .post, headers: headers,
                    body: .init(string: #"{"email":"new@example.com","role":"member"}"#))
                _ = try await client.executeRequest(
                    uri: "/api/v1/org/acme/invitations", method: .post, headers: headers, body: .init(string: "{bad"))
            }
        }
        let logged = lines.all
        #expect(!logged.isEmpty, "the test must see the gateway's logs to mean anything")
        for line in logged {
            for secret in Self.secrets { #expect(!line.contains(secret), "logged a credential: \(line)") }
        }
    }
}
