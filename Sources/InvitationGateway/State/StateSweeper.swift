import Foundation
import Logging
import ServiceLifecycle

/// Deletes the state the gateway no longer needs, every ``interval`` while the server runs: expired
/// `Idempotency-Key`s and invitation index entries older than ``indexRetention``.
///
/// Without it, state kept in memory (no `state.database`) grows with every create for as long as the process
/// lives; with it, it is bounded by the traffic of `state.idempotencyKeySeconds` and
/// `state.invitationIndexSeconds`. A failed sweep is logged and retried at the next interval.
public struct StateSweeper: Service {
    let state: GatewayState
    /// How long an index entry is kept after it was last recorded, in seconds (`state.invitationIndexSeconds`).
    public let indexRetention: TimeInterval
    /// The time between sweeps: a tenth of the shorter retention, between one second and an hour.
    public let interval: Duration
    let logger: Logger

    /// A sweeper for `state`, keeping index entries `configuration.invitationIndexSeconds`.
    public init(state: GatewayState, configuration: StateConfiguration, logger: Logger) {
        self.state = state
        self.indexRetention = configuration.invitationIndexSeconds
        let shorter = min(configuration.invitationIndexSeconds, configuration.idempotencyKeySeconds)
        self.interval = .milliseconds(Int64(min(max(shorter / 10, 1), 3600) * 1000))
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            await sweep()
        }
    }

    /// One sweep at `now`: returns how many idempotency keys and index entries it deleted.
    @discardableResult
    public func sweep(now: Date = Date()) async -> (idempotencyKeys: Int, indexEntries: Int) {
        var deleted = (idempotencyKeys: 0, indexEntries: 0)
        do {
            deleted.idempotencyKeys = try await state.idempotency.purgeExpired(now: now)
        } catch {
            logger.warning("Expired idempotency keys could not be deleted: \(error)")
        }
        let cutoff = now.addingTimeInterval(-indexRetention)
        do {
            deleted.indexEntries = try await state.invitations.forget(recordedBefore: cutoff)
        } catch {
            logger.warning("Old invitation index entries could not be deleted: \(error)")
        }
        if deleted.idempotencyKeys + deleted.indexEntries > 0 {
            logger.debug(
                "State sweep deleted \(deleted.idempotencyKeys) idempotency keys, \(deleted.indexEntries) index entries"
            )
        }
        return deleted
    }
}
