import Foundation

/// Whether the store has been closed; set once, read by every request.
final class ClosedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var closed = false

    /// Whether ``close()`` ran.
    var isClosed: Bool { lock.withLock { closed } }

    /// Marks closed; returns false when it already was.
    func close() -> Bool {
        lock.withLock {
            defer { closed = true }
            return !closed
        }
    }
}
