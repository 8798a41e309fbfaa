import Foundation
import GRDB
import InvitationCore

/// An invitation row joined with its organization (and member count) and its inviter.
struct StoredInvitation: FetchableRecord {
    var id: String
    var organization: Organization
    var email: String
    var roles: [String]
    var groups: [String]
    var projectAssignments: [ProjectAssignment]
    var message: String?
    var sendEmail: Bool?
    var inviter: Inviter?
    /// The stored status; see ``invitation(now:)`` for the one readers see.
    var status: InvitationStatus
    var createdAt: Int64
    var expiresAt: Int64
    var extensions: JSONObject

    /// Selects every column this record reads; append a WHERE clause on `i`.
    static let selection = """
        SELECT i.id, i.organizationID, i.email, i.roles, i.groups, i.projectAssignments, i.message, i.sendEmail,
        i.inviterID, i.status, i.createdAt, i.expiresAt, i.extensions,
        o.slug AS organizationSlug, o.uuid AS organizationUUID, o.name AS organizationName,
        o.logoURL AS organizationLogoURL,
        (SELECT COUNT(*) FROM memberships m WHERE m.organizationID = i.organizationID) AS organizationMemberCount,
        u.name AS inviterName, u.email AS inviterEmail, u.avatarURL AS inviterAvatarURL
        FROM invitations i
        JOIN organizations o ON o.id = i.organizationID
        LEFT JOIN users u ON u.id = i.inviterID
        """

    init(row: Row) throws {
        id = row["id"]
        organization = Organization(
            id: row["organizationID"], slug: row["organizationSlug"], uuid: row["organizationUUID"],
            name: row["organizationName"], logoURL: row["organizationLogoURL"],
            memberCount: row["organizationMemberCount"])
        email = row["email"]
        roles = try StoredJSON.strings(row["roles"])
        groups = try StoredJSON.strings(row["groups"])
        projectAssignments = try StoredJSON.assignments(row["projectAssignments"])
        message = row["message"]
        sendEmail = row["sendEmail"]
        let inviterID: String? = row["inviterID"]
        inviter = inviterID.map { id in
            Inviter(id: id, name: row["inviterName"], email: row["inviterEmail"], avatarURL: row["inviterAvatarURL"])
        }
        guard let status = InvitationStatus(rawValue: row["status"]) else { throw StoreCorruption() }
        self.status = status
        createdAt = row["createdAt"]
        expiresAt = row["expiresAt"]
        extensions = try StoredJSON.object(row["extensions"])
    }

    /// The status a reader sees at `now`: pending past its expiry is expired.
    func effectiveStatus(now: Date) -> InvitationStatus {
        status.effective(expiresAt: Date(epochMilliseconds: expiresAt), now: now)
    }

    /// The canonical invitation as a reader sees it at `now`.
    func invitation(now: Date) -> Invitation {
        Invitation(
            id: id, organization: organization, email: email, roles: roles, groups: groups,
            projectAssignments: projectAssignments, message: message, sendEmail: sendEmail, inviter: inviter,
            status: effectiveStatus(now: now), createdAt: Date(epochMilliseconds: createdAt),
            expiresAt: Date(epochMilliseconds: expiresAt), link: nil,
            selfLink: "/v1/regions/global/organizations/\(organization.id ?? "")/invitations/\(id)",
            extensions: extensions)
    }
}
