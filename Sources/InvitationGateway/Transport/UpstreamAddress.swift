/// A plain-HTTP upstream's host, port and path prefix, parsed once from its base URL.
public struct UpstreamAddress: Sendable, Hashable {
    public let host: String
    public let port: Int
    /// A path prefix the base URL carries (`http://h:1/api` → `/api`), prepended to every request path.
    public let pathPrefix: String
    /// The `Host` header value.
    public let hostHeader: String
    /// The fields hashed once: a pool is looked up by its address twice a request.
    private let fieldsHash: Int

    /// Parses `http://host[:port][/prefix]`; nil for any other scheme or a malformed URL.
    public init?(baseURL: String) {
        guard baseURL.utf8.count > 7, baseURL.prefix(7).lowercased() == "http://" else { return nil }
        let rest = baseURL.dropFirst("http://".count)
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var prefix = String(rest[authorityEnd...])
        while prefix.hasSuffix("/") { prefix.removeLast() }
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        let host: Substring
        let port: Int
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if after.isEmpty {
                port = 80
            } else {
                guard after.hasPrefix(":"), let parsed = Int(after.dropFirst()) else { return nil }
                port = parsed
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            guard let parsed = Int(authority[authority.index(after: colon)...]) else { return nil }
            port = parsed
        } else {
            host = authority
            port = 80
        }
        guard !host.isEmpty, (1...65535).contains(port) else { return nil }
        self.host = String(host)
        self.port = port
        self.pathPrefix = prefix
        self.hostHeader = port == 80 ? String(authority.split(separator: ":").first ?? authority) : String(authority)
        var hasher = Hasher()
        hasher.combine(self.host)
        hasher.combine(port)
        hasher.combine(prefix)
        hasher.combine(hostHeader)
        self.fieldsHash = hasher.finalize()
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(fieldsHash) }
}
