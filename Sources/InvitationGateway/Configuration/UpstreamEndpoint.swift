/// Where an upstream lives: in this process, or at an HTTP(S) base URL.
///
/// Config key `upstreams[i].url`: `embedded`, or `http://host:port[/base]` / `https://host:port[/base]`.
public struct UpstreamEndpoint: Sendable, Hashable, CustomStringConvertible {
    private enum Endpoint: Hashable {
        case embedded
        case http(scheme: String, baseURL: String)
    }

    private let endpoint: Endpoint

    /// The reference service, in this process (no socket).
    public static let embedded = UpstreamEndpoint(endpoint: .embedded)

    /// An HTTP(S) base URL; nil unless it is `http://` or `https://` with a host.
    public init?(url: String) {
        if url == "embedded" {
            endpoint = .embedded
            return
        }
        let lowered = url.lowercased()
        let scheme: String
        if lowered.hasPrefix("http://") {
            scheme = "http"
        } else if lowered.hasPrefix("https://") {
            scheme = "https"
        } else {
            return nil
        }
        let rest = url.dropFirst(scheme.count + 3)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.isEmpty, !authority.contains("@"), !rest.contains("?"), !rest.contains("#") else { return nil }
        var base = url
        while base.hasSuffix("/") { base.removeLast() }
        endpoint = .http(scheme: scheme, baseURL: base)
    }

    private init(endpoint: Endpoint) { self.endpoint = endpoint }

    /// Whether this is the in-process reference service.
    public var isEmbedded: Bool { endpoint == .embedded }

    /// The base URL without a trailing `/`, for HTTP(S) upstreams.
    public var baseURL: String? {
        if case .http(_, let base) = endpoint { return base }
        return nil
    }

    /// Whether the upstream is reached over TLS.
    public var usesTLS: Bool {
        if case .http(let scheme, _) = endpoint { return scheme == "https" }
        return false
    }

    public var description: String { baseURL ?? "embedded" }
}
