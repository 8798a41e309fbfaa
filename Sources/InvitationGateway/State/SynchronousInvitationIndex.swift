import Foundation
import InvitationCore

/// An ``InvitationIndex`` answerable without suspending (an in-memory one): what lets the pipeline run a
/// plain request from start to end on its connection's event loop.
public protocol SynchronousInvitationIndex: InvitationIndex {
    /// ``InvitationIndex/record(_:upstream:now:)``, at once.
    func recordNow(_ invitations: [Invitation], upstream: String, now: Date)

    /// ``InvitationIndex/entry(for:)``, at once.
    func entryNow(for invitationID: String) -> InvitationIndexEntry?
}
