import GRDB
import InvitationCore

/// A new invitation row, as createInvitations writes it.
struct NewInvitation {
    var id: String
    var organizationID: String
    var email: String
    var roles: [String]
    var groups: [String]
    var projectAssignments: [ProjectAssignment]
    var message: String?
    var sendEmail: Bool?
    var inviterID: String
    var createdAt: Int64
    var expiresAt: Int64
    var extensions: JSONObject
}

/// Which invitations a listing wants, by the status readers see.
enum EffectiveStatusFilter {
    case any
    case only(InvitationStatus)

    /// The SQL condition on `i` (with its arguments) that selects rows whose effective status matches at `now`.
    func condition(now: Int64) -> (sql: String, arguments: StatementArguments) {
        switch self {
        case .any:
            return ("1", [])
        case .only(.pending):
            return ("(i.status = 'pending' AND i.expiresAt > ?)", [now])
        case .only(.expired):
            return ("(i.status = 'expired' OR (i.status = 'pending' AND i.expiresAt <= ?))", [now])
        case .only(let status):
            return ("i.status = ?", [status.rawValue])
        }
    }
}

extension Database {
    /// The invitation with this id, joined with its organization and inviter.
    func invitation(id: String) throws -> StoredInvitation? {
        try StoredInvitation.fetchOne(
            self, sql: StoredInvitation.selection + " WHERE i.id = ?", arguments: [id.asciiLowercased])
    }

    /// Marks this organization's pending invitations for `email` that are past expiry as expired, so the
    /// one-pending-per-email index no longer counts them.
    func expireStalePendingInvitations(organizationID: String, email: String, now: Int64) throws {
        try execute(
            sql: """
                UPDATE invitations SET status = 'expired'
                WHERE organizationID = ? AND lower(email) = lower(?) AND status = 'pending' AND expiresAt <= ?
                """,
            arguments: [organizationID, email, now])
    }

    /// Whether a pending invitation for `email` exists in the organization (stale ones expired first).
    func hasPendingInvitation(organizationID: String, email: String) throws -> Bool {
        try Bool.fetchOne(
            self,
            sql: """
                SELECT EXISTS (SELECT 1 FROM invitations
                WHERE organizationID = ? AND lower(email) = lower(?) AND status = 'pending')
                """,
            arguments: [organizationID, email]) ?? false
    }

    /// Inserts a pending invitation; a second pending one for the same email fails the unique index.
    func insert(_ invitation: NewInvitation) throws {
        try execute(
            sql: """
                INSERT INTO invitations (id, organizationID, email, roles, groups, projectAssignments, message,
                sendEmail, inviterID, status, createdAt, expiresAt, extensions)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)
                """,
            arguments: [
                invitation.id, invitation.organizationID, invitation.email, StoredJSON.text(invitation.roles),
                StoredJSON.text(invitation.groups), StoredJSON.text(invitation.projectAssignments),
                invitation.message, invitation.sendEmail, invitation.inviterID, invitation.createdAt,
                invitation.expiresAt, StoredJSON.text(invitation.extensions),
            ])
    }

    /// Moves a pending invitation to `status`; returns false when it was no longer pending.
    func finishPendingInvitation(id: String, status: InvitationStatus) throws -> Bool {
        try execute(
            sql: "UPDATE invitations SET status = ? WHERE id = ? AND status = 'pending'",
            arguments: [status.rawValue, id])
        return changesCount == 1
    }

    /// One page of an organization's invitations in (createdAt, id) order, after `cursor`; fetches one row
    /// more than `limit` so the caller can tell whether another page follows.
    func invitations(
        organizationID: String, filter: EffectiveStatusFilter, after cursor: PageCursor?, limit: Int, now: Int64
    ) throws -> [StoredInvitation] {
        let status = filter.condition(now: now)
        var sql = StoredInvitation.selection + " WHERE i.organizationID = ? AND \(status.sql)"
        var arguments: StatementArguments = [organizationID]
        arguments += status.arguments
        if let cursor {
            sql += " AND (i.createdAt > ? OR (i.createdAt = ? AND i.id > ?))"
            arguments += [cursor.createdAt, cursor.createdAt, cursor.id]
        }
        sql += " ORDER BY i.createdAt, i.id LIMIT ?"
        arguments += [limit + 1]
        return try StoredInvitation.fetchAll(self, sql: sql, arguments: arguments)
    }

    /// Every invitation addressed to `email` (case-insensitively) whose effective status matches, oldest first.
    func invitations(email: String, filter: EffectiveStatusFilter, now: Int64) throws -> [StoredInvitation] {
        let status = filter.condition(now: now)
        var arguments: StatementArguments = [email]
        arguments += status.arguments
        return try StoredInvitation.fetchAll(
            self,
            sql: StoredInvitation.selection
                + " WHERE lower(i.email) = lower(?) AND \(status.sql) ORDER BY i.createdAt, i.id",
            arguments: arguments)
    }
}
