import InvitationCore

/// The first response to an idempotent request, kept to be replayed byte for byte: status, headers, body.
///
/// Keep only headers that describe the body or the created resource (see ``isReplayable(headerName:)``);
/// on replay the pipeline adds `Idempotent-Replayed: true` and the retry's own `X-Request-Id`.
public struct StoredResponse: Sendable, Hashable {
    /// One header line, name as sent.
    public struct Header: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var status: Int
    public var headers: [Header]
    public var body: [UInt8]

    /// A response as stored; `headers` are kept as given (filter with ``isReplayable(headerName:)``).
    public init(status: Int, headers: [Header] = [], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Header names (lowercase) worth replaying: they describe the body or the created resource.
    ///
    /// Request ids, dates, framing, cookies and hop-by-hop headers are not kept.
    public static let replayableHeaderNames: Set<String> = [
        "content-type", "content-language", "location", "etag", "last-modified", "link", "retry-after",
    ]

    /// Whether a header of this name (any case) is kept for replay.
    public static func isReplayable(headerName: String) -> Bool {
        replayableHeaderNames.contains(headerName.lowercased())
    }

    /// The headers as a JSON array of `[name, value]` pairs, as the store keeps them.
    var headersJSON: String {
        JSONValue.array(headers.map { .array([.string($0.name), .string($0.value)]) }).jsonText
    }

    /// Headers read back from ``headersJSON``; malformed entries are skipped.
    static func headers(fromJSON text: String) -> [Header] {
        guard let value = try? JSONParser.parse(text), let pairs = value.arrayValue else { return [] }
        return pairs.compactMap { pair in
            guard let items = pair.arrayValue, items.count == 2, let name = items[0].stringValue,
                let value = items[1].stringValue
            else { return nil }
            return Header(name: name, value: value)
        }
    }
}
