import InvitationCore

/// One compensating revoke that batch recovery asks for: revoke this invitation on this upstream.
public struct BatchRevocation: Sendable, Hashable {
    public var batchID: String
    /// The item's position in the batch's input.
    public var position: Int
    public var email: String
    public var invitationID: String
    /// The invitation's organization as recorded, else the batch input's.
    public var organization: Organization
    /// The configured upstream name that created the invitation.
    public var upstream: String
    /// The batch's original request id, to send with the revoke.
    public var requestID: String

    public init(
        batchID: String, position: Int, email: String, invitationID: String, organization: Organization,
        upstream: String, requestID: String
    ) {
        self.batchID = batchID
        self.position = position
        self.email = email
        self.invitationID = invitationID
        self.organization = organization
        self.upstream = upstream
        self.requestID = requestID
    }

    /// The canonical revoke request to send.
    public var request: CanonicalRequest {
        .revokeInvitation(RevokeInvitationInput(invitationID: invitationID, organization: organization))
    }
}
