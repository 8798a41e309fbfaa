import HTTPTypes

/// Headers that describe one connection, never forwarded by a proxy (RFC 9110 §7.6.1).
public enum HopByHopHeaders {
    /// The standard hop-by-hop names, lowercased.
    public static let names: Set<String> = [
        "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization", "te", "trailer",
        "transfer-encoding", "upgrade",
    ]

    /// The lowercased names that are hop-by-hop in `headers`: the standard ones, any `Proxy-*`, and those named in `Connection`.
    public static func names(in headers: HTTPFields) -> Set<String> {
        names(connectionValues: headers[values: .connection])
    }

    /// ``names(in:)`` given the values of a request's `Connection` fields.
    static func names(connectionValues: [String]) -> Set<String> {
        var result = names
        for value in connectionValues {
            for token in value.split(separator: ",") {
                let name = token.trimmingCharacters(in: " \t").lowercased()
                if !name.isEmpty { result.insert(name) }
            }
        }
        return result
    }

    /// Whether a lowercased name is hop-by-hop given the `Connection`-named set.
    public static func isHopByHop(_ lowercasedName: String, connectionNamed: Set<String>) -> Bool {
        connectionNamed.contains(lowercasedName) || lowercasedName.hasPrefix("proxy-")
    }
}

extension Substring {
    func trimmingCharacters(in set: String) -> Substring {
        var text = self
        while let first = text.first, set.contains(first) { text = text.dropFirst() }
        while let last = text.last, set.contains(last) { text = text.dropLast() }
        return text
    }
}
