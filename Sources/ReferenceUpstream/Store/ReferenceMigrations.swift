import GRDB

/// The schema of the reference store, as an ordered list of migrations; never edit a shipped one, add another.
enum ReferenceMigrations {
    /// The migrator that brings any older store up to date.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: organizations, users, memberships, invitations") { db in
            try db.create(table: "organizations") { t in
                t.primaryKey("id", .text)
                t.column("slug", .text).notNull().unique()
                t.column("uuid", .text).notNull().unique()
                t.column("name", .text).notNull()
                t.column("logoURL", .text)
            }
            try db.create(table: "users") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("email", .text).notNull()
                t.column("avatarURL", .text)
            }
            try db.execute(sql: "CREATE INDEX users_on_email ON users(lower(email))")
            try db.create(table: "memberships") { t in
                t.column("organizationID", .text).notNull().references("organizations", onDelete: .cascade)
                t.column("userID", .text).notNull().references("users", onDelete: .cascade)
                t.column("role", .text).notNull()
                t.column("createdAt", .integer).notNull()
                t.primaryKey(["organizationID", "userID"])
            }
            try db.create(index: "memberships_on_user", on: "memberships", columns: ["userID"])
            try db.create(table: "invitations") { t in
                // A lowercase UUID.
                t.primaryKey("id", .text)
                t.column("organizationID", .text).notNull().references("organizations", onDelete: .cascade)
                t.column("email", .text).notNull()
                // JSON arrays.
                t.column("roles", .text).notNull()
                t.column("groups", .text).notNull()
                t.column("projectAssignments", .text).notNull()
                t.column("message", .text)
                t.column("sendEmail", .boolean)
                t.column("inviterID", .text)
                t.column("status", .text).notNull()
                // Epoch milliseconds.
                t.column("createdAt", .integer).notNull()
                t.column("expiresAt", .integer).notNull()
                // A JSON object of fields the canonical model has no place for.
                t.column("extensions", .text).notNull()
            }
            // At most one pending invitation per organization and email: the database, not Swift, decides.
            try db.execute(
                sql: """
                    CREATE UNIQUE INDEX invitations_one_pending_per_email
                    ON invitations(organizationID, lower(email)) WHERE status = 'pending'
                    """)
            try db.create(
                index: "invitations_on_organization_page", on: "invitations",
                columns: ["organizationID", "createdAt", "id"])
            try db.execute(sql: "CREATE INDEX invitations_on_email ON invitations(lower(email), createdAt, id)")
        }
        return migrator
    }
}
