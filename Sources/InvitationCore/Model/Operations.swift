/// The six canonical operations.
public enum OperationName: String, Sendable, Hashable, CaseIterable, Codable {
    case createInvitations
    case getInvitation
    case listInvitations
    case listMyInvitations
    case respondToInvitation
    case revokeInvitation
}

/// Invite 1…N email addresses to one organization with shared roles, groups and message.
public struct CreateInvitationsInput: Sendable, Hashable {
    public var organization: Organization
    public var emails: [String]
    public var roles: [String]
    public var groups: [String]
    public var projectAssignments: [ProjectAssignment]
    public var message: String?
    public var sendEmail: Bool?
    public var extensions: JSONObject

    public init(
        organization: Organization, emails: [String], roles: [String] = [], groups: [String] = [],
        projectAssignments: [ProjectAssignment] = [], message: String? = nil, sendEmail: Bool? = nil,
        extensions: JSONObject = JSONObject()
    ) {
        self.organization = organization
        self.emails = emails
        self.roles = roles
        self.groups = groups
        self.projectAssignments = projectAssignments
        self.message = message
        self.sendEmail = sendEmail
        self.extensions = extensions
    }

    /// One input per email, for an upstream that invites one address per call.
    public func splitByEmail() -> [CreateInvitationsInput] {
        emails.map(alone)
    }

    /// The input for its first email alone (``splitByEmail()``'s first), nil when it has none; an input with one
    /// email is its own, not copied.
    public var firstAlone: CreateInvitationsInput? {
        guard let first = emails.first else { return nil }
        return emails.count == 1 ? self : alone(first)
    }

    /// This input for `email` only.
    private func alone(_ email: String) -> CreateInvitationsInput {
        var single = self
        single.emails = [email]
        return single
    }
}

/// The outcome of one email of a batch.
public struct BatchItemResult: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable { case success, error }

    public var email: String
    public var outcome: Outcome
    public var invitation: Invitation?
    public var error: GatewayError?
    /// For a failed item of an all-or-nothing batch: true when its invitation was created and then
    /// revoked again, false when that revoke failed too (an orphan may exist).
    public var compensated: Bool?

    public init(
        email: String, outcome: Outcome, invitation: Invitation? = nil, error: GatewayError? = nil,
        compensated: Bool? = nil
    ) {
        self.email = email
        self.outcome = outcome
        self.invitation = invitation
        self.error = error
        self.compensated = compensated
    }

    /// Takes its parts (a caller passing `consume invitation` hands it over uncopied).
    public static func success(_ invitation: consuming Invitation, email: consuming String) -> BatchItemResult {
        BatchItemResult(email: email, outcome: .success, invitation: invitation)
    }

    public static func failure(_ error: consuming GatewayError, email: consuming String) -> BatchItemResult {
        BatchItemResult(email: email, outcome: .error, error: error)
    }
}

/// The results of a create, one per email in input order.
public struct CreateInvitationsOutput: Sendable, Hashable {
    public var results: [BatchItemResult]
    public init(results: [BatchItemResult]) { self.results = results }
}

/// Read one invitation.
public struct GetInvitationInput: Sendable, Hashable {
    public var invitationID: String
    public var organization: Organization
    /// The invitee's email, where the dialect asks for it (inkeep's verify route).
    public var email: String?

    public init(invitationID: String, organization: Organization = Organization(), email: String? = nil) {
        self.invitationID = invitationID
        self.organization = organization
        self.email = email
    }
}

/// List an organization's invitations.
public struct ListInvitationsInput: Sendable, Hashable {
    public var organization: Organization
    public var status: InvitationStatus?
    public var pageToken: String?
    public var pageSize: Int?

    public init(
        organization: Organization, status: InvitationStatus? = nil, pageToken: String? = nil, pageSize: Int? = nil
    ) {
        self.organization = organization
        self.status = status
        self.pageToken = pageToken
        self.pageSize = pageSize
    }
}

/// One page of invitations.
public struct InvitationPage: Sendable, Hashable {
    public var invitations: [Invitation]
    public var nextPageToken: String?

    public init(invitations: [Invitation], nextPageToken: String? = nil) {
        self.invitations = invitations
        self.nextPageToken = nextPageToken
    }
}

/// List the caller's own pending invitations.
public struct ListMyInvitationsInput: Sendable, Hashable {
    /// The caller's email where the dialect names it (inkeep's `pending?email=`); else the credentials say.
    public var email: String?
    public var status: InvitationStatus?

    public init(email: String? = nil, status: InvitationStatus? = nil) {
        self.email = email
        self.status = status
    }
}

/// Accept or decline an invitation.
public struct RespondToInvitationInput: Sendable, Hashable {
    public var invitationID: String
    public var accept: Bool

    public init(invitationID: String, accept: Bool) {
        self.invitationID = invitationID
        self.accept = accept
    }
}

/// What answering an invitation did.
public struct RespondToInvitationOutput: Sendable, Hashable {
    public var accepted: Bool
    /// The organization joined (when accepted).
    public var organization: Organization?
    public var invitation: Invitation?

    public init(accepted: Bool, organization: Organization? = nil, invitation: Invitation? = nil) {
        self.accepted = accepted
        self.organization = organization
        self.invitation = invitation
    }
}

/// Revoke (cancel) an invitation.
public struct RevokeInvitationInput: Sendable, Hashable {
    public var invitationID: String
    public var organization: Organization

    public init(invitationID: String, organization: Organization = Organization()) {
        self.invitationID = invitationID
        self.organization = organization
    }
}

/// What revoking did; the revoked invitation where the upstream says.
public struct RevokeInvitationOutput: Sendable, Hashable {
    public var invitation: Invitation?
    public init(invitation: Invitation? = nil) { self.invitation = invitation }
}

/// A canonical operation with its input.
///
/// Indirect: every operation's input holds an organization, so a request held inline was some two hundred bytes,
/// moved by copying them and copied field by field; boxed, it moves as a reference and copies as one retain.
public indirect enum CanonicalRequest: Sendable, Hashable {
    case createInvitations(CreateInvitationsInput)
    case getInvitation(GetInvitationInput)
    case listInvitations(ListInvitationsInput)
    case listMyInvitations(ListMyInvitationsInput)
    case respondToInvitation(RespondToInvitationInput)
    case revokeInvitation(RevokeInvitationInput)

    /// A create's emails, read out of it alone; nil for any other operation.
    public var createdEmails: [String]? {
        if case .createInvitations(let input) = self { input.emails } else { nil }
    }

    public var operation: OperationName {
        switch self {
        case .createInvitations: .createInvitations
        case .getInvitation: .getInvitation
        case .listInvitations: .listInvitations
        case .listMyInvitations: .listMyInvitations
        case .respondToInvitation: .respondToInvitation
        case .revokeInvitation: .revokeInvitation
        }
    }
}

/// A canonical operation's result.
///
/// The cases holding an invitation are indirect: held inline, the whole response was an invitation's size (some three
/// hundred bytes, moved by copying them) whatever the operation; the others hold a list and stay inline.
public enum CanonicalResponse: Sendable, Hashable {
    case createInvitations(CreateInvitationsOutput)
    indirect case getInvitation(Invitation)
    case listInvitations(InvitationPage)
    case listMyInvitations(InvitationPage)
    indirect case respondToInvitation(RespondToInvitationOutput)
    indirect case revokeInvitation(RevokeInvitationOutput)

    public var operation: OperationName {
        switch self {
        case .createInvitations: .createInvitations
        case .getInvitation: .getInvitation
        case .listInvitations: .listInvitations
        case .listMyInvitations: .listMyInvitations
        case .respondToInvitation: .respondToInvitation
        case .revokeInvitation: .revokeInvitation
        }
    }
}
