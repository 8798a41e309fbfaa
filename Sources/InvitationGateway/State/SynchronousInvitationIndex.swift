import Foundation
import InvitationCore

/// An ``InvitationIndex`` answerable without suspending (an in-memory one): what lets the pipeline run a
/// plain request from start to end on its connection's event loop.
public protocol SynchronousInvitationIndex: InvitationIndex {
    /// ``InvitationIndex/record(_:upstream:now:)``, at once.
    func recordNow(_ invitations: [Invitation], upstream: String, now: Date)

    /// Records every invitation `response` carries, at once; an invitation without its organization inherits
    /// `organization` (``InvitationIndex/record(_:upstream:organization:now:)``).
    ///
    /// The default collects the invitations and records them with ``recordNow(_:upstream:now:)``; an index that
    /// can read their ids and organizations where they are (``CanonicalResponse/forEachCarriedInvitation(_:)``)
    /// does not copy them.
    func recordNow(carriedBy response: CanonicalResponse, upstream: String, organization: Organization?, now: Date)

    /// ``InvitationIndex/entry(for:)``, at once.
    func entryNow(for invitationID: String) -> InvitationIndexEntry?
}
