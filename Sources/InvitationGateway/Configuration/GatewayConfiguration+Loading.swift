import Foundation
import Yams

extension GatewayConfiguration {
    /// Reads a configuration file; environment variables (`GATEWAY_…`) override its scalar keys.
    public static func load(
        file: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigurationError) -> GatewayConfiguration {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigurationError(file: file, line: 0, key: "", reason: "the configuration file cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(file: file, line: 0, key: "", reason: "the configuration file is not UTF-8 text")
        }
        return try parse(text, file: file, environment: environment)
    }

    /// Parses configuration text; `file` names it in errors.
    public static func parse(
        _ text: String, file: String = "<config>", environment: [String: String] = [:]
    ) throws(ConfigurationError) -> GatewayConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            var line = 0
            if let yamlError = error as? YamlError {
                switch yamlError {
                case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
                    line = mark.line
                default: break
                }
            }
            throw ConfigurationError(file: file, line: line, key: "", reason: "not valid YAML")
        }
        let reader = ConfigurationReader(file: file, environment: environment)
        let top = ConfigurationReader.Place(key: "", node: root ?? .mapping(Node.Mapping([])), variable: "GATEWAY")
        try reader.keys(
            top,
            allowed: [
                "listen", "mappings", "upstreams", "bodyLimitBytes", "fanOutConcurrency", "defaultDialect", "dialects",
                "eventLoopThreads",
                "state", "routing", "organizations",
            ])
        let listen = top.child("listen")
        try reader.keys(listen, allowed: ["host", "port"])
        var configuration = GatewayConfiguration(upstreams: [])
        if let host = try reader.string(listen.child("host")) {
            guard !host.isEmpty else { throw reader.fail(listen.child("host"), "expected a host name or address") }
            configuration.host = host
        }
        configuration.port = try reader.int(listen.child("port"), in: 0...65535) ?? configuration.port
        configuration.mappings = try reader.string(top.child("mappings")) ?? configuration.mappings
        configuration.bodyLimitBytes =
            try reader.int(top.child("bodyLimitBytes"), in: 1...(1 << 30)) ?? configuration.bodyLimitBytes
        configuration.fanOutConcurrency =
            try reader.int(top.child("fanOutConcurrency"), in: 1...256) ?? configuration.fanOutConcurrency
        configuration.eventLoopThreads = try reader.int(top.child("eventLoopThreads"), in: 1...256)
        configuration.defaultDialect = try reader.string(top.child("defaultDialect"))
        configuration.dialects = try reader.strings(top.child("dialects"))
        let upstreamsPlace = top.child("upstreams")
        let elements = try reader.elements(upstreamsPlace)
        guard !elements.isEmpty else { throw reader.fail(upstreamsPlace, "at least one upstream is required") }
        var names = Set<String>()
        for element in elements {
            let upstream = try upstream(element, reader)
            guard names.insert(upstream.name).inserted else {
                throw reader.fail(element.child("name"), "the name '\(upstream.name)' is used twice")
            }
            configuration.upstreams.append(upstream)
        }
        configuration.state = try state(top.child("state"), reader)
        configuration.organizations = try organizations(top.child("organizations"), reader)
        configuration.routing = try routing(top.child("routing"), reader, upstreams: names)
        return configuration
    }

    private static func upstream(
        _ place: ConfigurationReader.Place, _ reader: ConfigurationReader
    ) throws(ConfigurationError) -> UpstreamConfiguration {
        try reader.keys(
            place,
            allowed: [
                "name", "dialect", "url", "timeoutSeconds", "credentials", "caBundle", "uncarriedFields", "callers",
                "database",
                "batchMode",
            ])
        guard let name = try reader.string(place.child("name")), !name.isEmpty else {
            throw reader.fail(place.child("name"), "is required")
        }
        guard let url = try reader.string(place.child("url")) else {
            throw reader.fail(place.child("url"), "is required")
        }
        guard let endpoint = UpstreamEndpoint(url: url) else {
            throw reader.fail(
                place.child("url"), "expected 'embedded' or an http:// or https:// base URL, got '\(url)'")
        }
        let dialect = try reader.string(place.child("dialect"))
        if dialect == nil && !endpoint.isEmbedded {
            throw reader.fail(place.child("dialect"), "is required for an HTTP upstream")
        }
        var upstream = UpstreamConfiguration(name: name, dialect: dialect, endpoint: endpoint)
        upstream.timeoutSeconds = try reader.double(place.child("timeoutSeconds"), in: 0.001...3600) ?? 10
        upstream.credentials = try credentials(place.child("credentials"), reader)
        if let bundle = try reader.string(place.child("caBundle")) {
            guard endpoint.usesTLS else {
                throw reader.fail(place.child("caBundle"), "applies only to an https:// upstream")
            }
            guard FileManager.default.isReadableFile(atPath: bundle) else {
                throw reader.fail(place.child("caBundle"), "the file '\(bundle)' cannot be read")
            }
            upstream.caBundle = bundle
        }
        if let word = try reader.string(place.child("uncarriedFields")) {
            guard let policy = UncarriedFieldsPolicy(word: word) else {
                throw reader.fail(place.child("uncarriedFields"), "expected reject or drop, got '\(word)'")
            }
            upstream.uncarriedFields = policy
        }
        upstream.callers = try reader.strings(place.child("callers"))
        if let database = try reader.string(place.child("database")) {
            guard endpoint.isEmbedded else {
                throw reader.fail(place.child("database"), "applies only to url: embedded")
            }
            upstream.database = database
        }
        if let word = try reader.string(place.child("batchMode")) {
            guard let mode = BatchMode(rawValue: word) else {
                throw reader.fail(place.child("batchMode"), "expected best-effort or all-or-nothing, got '\(word)'")
            }
            upstream.batchMode = mode
        }
        return upstream
    }

    private static func credentials(
        _ place: ConfigurationReader.Place, _ reader: ConfigurationReader
    ) throws(ConfigurationError) -> CredentialPolicy {
        if case .mapping? = place.node {
            try reader.keys(place, allowed: ["bearer"])
            let bearer = place.child("bearer")
            try reader.keys(bearer, allowed: ["env"])
            guard bearer.node != nil, let variable = try reader.string(bearer.child("env")), !variable.isEmpty else {
                throw reader.fail(bearer.child("env"), "is required: the environment variable holding the token")
            }
            guard let token = reader.environment[variable], !token.isEmpty else {
                throw reader.fail(bearer.child("env"), "the environment variable \(variable) is not set or empty")
            }
            return .bearer(token: token, variable: variable)
        }
        guard let word = try reader.string(place) else { return .passthrough }
        guard word == "passthrough" else {
            throw reader.fail(place, "expected passthrough or {bearer: {env: VAR}}, got '\(word)'")
        }
        return .passthrough
    }
}
