import Testing

@testable import InvitationGateway

@Suite struct ConnectionPoolStateTests {
    typealias Pool = ConnectionPoolState<Int, String>

    /// A pool holding `connections` idle (opened, used once and returned in that order).
    static func pool(idle connections: [Int], maximumIdle: Int = 4, maximumConnections: Int = .max) -> Pool {
        var pool = Pool(maximumIdle: maximumIdle, maximumConnections: maximumConnections)
        for _ in connections { _ = pool.acquire("opener", isUsable: { _ in true }) }
        for connection in connections { _ = pool.release(connection, reusable: true) }
        return pool
    }

    @Test func createsWhenNothingIsIdle() {
        var pool = Pool(maximumIdle: 2)
        guard case .create = pool.acquire("a", isUsable: { _ in true }) else {
            Issue.record("expected create")
            return
        }
        #expect(pool.leased == 1)
    }

    @Test func reusesTheMostRecentlyReturnedConnection() {
        var pool = Self.pool(idle: [1, 2])
        guard case .reuse(let connection) = pool.acquire("a", isUsable: { _ in true }) else {
            Issue.record("expected reuse")
            return
        }
        #expect(connection == 2)
        #expect(pool.idle == [1])
    }

    @Test func skipsConnectionsThatAreNoLongerUsable() {
        var pool = Self.pool(idle: [1, 2])
        guard case .reuse(let connection) = pool.acquire("a", isUsable: { $0 == 1 }) else {
            Issue.record("expected reuse")
            return
        }
        #expect(connection == 1)
        #expect(pool.idle.isEmpty)
    }

    @Test func closesWhatIsNotReusableOrOverTheLimit() {
        var pool = Pool(maximumIdle: 1)
        for _ in 1...3 { _ = pool.acquire("a", isUsable: { _ in true }) }
        guard case .close = pool.release(1, reusable: false) else {
            Issue.record("a connection the far end will close must not be kept")
            return
        }
        guard case .keep = pool.release(2, reusable: true) else {
            Issue.record("expected keep")
            return
        }
        guard case .close = pool.release(3, reusable: true) else {
            Issue.record("the idle list is full")
            return
        }
        #expect(pool.drain() == [2])
        #expect(pool.idle.isEmpty)
        #expect(pool.leased == 0)
    }

    @Test func queuesPastTheConnectionLimitAndHandsOverInOrder() {
        var pool = Pool(maximumIdle: 4, maximumConnections: 2)
        guard case .create = pool.acquire("a", isUsable: { _ in true }),
            case .create = pool.acquire("b", isUsable: { _ in true }),
            case .wait = pool.acquire("c", isUsable: { _ in true }),
            case .wait = pool.acquire("d", isUsable: { _ in true })
        else {
            Issue.record("two connections, then two waiters")
            return
        }
        guard case .handOver(1, to: "c") = pool.release(1, reusable: true) else {
            Issue.record("the first waiter gets the first connection back")
            return
        }
        guard case .closeAndCreate(for: "d") = pool.release(2, reusable: false) else {
            Issue.record("a connection that cannot be reused makes room for a new one")
            return
        }
        #expect(pool.leased == 2)
        #expect(pool.waiters.isEmpty)
        guard case .keep = pool.release(1, reusable: true), case .keep = pool.release(3, reusable: true) else {
            Issue.record("with nobody waiting, connections go idle")
            return
        }
        #expect(pool.leased == 0)
        #expect(pool.idle == [1, 3])
    }

    @Test func aWaiterThatGivesUpLeavesTheQueue() {
        var pool = Pool(maximumIdle: 4, maximumConnections: 1)
        _ = pool.acquire("a", isUsable: { _ in true })
        for waiter in ["b", "c", "d", "e"] { _ = pool.acquire(waiter, isUsable: { _ in true }) }
        #expect(pool.removeWaiters { $0 == "c" || $0 == "e" } == ["c", "e"])
        #expect(pool.removeWaiters { $0 == "c" }.isEmpty)
        #expect(pool.firstWaiter == "b")
        guard case .handOver(1, to: "b") = pool.release(1, reusable: true),
            case .handOver(1, to: "d") = pool.release(1, reusable: true)
        else {
            Issue.record("the others keep their order")
            return
        }
        #expect(pool.leased == 1)
    }

    @Test func aFailedOpenGoesToTheNextWaiter() {
        var pool = Pool(maximumIdle: 4, maximumConnections: 1)
        _ = pool.acquire("a", isUsable: { _ in true })
        _ = pool.acquire("b", isUsable: { _ in true })
        #expect(pool.openFailed() == "b")
        #expect(pool.leased == 1)
        #expect(pool.openFailed() == nil)
        #expect(pool.leased == 0)
    }

    /// However acquisitions, releases and failed opens interleave, the pool never leases more than its limit,
    /// never counts below zero, and every waiter is served once something comes back.
    @Test(arguments: 0..<50)
    func neverExceedsTheLimit(seed: Int) {
        var generator = SplitMix(seed: UInt64(seed))
        var pool = Pool(maximumIdle: 3, maximumConnections: 4)
        var inUse: [Int] = []
        var next = 0
        var served = 0
        var queued = 0
        for _ in 0..<400 {
            switch generator.next() % 3 {
            case 0:
                next += 1
                switch pool.acquire("w\(next)", isUsable: { _ in generator.next() % 4 != 0 }) {
                case .reuse(let connection): inUse.append(connection)
                case .create: inUse.append(next)
                case .wait: queued += 1
                }
            case 1 where !inUse.isEmpty:
                let connection = inUse.removeFirst()
                switch pool.release(connection, reusable: generator.next() % 3 != 0) {
                case .keep, .close: break
                case .handOver(let handed, _):
                    inUse.append(handed)
                    served += 1
                case .closeAndCreate:
                    next += 1
                    inUse.append(next)
                    served += 1
                }
            case 2 where !inUse.isEmpty:
                inUse.removeFirst()
                if pool.openFailed() != nil {
                    next += 1
                    inUse.append(next)
                    served += 1
                }
            default:
                break
            }
            #expect(pool.leased <= 4 && pool.leased >= 0)
            #expect(pool.leased == inUse.count)
            #expect(queued - served == pool.waiters.count)
        }
    }
}
