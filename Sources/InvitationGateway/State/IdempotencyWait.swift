/// How long a request waits for a concurrent request with the same `Idempotency-Key` to finish.
///
/// Polls after `initialDelay`, doubling up to `maximumDelay`, until `maximumWait` has passed.
public struct IdempotencyWait: Sendable, Hashable {
    /// The longest a duplicate waits before it is answered 409 in progress.
    public var maximumWait: Duration
    /// The first pause between polls.
    public var initialDelay: Duration
    /// The longest pause between polls.
    public var maximumDelay: Duration

    /// A wait bound; the defaults are 10 s overall, polling after 20 ms, doubling up to 500 ms.
    public init(
        maximumWait: Duration = .seconds(10), initialDelay: Duration = .milliseconds(20),
        maximumDelay: Duration = .milliseconds(500)
    ) {
        self.maximumWait = maximumWait
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }

    /// 10 seconds, polling from 20 ms up to every 500 ms.
    public static let `default` = IdempotencyWait()

    /// Do not wait: a duplicate of a running request is answered at once.
    public static let none = IdempotencyWait(maximumWait: .zero)
}
