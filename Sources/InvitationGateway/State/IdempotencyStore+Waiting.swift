import Foundation

extension IdempotencyStore {
    /// ``begin(key:scope:fingerprint:now:)``, waiting while a concurrent request with the key is in progress.
    ///
    /// Returns `.replay` once the other request completes, `.proceed` if it abandoned the key (or its claim
    /// was released or timed out), and `.inProgress` only when it is still running after `waiting.maximumWait`.
    /// Throws `CancellationError` when the task is cancelled while waiting.
    ///
    /// - Parameter now: the clock for expiry decisions (tests inject one); the wait itself uses real time.
    public func begin(
        key: String, scope: IdempotencyScope, fingerprint: RequestFingerprint, waiting: IdempotencyWait,
        now: @Sendable () -> Date = { Date() }
    ) async throws -> IdempotencyDecision {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: waiting.maximumWait)
        var delay = waiting.initialDelay
        while true {
            let decision = try await begin(key: key, scope: scope, fingerprint: fingerprint, now: now())
            guard decision == .inProgress else { return decision }
            let remaining = clock.now.duration(to: deadline)
            guard remaining > .zero else { return decision }
            try await Task.sleep(for: min(delay, remaining))
            delay = min(delay * 2, waiting.maximumDelay)
        }
    }
}
