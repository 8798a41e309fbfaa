/// A claimed `Idempotency-Key`, as a batch journal remembers it: the key, its scope and its fingerprint.
public struct IdempotencyClaim: Sendable, Hashable {
    public var key: String
    public var scope: IdempotencyScope
    public var fingerprint: RequestFingerprint

    public init(key: String, scope: IdempotencyScope, fingerprint: RequestFingerprint) {
        self.key = key
        self.scope = scope
        self.fingerprint = fingerprint
    }
}
