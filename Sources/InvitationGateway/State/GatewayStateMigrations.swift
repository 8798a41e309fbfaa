import GRDB

/// The schema of the gateway's state, as an ordered list of migrations; never edit a shipped one, add another.
enum GatewayStateMigrations {
    /// The migrator that brings any older state database up to date.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: idempotency keys, invitation index, batch journal") { db in
            try db.create(table: "idempotencyKeys") { t in
                t.column("key", .text).notNull()
                // SHA-256 (hex) of the caller's credentials; never the credentials.
                t.column("caller", .text).notNull()
                t.column("route", .text).notNull()
                t.column("fingerprint", .text).notNull()
                // 'inProgress' or 'completed'.
                t.column("state", .text).notNull()
                // Epoch milliseconds; NULL for a released claim (the next begin may take it over).
                t.column("claimedAt", .integer)
                t.column("expiresAt", .integer).notNull()
                // The stored response, once completed.
                t.column("status", .integer)
                t.column("headers", .text)
                t.column("body", .blob)
                // One row per key, caller and route: the database decides who proceeds.
                t.primaryKey(["key", "caller", "route"])
            }
            try db.create(index: "idempotencyKeys_on_expiresAt", on: "idempotencyKeys", columns: ["expiresAt"])

            try db.create(table: "invitationIndex") { t in
                t.primaryKey("invitationID", .text)
                t.column("upstream", .text).notNull()
                t.column("organizationID", .text)
                t.column("organizationSlug", .text)
                t.column("organizationUUID", .text)
                t.column("organizationName", .text)
                t.column("recordedAt", .integer).notNull()
            }
            try db.create(index: "invitationIndex_on_recordedAt", on: "invitationIndex", columns: ["recordedAt"])

            try db.create(table: "batches") { t in
                t.primaryKey("id", .text)
                t.column("requestID", .text).notNull()
                t.column("upstream", .text).notNull()
                // The CreateInvitationsInput as canonical JSON.
                t.column("input", .text).notNull()
                t.column("allOrNothing", .boolean).notNull()
                t.column("idempotencyKey", .text)
                t.column("idempotencyCaller", .text)
                t.column("idempotencyRoute", .text)
                t.column("fingerprint", .text)
                // 'inFlight', 'resumable' or 'compensated'.
                t.column("state", .text).notNull()
                t.column("startedAt", .integer).notNull()
            }
            try db.create(index: "batches_on_state", on: "batches", columns: ["state", "startedAt"])
            try db.create(
                index: "batches_on_idempotency", on: "batches",
                columns: ["idempotencyKey", "idempotencyCaller", "idempotencyRoute"])
            try db.create(table: "batchItems") { t in
                t.column("batchID", .text).notNull().references("batches", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("email", .text).notNull()
                // 'success' or 'error'.
                t.column("outcome", .text).notNull()
                t.column("invitationID", .text)
                // The BatchItemResult as canonical JSON (its compensated flag lives in its own column).
                t.column("result", .text).notNull()
                t.column("compensated", .boolean)
                t.primaryKey(["batchID", "position"])
            }
        }
        return migrator
    }
}
