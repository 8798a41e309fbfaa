import GRDB

extension ReferenceConfiguration {
    /// Creates or refreshes the configured users, organizations and seeded memberships; safe to run on every open.
    ///
    /// Seeded values win over stored ones (so editing the configuration takes effect on restart); memberships
    /// gained by accepting invitations, and all invitations, are kept.
    func seed(_ db: Database, nowMilliseconds: Int64) throws {
        for user in users {
            try db.execute(
                sql: """
                    INSERT INTO users (id, name, email, avatarURL) VALUES (?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET name = excluded.name, email = excluded.email,
                    avatarURL = excluded.avatarURL
                    """,
                arguments: [user.id, user.name, user.email, user.avatarURL])
        }
        for organization in organizations {
            try db.execute(
                sql: """
                    INSERT INTO organizations (id, slug, uuid, name, logoURL) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(id) DO UPDATE SET slug = excluded.slug, uuid = excluded.uuid, name = excluded.name,
                    logoURL = excluded.logoURL
                    """,
                arguments: [
                    organization.id, organization.slug, organization.uuid.asciiLowercased,
                    organization.name, organization.logoURL,
                ])
            for member in organization.members {
                try db.execute(
                    sql: """
                        INSERT INTO memberships (organizationID, userID, role, createdAt) VALUES (?, ?, ?, ?)
                        ON CONFLICT(organizationID, userID) DO UPDATE SET role = excluded.role
                        """,
                    arguments: [organization.id, member.userID, member.role, nowMilliseconds])
            }
        }
    }
}
