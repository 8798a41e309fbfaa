import InvitationCore

/// Hears each email's outcome of a fanned-out batch create as it completes, so the gateway can journal it.
///
/// An upstream that creates the whole batch in one call reports nothing; the gateway records its results
/// once the call returns.
public struct BatchProgress: Sendable {
    private let onItem: @Sendable (Int, BatchItemResult) async -> Void

    /// Calls `onItem` with the email's position in the input sent upstream and its outcome.
    public init(onItem: @escaping @Sendable (Int, BatchItemResult) async -> Void) {
        self.onItem = onItem
    }

    /// Reports one email's outcome.
    public func completed(position: Int, _ item: BatchItemResult) async {
        await onItem(position, item)
    }
}
