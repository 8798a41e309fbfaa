/// What ``IdempotencyStore/begin(key:scope:fingerprint:now:)`` decided for a request carrying an `Idempotency-Key`.
public enum IdempotencyDecision: Sendable, Hashable {
    /// The key is claimed for this request: execute it, then ``IdempotencyStore/complete(key:scope:response:)``
    /// (or ``IdempotencyStore/abandon(key:scope:)`` when it failed before any upstream effect).
    case proceed
    /// The key's request already completed with the same fingerprint: answer with this, adding
    /// `Idempotent-Replayed: true`, and do not call the upstream.
    case replay(StoredResponse)
    /// The key was used with another fingerprint (another body, method or path): answer 422
    /// (``IdempotencyErrors/mismatch``) in the caller's dialect.
    case mismatch
    /// A concurrent request with the same key and fingerprint holds the claim and has not finished.
    /// ``IdempotencyStore/begin(key:scope:fingerprint:waiting:now:)`` waits for it; if it is still running
    /// when the wait ends, answer 409 (``IdempotencyErrors/inProgress``).
    case inProgress
}
