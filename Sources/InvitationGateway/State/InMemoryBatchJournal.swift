import Foundation
import InvitationCore

/// The in-memory ``BatchJournal`` fake for unit tests: the same behaviour as ``SQLiteBatchJournal``, no durability.
public actor InMemoryBatchJournal: BatchJournal {
    private var batches: [String: JournaledBatch] = [:]
    /// Insertion order, for oldest-first listings.
    private var order: [String] = []

    /// An empty journal.
    public init() {}

    public func begin(_ batch: JournaledBatch) async throws {
        if let claim = batch.idempotency {
            for (id, existing) in batches where existing.state == .resumable && existing.idempotency == claim {
                batches[id] = nil
            }
        }
        batches[batch.id] = batch
        order.removeAll { $0 == batch.id || batches[$0] == nil }
        order.append(batch.id)
    }

    public func record(batchID: String, position: Int, result: BatchItemResult) async throws {
        guard batches[batchID]?.results.indices.contains(position) == true else { return }
        batches[batchID]?.results[position] = result
    }

    public func markCompensated(batchID: String, position: Int, _ compensated: Bool) async throws {
        guard batches[batchID]?.results.indices.contains(position) == true,
            batches[batchID]?.results[position] != nil
        else { return }
        batches[batchID]?.results[position]?.compensated = compensated
    }

    public func setState(batchID: String, _ state: JournaledBatch.State) async throws {
        batches[batchID]?.state = state
    }

    public func finish(batchID: String) async throws {
        batches[batchID] = nil
        order.removeAll { $0 == batchID }
    }

    public func batch(id: String) async throws -> JournaledBatch? { batches[id] }

    public func unfinishedBatches() async throws -> [JournaledBatch] {
        ordered.filter { $0.state == .inFlight }
    }

    public func resumableBatch(for claim: IdempotencyClaim) async throws -> JournaledBatch? {
        ordered.last { $0.state == .resumable && $0.idempotency == claim }
    }

    @discardableResult
    public func purgeRecovered(startedBefore date: Date) async throws -> Int {
        let doomed = batches.values.filter { $0.state != .inFlight && $0.startedAt < date }.map(\.id)
        for id in doomed { batches[id] = nil }
        order.removeAll { batches[$0] == nil }
        return doomed.count
    }

    private var ordered: [JournaledBatch] { order.compactMap { batches[$0] } }
}
