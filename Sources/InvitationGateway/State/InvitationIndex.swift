import Foundation
import InvitationCore

/// Which upstream holds an invitation, by invitation id: written as invitations pass through the gateway,
/// read to route invitee-side operations (get, respond) that name only an invitation id.
///
/// The pipeline records every invitation in every answer from an upstream (``record(_:upstream:)`` for a
/// ``CanonicalResponse``), then routes by ``upstream(for:)``. An id seen from two upstreams keeps the latest.
/// For an id the index does not know, the pipeline chooses its documented fallback (the default upstream).
///
/// ```swift
/// try await state.invitations.record(response, upstream: route.name)
/// let upstreamName = try await state.invitations.upstream(for: input.invitationID) ?? defaultUpstream
/// ```
public protocol InvitationIndex: Sendable {
    /// Remembers that these invitations (those with an id) live on `upstream`, as of `now`.
    func record(_ invitations: [Invitation], upstream: String, now: Date) async throws

    /// What the index knows about an invitation id, or nil.
    func entry(for invitationID: String) async throws -> InvitationIndexEntry?

    /// Forgets entries recorded before `date` (invitations long expired); returns how many.
    @discardableResult
    func forget(recordedBefore date: Date) async throws -> Int
}

extension InvitationIndex {
    /// ``record(_:upstream:now:)`` at the current time.
    public func record(_ invitations: [Invitation], upstream: String) async throws {
        try await record(invitations, upstream: upstream, now: Date())
    }

    /// The upstream name an invitation id was recorded with, or nil when unknown.
    public func upstream(for invitationID: String) async throws -> String? {
        try await entry(for: invitationID)?.upstream
    }
}
