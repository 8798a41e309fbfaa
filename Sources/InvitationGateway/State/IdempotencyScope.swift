import InvitationCore

/// Whose key it is: an `Idempotency-Key` is scoped by the caller (a hash of its credentials) and the route.
///
/// Two callers may use the same key, and one caller may reuse a key on another route, without colliding.
/// Raw credentials are never stored: ``caller`` is a SHA-256 of them.
public struct IdempotencyScope: Sendable, Hashable {
    /// The SHA-256 (hex) of the caller's credentials; the hash of nothing for an anonymous caller.
    public let caller: String
    /// The route the key was used on (the pipeline names it: dialect, method and path template).
    public let route: String

    /// A scope from an already hashed caller and a route.
    public init(caller: String, route: String) {
        self.caller = caller
        self.route = route
    }

    /// A scope for the credentials the caller presented (hashed here) on a route.
    public init(credentials: Credentials, route: String) {
        self.init(caller: Self.callerHash(credentials), route: route)
    }

    /// A stable SHA-256 of credentials: `Authorization`, `X-API-Key` and every credential cookie, in name order.
    public static func callerHash(_ credentials: Credentials) -> String {
        var hasher = SHA256()
        func field(_ label: String, _ value: String?) {
            guard let value else { return }
            hasher.update(label)
            hasher.update([0])
            hasher.update(value)
            hasher.update([0])
        }
        field("authorization", credentials.authorization)
        field("x-api-key", credentials.apiKey)
        for (name, value) in credentials.cookies.sorted(by: { $0.key < $1.key }) {
            field("cookie:\(name)", value)
        }
        return hasher.hexFinalize()
    }
}
