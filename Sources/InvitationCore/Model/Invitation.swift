import Foundation

/// One invitation of one email address to one organization: the canonical model every dialect maps to.
public struct Invitation: Sendable, Hashable {
    public var id: String?
    public var organization: Organization
    public var email: String?
    /// Organization roles; the first is the primary one.
    public var roles: [String]
    public var groups: [String]
    public var projectAssignments: [ProjectAssignment]
    public var message: String?
    public var sendEmail: Bool?
    public var inviter: Inviter?
    public var status: InvitationStatus?
    public var createdAt: Date?
    public var expiresAt: Date?
    public var link: String?
    public var selfLink: String?
    /// Fields a dialect sent that the canonical model has no place for, kept per the mapping's policy.
    public var extensions: JSONObject

    public init(
        id: String? = nil, organization: Organization = Organization(), email: String? = nil, roles: [String] = [],
        groups: [String] = [], projectAssignments: [ProjectAssignment] = [], message: String? = nil,
        sendEmail: Bool? = nil, inviter: Inviter? = nil, status: InvitationStatus? = nil, createdAt: Date? = nil,
        expiresAt: Date? = nil, link: String? = nil, selfLink: String? = nil, extensions: JSONObject = JSONObject()
    ) {
        self.id = id
        self.organization = organization
        self.email = email
        self.roles = roles
        self.groups = groups
        self.projectAssignments = projectAssignments
        self.message = message
        self.sendEmail = sendEmail
        self.inviter = inviter
        self.status = status
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.link = link
        self.selfLink = selfLink
        self.extensions = extensions
    }

    /// The primary organization role.
    public var primaryRole: String? { roles.first }

    /// The status a reader sees at `now` (pending past expiry reads as expired).
    public func effectiveStatus(now: Date = Date()) -> InvitationStatus? {
        status?.effective(expiresAt: expiresAt, now: now)
    }
}
