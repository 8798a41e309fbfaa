import HTTPTypes

/// A caller's request as the pipeline sees it, independent of the HTTP server.
public struct GatewayRequest: Sendable {
    public var method: String
    /// The raw (still percent-encoded) path.
    public var path: String
    /// The raw query string without `?`.
    public var query: String?
    public var headers: HTTPFields
    /// The whole body; nil when it was larger than the configured limit (the answer is 413).
    public var body: [UInt8]?

    public init(
        method: String, path: String, query: String? = nil, headers: HTTPFields = HTTPFields(), body: [UInt8]? = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }
}

/// The pipeline's answer to a caller.
public struct GatewayResponse: Sendable {
    public var status: Int
    public var headers: HTTPFields
    public var body: [UInt8]

    public init(status: Int, headers: HTTPFields = HTTPFields(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
