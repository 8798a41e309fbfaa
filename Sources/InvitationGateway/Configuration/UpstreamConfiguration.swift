/// One configured upstream (an element of `upstreams:`), each key documented where it is read.
public struct UpstreamConfiguration: Sendable, Hashable {
    /// `name`: a label for logs and messages (required, unique).
    public var name: String
    /// `dialect`: the dialect the upstream speaks (a mapping's name).
    ///
    /// Required for HTTP upstreams; for
    /// `url: embedded` it is optional and, when given, restricts the reference service to what that
    /// dialect can carry (operations it lacks answer 501; fields it cannot carry follow `uncarriedFields`).
    public var dialect: String?
    /// `url`: `embedded` or an `http(s)://` base URL.
    public var endpoint: UpstreamEndpoint
    /// `timeoutSeconds`: the whole upstream call's limit (default 10); past it the caller gets 504.
    public var timeoutSeconds: Double
    /// `credentials`: `passthrough` (default) or `{bearer: {env: VAR}}`.
    public var credentials: CredentialPolicy
    /// `caBundle`: a PEM file of extra CA certificates trusted for this `https` upstream (private CAs).
    ///
    /// They are trusted on top of the system's roots. Certificates are always verified.
    public var caBundle: String?
    /// `uncarriedFields`: `reject` (default) or `drop`; see ``UncarriedFieldsPolicy``.
    public var uncarriedFields: UncarriedFieldsPolicy
    /// `callers`: the caller dialects routed to this upstream (optional).
    ///
    /// Callers of dialects no upstream names go to the first upstream without `callers`.
    public var callers: [String]?
    /// `database`: for `url: embedded`, the reference service's SQLite file (created when missing);
    /// `:memory:` or absent keeps state in memory, gone at exit.
    public var database: String?
    /// `batchMode`: `best-effort` (default) or `all-or-nothing`, for batch creates sent here.
    ///
    /// A request's `X-Batch-Mode` header overrides it. See ``BatchMode``.
    public var batchMode: BatchMode

    public init(
        name: String, dialect: String?, endpoint: UpstreamEndpoint, timeoutSeconds: Double = 10,
        credentials: CredentialPolicy = .passthrough, caBundle: String? = nil,
        uncarriedFields: UncarriedFieldsPolicy = .reject, callers: [String]? = nil, database: String? = nil,
        batchMode: BatchMode = .bestEffort
    ) {
        self.name = name
        self.dialect = dialect
        self.endpoint = endpoint
        self.timeoutSeconds = timeoutSeconds
        self.credentials = credentials
        self.caBundle = caBundle
        self.uncarriedFields = uncarriedFields
        self.callers = callers
        self.database = database
        self.batchMode = batchMode
    }
}
