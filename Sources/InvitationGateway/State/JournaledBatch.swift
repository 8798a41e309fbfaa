import Foundation
import InvitationCore

/// A batch create as the ``BatchJournal`` keeps it: what was asked, where it went, and each email's outcome so far.
public struct JournaledBatch: Sendable, Hashable {
    /// Where a journaled batch stands.
    public enum State: String, Sendable, Hashable {
        /// Being fanned out (or interrupted by a crash, when a restart finds it).
        case inFlight
        /// A best-effort batch a crash interrupted: its recorded results wait for a retry with the same
        /// `Idempotency-Key` and body, which reuses the successes instead of creating them again.
        case resumable
        /// An all-or-nothing batch a crash interrupted, whose created invitations recovery revoked (or tried to).
        case compensated
    }

    /// A gateway-made id for the batch.
    public var id: String
    /// The `X-Request-Id` of the request that started it.
    public var requestID: String
    /// The configured upstream name the batch fans out to.
    public var upstream: String
    public var input: CreateInvitationsInput
    /// Whether a failed item makes the gateway revoke every invitation the batch created.
    public var allOrNothing: Bool
    /// The request's `Idempotency-Key` claim, when it carried one.
    public var idempotency: IdempotencyClaim?
    public var startedAt: Date
    public var state: State
    /// One slot per email of `input`, in input order; nil where no outcome was recorded.
    public var results: [BatchItemResult?]

    /// A batch about to be fanned out, with no outcome recorded yet (or some, carried over from a resumed batch).
    public init(
        id: String = UUID().uuidString.lowercased(), requestID: String, upstream: String, input: CreateInvitationsInput,
        allOrNothing: Bool, idempotency: IdempotencyClaim? = nil, startedAt: Date = Date(), state: State = .inFlight,
        results: [BatchItemResult?]? = nil
    ) {
        self.id = id
        self.requestID = requestID
        self.upstream = upstream
        self.input = input
        self.allOrNothing = allOrNothing
        self.idempotency = idempotency
        self.startedAt = startedAt
        self.state = state
        self.results = results ?? Array(repeating: nil, count: input.emails.count)
    }

    /// The positions whose invitation was created (a success carrying an invitation id).
    public var createdPositions: [Int] {
        results.indices.filter { results[$0]?.outcome == .success && results[$0]?.invitation?.id != nil }
    }

    /// The positions with no recorded outcome: in flight when the batch was interrupted, so the upstream may
    /// or may not have created them.
    public var unresolvedPositions: [Int] { results.indices.filter { results[$0] == nil } }

    /// The successes to carry into a retry of this batch (by position); everything else is sent again.
    public var reusableResults: [Int: BatchItemResult] {
        var reusable: [Int: BatchItemResult] = [:]
        for position in createdPositions { reusable[position] = results[position] }
        return reusable
    }
}
