import Foundation
import InvitationCore

extension CanonicalResponse {
    /// Every invitation the response carries (created batch items, a read invitation, list pages, the
    /// answered or revoked invitation), for the ``InvitationIndex``.
    public var carriedInvitations: [Invitation] {
        switch self {
        case .createInvitations(let output): output.results.compactMap(\.invitation)
        case .getInvitation(let invitation): [invitation]
        case .listInvitations(let page), .listMyInvitations(let page): page.invitations
        case .respondToInvitation(let output): output.invitation.map { [$0] } ?? []
        case .revokeInvitation(let output): output.invitation.map { [$0] } ?? []
        }
    }

    /// Calls `body` with the id (nil when it has none) and the organization of every invitation the response
    /// carries, in ``carriedInvitations``' order: read field by field where they are, no invitation is copied.
    public func forEachCarriedInvitation(_ body: (_ id: String?, _ organization: Organization) -> Void) {
        switch self {
        case .createInvitations(let output):
            output.results.withUnsafeBufferPointer { results in
                for index in results.indices {
                    guard let organization = results[index].invitation?.organization else { continue }
                    body(results[index].invitation?.id, organization)
                }
            }
        case .getInvitation(let invitation): body(invitation.id, invitation.organization)
        case .listInvitations(let page), .listMyInvitations(let page):
            page.invitations.withUnsafeBufferPointer { invitations in
                for index in invitations.indices { body(invitations[index].id, invitations[index].organization) }
            }
        case .respondToInvitation(let output):
            if let organization = output.invitation?.organization { body(output.invitation?.id, organization) }
        case .revokeInvitation(let output):
            if let organization = output.invitation?.organization { body(output.invitation?.id, organization) }
        }
    }
}

extension InvitationIndex {
    /// Records every invitation an upstream's answer carries; one line in the pipeline after each upstream call.
    ///
    /// An invitation without its organization inherits `organization` (the request's, when the dialect
    /// answers without one).
    public func record(
        _ response: CanonicalResponse, upstream: String, organization: Organization? = nil, now: Date = Date()
    ) async throws {
        let invitations = response.invitationsToRecord(organization: organization)
        guard !invitations.isEmpty else { return }
        try await record(invitations, upstream: upstream, now: now)
    }
}

extension SynchronousInvitationIndex {
    /// ``InvitationIndex/record(_:upstream:organization:now:)``, at once.
    public func recordNow(
        _ response: CanonicalResponse, upstream: String, organization: Organization? = nil, now: Date = Date()
    ) {
        recordNow(carriedBy: response, upstream: upstream, organization: organization, now: now)
    }

    public func recordNow(
        carriedBy response: CanonicalResponse, upstream: String, organization: Organization?, now: Date
    ) {
        let invitations = response.invitationsToRecord(organization: organization)
        guard !invitations.isEmpty else { return }
        recordNow(invitations, upstream: upstream, now: now)
    }
}

extension CanonicalResponse {
    /// ``carriedInvitations``, those without an organization given `organization`.
    func invitationsToRecord(organization: Organization?) -> [Invitation] {
        var invitations = carriedInvitations
        if let organization {
            for index in invitations.indices where invitations[index].organization.isUnidentified {
                invitations[index].organization = organization
            }
        }
        return invitations
    }
}
