import HTTPTypes

/// One request a stub upstream received, exactly as it arrived.
public struct RecordedRequest: Sendable, Hashable {
    public var method: String
    /// The raw path (percent-encoding kept).
    public var path: String
    /// The raw query string without `?`.
    public var query: String?
    public var headers: HTTPFields
    public var body: [UInt8]

    public init(
        method: String, path: String, query: String? = nil, headers: HTTPFields = HTTPFields(), body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The path with its query string.
    public var target: String { query.map { "\(path)?\($0)" } ?? path }

    /// The value of a header (by name, case-insensitively), or nil.
    public func header(_ name: String) -> String? {
        HTTPField.Name(name).flatMap { headers[$0] }
    }
}
