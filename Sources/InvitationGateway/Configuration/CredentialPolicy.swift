import InvitationCore

/// What credentials an upstream receives: the caller's own, or a token from the gateway's configuration.
///
/// Config key `upstreams[i].credentials`: `passthrough` (the default), or `{bearer: {env: VAR}}` to send
/// `Authorization: Bearer <value of VAR>` instead of anything the caller presented.
public struct CredentialPolicy: Sendable, Hashable, CustomStringConvertible {
    private enum Policy: Hashable {
        case passthrough
        case bearer(variable: String, token: String)
    }

    private let policy: Policy

    /// Forward the caller's `Authorization`, credential cookies (`better-auth.*`) and API key.
    public static let passthrough = CredentialPolicy(policy: .passthrough)

    /// Replace the caller's credentials with a bearer token (read from `variable` when the configuration loads).
    public static func bearer(token: String, variable: String = "") -> CredentialPolicy {
        CredentialPolicy(policy: .bearer(variable: variable, token: token))
    }

    /// The credentials the upstream receives for a caller's.
    public func apply(to caller: Credentials) -> Credentials {
        switch policy {
        case .passthrough: caller
        case .bearer(_, let token): Credentials(authorization: "Bearer \(token)")
        }
    }

    /// Whether the caller's credentials are forwarded.
    public var isPassthrough: Bool { policy == .passthrough }

    /// Never shows a token.
    public var description: String {
        switch policy {
        case .passthrough: "passthrough"
        case .bearer(let variable, _): variable.isEmpty ? "bearer" : "bearer from $\(variable)"
        }
    }
}
