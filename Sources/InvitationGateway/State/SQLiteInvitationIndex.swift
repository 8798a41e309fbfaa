import Foundation
import GRDB
import InvitationCore

/// The SQLite ``InvitationIndex``: one row per invitation id; survives a restart when the state is a file.
///
/// Usually opened by ``GatewayState``; open one alone with ``init(storage:)``.
public final class SQLiteInvitationIndex: InvitationIndex {
    let writer: any DatabaseWriter

    /// Opens (creating and migrating) its own database.
    public convenience init(storage: GatewayStateStorage = .inMemory) throws {
        self.init(writer: try storage.openMigratedWriter())
    }

    /// Uses an already migrated database.
    init(writer: any DatabaseWriter) { self.writer = writer }

    public func record(_ invitations: [Invitation], upstream: String, now: Date) async throws {
        let entries = invitations.compactMap { invitation in
            invitation.id.map {
                InvitationIndexEntry(
                    invitationID: $0, upstream: upstream, organization: invitation.organization, recordedAt: now)
            }
        }
        guard !entries.isEmpty else { return }
        try await writer.write { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO invitationIndex (invitationID, upstream, organizationID, organizationSlug,
                    organizationUUID, organizationName, recordedAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(invitationID) DO UPDATE SET upstream = excluded.upstream,
                    organizationID = coalesce(excluded.organizationID, organizationID),
                    organizationSlug = coalesce(excluded.organizationSlug, organizationSlug),
                    organizationUUID = coalesce(excluded.organizationUUID, organizationUUID),
                    organizationName = coalesce(excluded.organizationName, organizationName),
                    recordedAt = excluded.recordedAt
                    """)
            for entry in entries {
                try statement.execute(arguments: [
                    entry.invitationID, entry.upstream, entry.organization.id, entry.organization.slug,
                    entry.organization.uuid, entry.organization.name, entry.recordedAt.millisecondsSince1970,
                ])
            }
        }
    }

    public func entry(for invitationID: String) async throws -> InvitationIndexEntry? {
        let id = InvitationIndexEntry.normalizedID(invitationID)
        return try await writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM invitationIndex WHERE invitationID = ?", arguments: [id])
            else { return nil }
            return InvitationIndexEntry(
                invitationID: row["invitationID"], upstream: row["upstream"],
                organization: Organization(
                    id: row["organizationID"], slug: row["organizationSlug"], uuid: row["organizationUUID"],
                    name: row["organizationName"]),
                recordedAt: Date(millisecondsSince1970: row["recordedAt"]))
        }
    }

    @discardableResult
    public func forget(recordedBefore date: Date) async throws -> Int {
        let cutoff = date.millisecondsSince1970
        return try await writer.write { db in
            try db.execute(sql: "DELETE FROM invitationIndex WHERE recordedAt < ?", arguments: [cutoff])
            return db.changesCount
        }
    }
}
