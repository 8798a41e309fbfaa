import Testing

@testable import InvitationGateway

@Suite struct ConnectionPoolStateTests {
    @Test func createsWhenNothingIsIdle() {
        var pool = ConnectionPoolState<Int>(maximumIdle: 2)
        guard case .create = pool.acquire(isUsable: { _ in true }) else {
            Issue.record("expected create")
            return
        }
    }

    @Test func reusesTheMostRecentlyReturnedConnection() {
        var pool = ConnectionPoolState<Int>(maximumIdle: 4)
        _ = pool.release(1, reusable: true)
        _ = pool.release(2, reusable: true)
        guard case .reuse(let connection) = pool.acquire(isUsable: { _ in true }) else {
            Issue.record("expected reuse")
            return
        }
        #expect(connection == 2)
        #expect(pool.idle == [1])
    }

    @Test func skipsConnectionsThatAreNoLongerUsable() {
        var pool = ConnectionPoolState<Int>(maximumIdle: 4)
        _ = pool.release(1, reusable: true)
        _ = pool.release(2, reusable: true)
        guard case .reuse(let connection) = pool.acquire(isUsable: { $0 == 1 }) else {
            Issue.record("expected reuse")
            return
        }
        #expect(connection == 1)
        #expect(pool.idle.isEmpty)
    }

    @Test func closesWhatIsNotReusableOrOverTheLimit() {
        var pool = ConnectionPoolState<Int>(maximumIdle: 1)
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
    }
}
