import HTTPTypes

/// A caller's request as the pipeline sees it, independent of the HTTP server.
public struct GatewayRequest: Sendable {
    public var method: String
    /// The raw (still percent-encoded) path.
    public var path: String
    /// The raw query string without `?`.
    public var query: String?
    /// The caller's header fields.
    ///
    /// A request from the gateway's own server keeps its head's lines and makes them `HTTPFields` when first read
    /// here; the pipeline reads the few fields it needs by name (``header(_:)``) without making them.
    public var headers: HTTPFields {
        get {
            switch fieldStorage {
            case .fields(let fields): fields
            case .lines(let lines): lines.fields
            }
        }
        set { fieldStorage = .fields(newValue) }
    }
    /// The whole body; nil when it was larger than the configured limit (the answer is 413).
    public var body: [UInt8]?
    private var fieldStorage: FieldStorage

    private enum FieldStorage: Sendable {
        case fields(HTTPFields)
        case lines(RequestFieldLines)
    }

    public init(
        method: String, path: String, query: String? = nil, headers: HTTPFields = HTTPFields(), body: [UInt8]? = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.fieldStorage = .fields(headers)
        self.body = body
    }

    /// Makes the fields a parsed head's lines (``headers`` makes them `HTTPFields` when first read).
    mutating func setFields(lines: RequestFieldLines) {
        fieldStorage = .lines(lines)
    }

    /// What `headers[name]` gives, without making `headers`.
    func header(_ name: HTTPField.Name) -> String? {
        switch fieldStorage {
        case .fields(let fields): fields[name]
        case .lines(let lines): lines[name]
        }
    }

    /// What `headers[values: name]` gives, without making `headers`.
    func headerValues(_ name: HTTPField.Name) -> [String] {
        switch fieldStorage {
        case .fields(let fields): fields[values: name]
        case .lines(let lines): lines[values: name]
        }
    }

    /// The fields whose names `keep` accepts, in order, without making the others.
    func headers(where keep: (HTTPField.Name) -> Bool) -> HTTPFields {
        switch fieldStorage {
        case .fields(let fields): HTTPFields(parsed: fields.filter { keep($0.name) })
        case .lines(let lines): lines.fields(where: keep)
        }
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
