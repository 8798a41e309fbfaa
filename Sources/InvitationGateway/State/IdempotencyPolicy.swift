/// How long idempotency keys live, and when an unfinished claim is presumed dead.
public struct IdempotencyPolicy: Sendable, Hashable {
    /// How long a key is remembered after its first use, in seconds; 24 hours unless told.
    ///
    /// A request with an expired key executes as new; expired rows are purged lazily by
    /// ``IdempotencyStore/begin(key:scope:fingerprint:now:)``.
    public var timeToLive: Double
    /// How long a claim may stay in progress before it is presumed dead, in seconds; 10 minutes unless told.
    ///
    /// After it, another request with the same key and fingerprint takes the claim over. Keep it well above
    /// the longest batch (50 emails × upstream timeout / fan-out concurrency).
    public var claimTimeout: Double

    /// A policy; the defaults are 24 hours and 10 minutes.
    public init(timeToLive: Double = 24 * 60 * 60, claimTimeout: Double = 10 * 60) {
        self.timeToLive = timeToLive
        self.claimTimeout = claimTimeout
    }
}
