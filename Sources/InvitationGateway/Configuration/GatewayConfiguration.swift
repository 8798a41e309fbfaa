import InvitationCore

/// The gateway's configuration (a YAML file, scalar keys overridable by environment variables).
///
/// Environment overrides: `GATEWAY_` followed by the key path in capitals with `_` between parts and
/// list indexes as numbers: `GATEWAY_LISTEN_HOST`, `GATEWAY_LISTEN_PORT`, `GATEWAY_MAPPINGS`,
/// `GATEWAY_BODYLIMITBYTES`, `GATEWAY_FANOUTCONCURRENCY`, `GATEWAY_DEFAULTDIALECT`,
/// `GATEWAY_UPSTREAMS_0_URL`, `GATEWAY_UPSTREAMS_0_TIMEOUTSECONDS`, `GATEWAY_UPSTREAMS_0_CABUNDLE`, …
/// (only for upstreams the file lists), `GATEWAY_STATE_DATABASE`, `GATEWAY_STATE_IDEMPOTENCYKEYSECONDS`,
/// `GATEWAY_STATE_INVITATIONINDEXSECONDS`,
/// `GATEWAY_ROUTING_DEFAULT`, `GATEWAY_UPSTREAMS_0_BATCHMODE`.
public struct GatewayConfiguration: Sendable, Hashable {
    /// `listen.host` (default `127.0.0.1`).
    public var host: String
    /// `listen.port` (default 8080; 0 picks a free port).
    public var port: Int
    /// `mappings`: the folder of mapping files (default `mappings`), relative to the working directory.
    public var mappings: String
    /// `upstreams`: at least one.
    public var upstreams: [UpstreamConfiguration]
    /// `bodyLimitBytes`: the largest request body accepted (default 1 MiB); larger ones get 413.
    public var bodyLimitBytes: Int
    /// `eventLoopThreads`: the event loop threads the server and the upstream transport share.
    ///
    /// Absent by default: NIO's shared group with one loop per core. Each connection's requests are answered on
    /// its own loop, with that loop's upstream connections; `1` suits a gateway given one core of a small,
    /// busy machine.
    public var eventLoopThreads: Int?
    /// `fanOutConcurrency`: how many calls one batch create may have in flight at once when the upstream
    /// invites one email per call (default 8).
    public var fanOutConcurrency: Int
    /// `defaultDialect`: the dialect of errors for requests no dialect's route resembles (default `inkeep`
    /// when loaded, else the first by name).
    public var defaultDialect: String?
    /// `dialects`: the caller dialects served (default: every loaded dialect); other routes answer 404.
    public var dialects: [String]?
    /// `state`: where idempotency keys, the invitation index and the batch journal live; see ``StateConfiguration``.
    public var state: StateConfiguration
    /// `routing`: which upstream serves which organization; see ``RoutingConfiguration``.
    public var routing: RoutingConfiguration
    /// `organizations`: the organization directory, entries `{id, slug, uuid, name, logoURL}`, each optional.
    ///
    /// A request naming an organization by one identifier gets the others filled in before it is
    /// routed and sent, so a dreadnode slug reaches a k0rdent backend that addresses organizations by id.
    public var organizations: [Organization]

    public init(
        host: String = "127.0.0.1", port: Int = 8080, mappings: String = "mappings", upstreams: [UpstreamConfiguration],
        bodyLimitBytes: Int = 1 << 20, fanOutConcurrency: Int = 8, defaultDialect: String? = nil,
        dialects: [String]? = nil,
        state: StateConfiguration = StateConfiguration(), routing: RoutingConfiguration = RoutingConfiguration(),
        organizations: [Organization] = []
    ) {
        self.host = host
        self.port = port
        self.mappings = mappings
        self.upstreams = upstreams
        self.bodyLimitBytes = bodyLimitBytes
        self.fanOutConcurrency = fanOutConcurrency
        self.defaultDialect = defaultDialect
        self.dialects = dialects
        self.state = state
        self.routing = routing
        self.organizations = organizations
    }

    /// The default path of the configuration file.
    public static let defaultFile = "config/gateway.yaml"
}
