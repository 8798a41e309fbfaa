/// What to do when the caller sent input the upstream's dialect has no place for.
///
/// Config key `upstreams[i].uncarriedFields`: `reject` (the default) answers 422 `validation_failed`
/// listing every field that cannot be carried; `drop` sends the request without them.
public struct UncarriedFieldsPolicy: Sendable, Hashable, CustomStringConvertible {
    private enum Policy: String { case reject, drop }
    private let policy: Policy

    /// Refuse the request, listing what cannot be carried (nothing is silently lost).
    public static let reject = UncarriedFieldsPolicy(policy: .reject)
    /// Send what can be carried; the rest is dropped (logged at debug level).
    public static let drop = UncarriedFieldsPolicy(policy: .drop)

    private init(policy: Policy) { self.policy = policy }

    /// The policy for its config word, or nil.
    public init?(word: String) {
        guard let policy = Policy(rawValue: word) else { return nil }
        self.policy = policy
    }

    public var description: String { policy.rawValue }
}
