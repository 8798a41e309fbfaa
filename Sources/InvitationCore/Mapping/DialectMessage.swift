/// An HTTP request in a dialect's terms: what the mapping reads or writes.
public struct DialectRequest: Sendable, Hashable {
    public var method: String
    /// The path, without the query string.
    public var path: String
    /// The raw query string, without `?`.
    public var query: String?
    public var body: [UInt8]
    /// The content type of `body`, when there is one.
    public var contentType: String?

    public init(method: String, path: String, query: String? = nil, body: [UInt8] = [], contentType: String? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.contentType = contentType
    }

    /// The path with its query string.
    public var target: String { query.map { "\(path)?\($0)" } ?? path }
}

/// An HTTP response in a dialect's terms.
public struct DialectResponse: Sendable, Hashable {
    public var status: Int
    public var contentType: String?
    public var body: [UInt8]
    /// Extra headers (`Retry-After`).
    public var headers: [String: String]

    public init(status: Int, contentType: String? = nil, body: [UInt8] = [], headers: [String: String] = [:]) {
        self.status = status
        self.contentType = contentType
        self.body = body
        self.headers = headers
    }
}

/// An upstream request rendered by a dialect, with what it could not carry.
public struct RenderedRequest: Sendable {
    public let route: Route
    public let request: DialectRequest
    /// Canonical input the dialect cannot express; the caller decides whether that is an error.
    public let losses: [FieldViolation]
}
