import GRDB
import InvitationCore

extension Database {
    /// The organization any identifier of `reference` names, trying id, slug, uuid, then name, each against
    /// every identifier column; nil when none matches.
    func organization(matching reference: Organization) throws -> StoredOrganization? {
        let identifiers = [reference.id, reference.slug, reference.uuid, reference.name].compactMap { $0 }
        for identifier in identifiers where !identifier.isEmpty {
            let found = try StoredOrganization.fetchOne(
                self,
                sql: StoredOrganization.selection + """
                     WHERE o.id = :value OR o.slug = :value OR o.uuid = lower(:value) OR o.name = :value
                    ORDER BY (o.id = :value) DESC, (o.slug = :value) DESC, (o.uuid = lower(:value)) DESC
                    LIMIT 1
                    """,
                arguments: ["value": identifier])
            if let found { return found }
        }
        return nil
    }

    /// The organization with primary key `id`.
    func organization(id: String) throws -> StoredOrganization? {
        try StoredOrganization.fetchOne(self, sql: StoredOrganization.selection + " WHERE o.id = ?", arguments: [id])
    }

    /// The caller's role in an organization, or nil when not a member.
    func membershipRole(organizationID: String, userID: String) throws -> String? {
        try String.fetchOne(
            self, sql: "SELECT role FROM memberships WHERE organizationID = ? AND userID = ?",
            arguments: [organizationID, userID])
    }

    /// Whether some member of the organization has this email (case-insensitively).
    func hasMember(organizationID: String, email: String) throws -> Bool {
        try Bool.fetchOne(
            self,
            sql: """
                SELECT EXISTS (SELECT 1 FROM memberships m JOIN users u ON u.id = m.userID
                WHERE m.organizationID = ? AND lower(u.email) = lower(?))
                """,
            arguments: [organizationID, email]) ?? false
    }

    /// Adds a membership unless the user already has one (an existing role is kept).
    func addMembership(organizationID: String, userID: String, role: String, at milliseconds: Int64) throws {
        try execute(
            sql: """
                INSERT INTO memberships (organizationID, userID, role, createdAt) VALUES (?, ?, ?, ?)
                ON CONFLICT(organizationID, userID) DO NOTHING
                """,
            arguments: [organizationID, userID, role, milliseconds])
    }
}
