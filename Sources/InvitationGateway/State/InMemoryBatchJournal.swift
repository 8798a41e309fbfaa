import Foundation
import InvitationCore
import NIOConcurrencyHelpers

/// The in-memory ``BatchJournal``: the same behaviour as ``SQLiteBatchJournal``, no durability.
///
/// The gateway's when its state is not kept in a file, and the unit tests' fake. Lock-protected rather than an
/// actor: a batch records each email's outcome as it completes, and an actor would move every record to another
/// thread and back to the request's event loop; under the lock it runs where the request runs.
public final class InMemoryBatchJournal: BatchJournal {
    private struct Journal {
        var batches: [String: JournaledBatch] = [:]
        /// Insertion order, for oldest-first listings.
        var order: [String] = []

        var ordered: [JournaledBatch] { order.compactMap { batches[$0] } }
    }

    private let journal = NIOLockedValueBox(Journal())

    /// An empty journal.
    public init() {}

    public func begin(_ batch: JournaledBatch) async throws {
        journal.withLockedValue { journal in
            if let claim = batch.idempotency {
                for (id, existing) in journal.batches
                where existing.state == .resumable && existing.idempotency == claim {
                    journal.batches[id] = nil
                }
            }
            journal.batches[batch.id] = batch
            journal.order.removeAll { $0 == batch.id || journal.batches[$0] == nil }
            journal.order.append(batch.id)
        }
    }

    public func record(batchID: String, position: Int, result: BatchItemResult) async throws {
        journal.withLockedValue { journal in
            // In place: reading the batch out of the dictionary first would copy it for every email.
            guard let index = journal.batches.index(forKey: batchID),
                journal.batches.values[index].results.indices.contains(position)
            else { return }
            journal.batches.values[index].results[position] = result
        }
    }

    public func markCompensated(batchID: String, position: Int, _ compensated: Bool) async throws {
        journal.withLockedValue { journal in
            guard journal.batches[batchID]?.results.indices.contains(position) == true,
                journal.batches[batchID]?.results[position] != nil
            else { return }
            journal.batches[batchID]?.results[position]?.compensated = compensated
        }
    }

    public func setState(batchID: String, _ state: JournaledBatch.State) async throws {
        journal.withLockedValue { $0.batches[batchID]?.state = state }
    }

    public func finish(batchID: String) async throws {
        journal.withLockedValue { journal in
            journal.batches[batchID] = nil
            journal.order.removeAll { $0 == batchID }
        }
    }

    public func batch(id: String) async throws -> JournaledBatch? { journal.withLockedValue { $0.batches[id] } }

    public func unfinishedBatches() async throws -> [JournaledBatch] {
        journal.withLockedValue { $0.ordered.filter { $0.state == .inFlight } }
    }

    public func resumableBatch(for claim: IdempotencyClaim) async throws -> JournaledBatch? {
        journal.withLockedValue { $0.ordered.last { $0.state == .resumable && $0.idempotency == claim } }
    }

    @discardableResult
    public func purgeRecovered(startedBefore date: Date) async throws -> Int {
        journal.withLockedValue { journal in
            let doomed = journal.batches.values.filter { $0.state != .inFlight && $0.startedAt < date }.map(\.id)
            for id in doomed { journal.batches[id] = nil }
            journal.order.removeAll { journal.batches[$0] == nil }
            return doomed.count
        }
    }
}
