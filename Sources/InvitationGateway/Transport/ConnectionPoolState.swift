import NIOCore

/// The bookkeeping of one event loop's keep-alive connections to one upstream, free of I/O.
///
/// The pool hands out an idle connection when it has one (most recently used first, so idle ones time out
/// at the far end rather than the warm ones), opens a new one while fewer than `maximumConnections` are open,
/// and otherwise queues the request: a connection coming back goes straight to the longest waiting request.
/// It keeps a returned connection only while it is reusable and the idle list is below its limit.
struct ConnectionPoolState<Connection, Waiter> {
    /// What the caller does to get a connection.
    enum Acquire {
        case reuse(Connection)
        case create
        /// Every connection is in use: the waiter is queued until one comes back.
        case wait
    }

    /// What the caller does with a connection it is done with (or one that failed to open).
    enum Release {
        case keep
        case close
        /// Give the connection to this waiter.
        case handOver(Connection, to: Waiter)
        /// Close the connection (when there is one) and open a new one for this waiter.
        case closeAndCreate(for: Waiter)
    }

    private(set) var idle: [Connection] = []
    private(set) var waiters = CircularBuffer<Waiter>()
    /// Connections handed out or being opened.
    private(set) var leased = 0
    let maximumIdle: Int
    let maximumConnections: Int

    init(maximumIdle: Int, maximumConnections: Int = .max) {
        self.maximumIdle = maximumIdle
        self.maximumConnections = max(1, maximumConnections)
    }

    mutating func acquire(_ waiter: Waiter, isUsable: (Connection) -> Bool) -> Acquire {
        while let candidate = idle.popLast() {
            if isUsable(candidate) {
                leased += 1
                return .reuse(candidate)
            }
        }
        guard leased < maximumConnections else {
            waiters.append(waiter)
            return .wait
        }
        leased += 1
        return .create
    }

    /// A connection handed out comes back; `reusable` when it can carry another request.
    mutating func release(_ connection: Connection, reusable: Bool) -> Release {
        if let waiter = waiters.popFirst() {
            return reusable ? .handOver(connection, to: waiter) : .closeAndCreate(for: waiter)
        }
        leased -= 1
        guard reusable, idle.count < maximumIdle else { return .close }
        idle.append(connection)
        return .keep
    }

    /// A connection being opened failed: its place goes to the longest waiting request, if any.
    mutating func openFailed() -> Waiter? {
        if let waiter = waiters.popFirst() { return waiter }
        leased -= 1
        return nil
    }

    /// Whether a timer will look for queued waiters past their deadline (the caller's bookkeeping).
    var queueDeadlineArmed = false

    /// The longest waiting request.
    var firstWaiter: Waiter? { waiters.first }

    /// Takes every queued waiter that `matches` out of the queue (those that gave up waiting), in queue order.
    mutating func removeWaiters(where matches: (Waiter) -> Bool) -> [Waiter] {
        guard waiters.contains(where: matches) else { return [] }
        var removed: [Waiter] = []
        var kept = CircularBuffer<Waiter>(initialCapacity: waiters.count)
        for waiter in waiters {
            if matches(waiter) { removed.append(waiter) } else { kept.append(waiter) }
        }
        waiters = kept
        return removed
    }

    /// Takes every idle connection out (to close them on shutdown).
    mutating func drain() -> [Connection] {
        defer { idle.removeAll() }
        return idle
    }
}
