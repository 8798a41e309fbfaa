/// The bookkeeping of one event loop's keep-alive connections to one upstream, free of I/O.
///
/// The pool hands out an idle connection when it has one (most recently used first, so idle ones time out
/// at the far end rather than the warm ones), and keeps a returned one only while it is reusable and the
/// idle list is below its limit.
struct ConnectionPoolState<Connection> {
    /// What the caller does to get a connection.
    enum Acquire {
        case reuse(Connection)
        case create
    }

    /// What the caller does with a connection it is done with.
    enum Release {
        case keep
        case close
    }

    private(set) var idle: [Connection] = []
    let maximumIdle: Int

    init(maximumIdle: Int) { self.maximumIdle = maximumIdle }

    mutating func acquire(isUsable: (Connection) -> Bool) -> Acquire {
        while let candidate = idle.popLast() {
            if isUsable(candidate) { return .reuse(candidate) }
        }
        return .create
    }

    mutating func release(_ connection: Connection, reusable: Bool) -> Release {
        guard reusable, idle.count < maximumIdle else { return .close }
        idle.append(connection)
        return .keep
    }

    /// Takes every idle connection out (to close them on shutdown).
    mutating func drain() -> [Connection] {
        defer { idle.removeAll() }
        return idle
    }
}
