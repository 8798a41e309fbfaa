import Foundation
import InvitationGateway
import InvitationGatewayTesting
import Testing

@Suite struct ConfigurationTests {
    static let root = GatewayHarness.repositoryDirectory
    static var shippedConfigs: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root + "/config")) ?? []).filter {
            $0.hasSuffix(".yaml")
        }.sorted()
    }

    @Test func everyShippedConfigLoadsAndBuilds() async throws {
        #expect(Self.shippedConfigs.count >= 3)
        for name in Self.shippedConfigs {
            var configuration = try GatewayConfiguration.load(
                file: Self.root + "/config/" + name, environment: ["K0RDENT_TOKEN": "test-token"])
            configuration.mappings = Self.root + "/" + configuration.mappings
            let runtime = try GatewayRuntime(configuration: configuration, logger: GatewayHarness.logger)
            #expect(runtime.gateway.isReady, "\(name)")
            await runtime.shutdown()
        }
    }

    @Test func environmentOverridesScalarKeys() throws {
        let text = """
            listen: {host: 127.0.0.1, port: 8080}
            upstreams:
              - {name: main, dialect: k0rdent, url: "http://127.0.0.1:1", timeoutSeconds: 10}
            """
        let configuration = try GatewayConfiguration.parse(
            text,
            environment: [
                "GATEWAY_LISTEN_PORT": "9090", "GATEWAY_UPSTREAMS_0_URL": "https://backend.example:8443",
                "GATEWAY_UPSTREAMS_0_TIMEOUTSECONDS": "2.5", "GATEWAY_FANOUTCONCURRENCY": "4",
            ])
        #expect(configuration.port == 9090)
        #expect(configuration.upstreams[0].endpoint.baseURL == "https://backend.example:8443")
        #expect(configuration.upstreams[0].timeoutSeconds == 2.5)
        #expect(configuration.fanOutConcurrency == 4)
    }

    @Test(arguments: [
        ("upstreams: []", "upstreams", 1),
        ("upstreams:\n  - {name: a, dialect: k0rdent, url: ftp://x}", "upstreams[0].url", 2),
        ("upstreams:\n  - {name: a, url: 'http://x:1'}", "upstreams[0].dialect", 0),
        ("listen: {port: 99999}\nupstreams:\n  - {name: a, url: embedded}", "listen.port", 1),
        ("upstreams:\n  - {name: a, url: embedded, timeoutSecs: 3}", "upstreams[0].timeoutSecs", 2),
        (
            "upstreams:\n  - {name: a, url: embedded, credentials: {bearer: {env: NOT_SET_ANYWHERE}}}",
            "upstreams[0].credentials.bearer.env", 2
        ),
        ("upstreams:\n  - {name: a, url: embedded, uncarriedFields: keep}", "upstreams[0].uncarriedFields", 2),
    ])
    func errorsNameTheKeyAndLine(text: String, key: String, line: Int) {
        #expect {
            _ = try GatewayConfiguration.parse(text, file: "test.yaml")
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.key == key && error.line == line && error.file == "test.yaml"
        }
    }

    @Test func unknownDialectNamesTheKey() throws {
        let configuration = try GatewayConfiguration.parse(
            "upstreams:\n  - {name: a, dialect: klingon, url: 'http://127.0.0.1:1'}")
        #expect(throws: ConfigurationError.self) {
            var configuration = configuration
            configuration.mappings = GatewayHarness.mappingsDirectory
            _ = try GatewayRuntime(configuration: configuration, logger: GatewayHarness.logger)
        }
    }
}
