import Foundation
import InvitationCore
import InvitationGateway
import InvitationGatewayTesting
import Testing

/// The configuration keys for state, routing, the organization directory and batch mode.
@Suite struct BatchConfigurationTests {
    @Test func platformConfigReadsEveryNewKey() throws {
        let configuration = try GatewayConfiguration.load(
            file: GatewayHarness.repositoryDirectory + "/config/platform-several-backends.yaml",
            environment: ["K0RDENT_TOKEN": "t", "GATEWAY_STATE_DATABASE": "/tmp/x.sqlite"])
        #expect(configuration.state.database == "/tmp/x.sqlite", "the environment overrides state.database")
        #expect(configuration.state.idempotencyKeySeconds == 86400)
        #expect(configuration.routing.defaultUpstream == "reference")
        #expect(configuration.routing.rules.map(\.upstream) == ["k0rdent", "inkeep"])
        #expect(configuration.organizations.first?.id == "org-s1t2u3")
        #expect(configuration.organizations.first?.slug == "research")
        #expect(configuration.upstreams.map(\.batchMode) == [.allOrNothing, .bestEffort, .bestEffort])
    }

    @Test func defaultsAreInMemoryBestEffortAndOneDay() throws {
        let configuration = try GatewayConfiguration.parse("upstreams:\n  - {name: a, url: embedded}")
        #expect(configuration.state.storage == .inMemory)
        #expect(configuration.state.idempotencyKeySeconds == 24 * 60 * 60)
        #expect(configuration.state.invitationIndexSeconds == 30 * 24 * 60 * 60)
        #expect(configuration.upstreams[0].batchMode == .bestEffort)
        #expect(configuration.routing.rules.isEmpty && configuration.routing.defaultUpstream == nil)
    }

    @Test(arguments: [
        ("upstreams:\n  - {name: a, url: embedded}\nrouting: {default: b}", "routing.default", 3),
        (
            "upstreams:\n  - {name: a, url: embedded}\nrouting:\n  rules:\n    - {organization: x, upstream: b}",
            "routing.rules[0].upstream", 5
        ),
        (
            "upstreams:\n  - {name: a, url: embedded}\nrouting:\n  rules:\n    - {upstream: a}",
            "routing.rules[0].organization", 0
        ),
        ("upstreams:\n  - {name: a, url: embedded, batchMode: some}", "upstreams[0].batchMode", 2),
        ("upstreams:\n  - {name: a, url: embedded}\norganizations:\n  - {logoURL: 'https://x'}", "organizations[0]", 4),
        ("upstreams:\n  - {name: a, url: embedded}\nstate: {database: x, ttl: 3}", "state.ttl", 3),
        (
            "upstreams:\n  - {name: a, url: embedded}\nstate: {invitationIndexSeconds: 59}",
            "state.invitationIndexSeconds", 3
        ),
        (
            "upstreams:\n  - {name: a, url: embedded}\nstate: {idempotencyKeySeconds: 0}",
            "state.idempotencyKeySeconds", 3
        ),
    ])
    func errorsNameTheKeyAndLine(text: String, key: String, line: Int) {
        #expect {
            _ = try GatewayConfiguration.parse(text, file: "test.yaml")
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.key == key && error.line == line
        }
    }

    @Test func invitationIndexRetentionIsReadFromTheFileAndTheEnvironment() throws {
        let text = "state: {invitationIndexSeconds: 604800}\nupstreams:\n  - {name: a, url: embedded}"
        #expect(try GatewayConfiguration.parse(text).state.invitationIndexSeconds == 604_800)
        let overridden = try GatewayConfiguration.parse(
            text, environment: ["GATEWAY_STATE_INVITATIONINDEXSECONDS": "86400"])
        #expect(overridden.state.invitationIndexSeconds == 86_400)
    }

    /// `state.idempotencyKeySeconds` reaches the idempotency store's policy.
    @Test func idempotencyKeyLifetimeComesFromConfiguration() async throws {
        var configuration = try GatewayConfiguration.parse(
            "state: {idempotencyKeySeconds: 1}\nupstreams:\n  - {name: a, url: embedded}")
        configuration.mappings = GatewayHarness.mappingsDirectory
        let runtime = try GatewayRuntime(configuration: configuration, logger: GatewayHarness.logger)
        #expect(runtime.state.idempotency.policy.timeToLive == 1)
        await runtime.shutdown()
    }
}
