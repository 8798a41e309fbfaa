import Foundation
import InvitationCore
import NIOConcurrencyHelpers

/// The in-memory ``BatchJournal``: the same behaviour as ``SQLiteBatchJournal``, no durability.
///
/// The gateway's when its state is not kept in a file, and the unit tests' fake. Lock-protected rather than an
/// actor: a batch records each email's outcome as it completes, and an actor would move every record to another
/// thread and back to the request's event loop; under the lock it runs where the request runs.
public final class InMemoryBatchJournal: BatchJournal {
    /// Batches by id, each with the order it began in (for oldest-first listings): beginning and finishing a
    /// batch touch only its own entry, however many batches are in flight.
    private struct Journal {
        struct Entry {
            var sequence: Int
            var batch: JournaledBatch
        }

        var entries: [String: Entry] = [:]
        var nextSequence = 0

        var ordered: [JournaledBatch] { entries.values.sorted { $0.sequence < $1.sequence }.map(\.batch) }
    }

    private let journal = NIOLockedValueBox(Journal())

    /// An empty journal.
    public init() {}

    public func begin(_ batch: JournaledBatch) async throws {
        journal.withLockedValue { journal in
            if let claim = batch.idempotency {
                let superseded = journal.entries.filter { _, entry in
                    entry.batch.state == .resumable && entry.batch.idempotency == claim
                }
                for id in superseded.keys { journal.entries[id] = nil }
            }
            journal.entries[batch.id] = Journal.Entry(sequence: journal.nextSequence, batch: batch)
            journal.nextSequence += 1
        }
    }

    public func record(batchID: String, position: Int, result: BatchItemResult) async throws {
        journal.withLockedValue { journal in
            // In place: reading the batch out of the dictionary first would copy it for every email.
            guard let index = journal.entries.index(forKey: batchID),
                journal.entries.values[index].batch.results.indices.contains(position)
            else { return }
            journal.entries.values[index].batch.results[position] = result
        }
    }

    public func markCompensated(batchID: String, position: Int, _ compensated: Bool) async throws {
        journal.withLockedValue { journal in
            guard let index = journal.entries.index(forKey: batchID),
                journal.entries.values[index].batch.results.indices.contains(position),
                journal.entries.values[index].batch.results[position] != nil
            else { return }
            journal.entries.values[index].batch.results[position]?.compensated = compensated
        }
    }

    public func setState(batchID: String, _ state: JournaledBatch.State) async throws {
        journal.withLockedValue { $0.entries[batchID]?.batch.state = state }
    }

    public func finish(batchID: String) async throws {
        journal.withLockedValue { $0.entries[batchID] = nil }
    }

    public func batch(id: String) async throws -> JournaledBatch? { journal.withLockedValue { $0.entries[id]?.batch } }

    public func unfinishedBatches() async throws -> [JournaledBatch] {
        journal.withLockedValue { $0.ordered.filter { $0.state == .inFlight } }
    }

    public func resumableBatch(for claim: IdempotencyClaim) async throws -> JournaledBatch? {
        journal.withLockedValue { journal in
            journal.entries.values
                .filter { $0.batch.state == .resumable && $0.batch.idempotency == claim }
                .max { $0.sequence < $1.sequence }?.batch
        }
    }

    @discardableResult
    public func purgeRecovered(startedBefore date: Date) async throws -> Int {
        journal.withLockedValue { journal in
            let doomed = journal.entries.filter { _, entry in
                entry.batch.state != .inFlight && entry.batch.startedAt < date
            }
            for id in doomed.keys { journal.entries[id] = nil }
            return doomed.count
        }
    }
}
