import Foundation
import InvitationCore

/// The in-memory ``InvitationIndex`` fake for unit tests: the same answers as ``SQLiteInvitationIndex``.
public actor InMemoryInvitationIndex: InvitationIndex {
    private var entries: [String: InvitationIndexEntry] = [:]

    /// An empty index.
    public init() {}

    /// Every entry, for tests.
    public var allEntries: [InvitationIndexEntry] { Array(entries.values) }

    public func record(_ invitations: [Invitation], upstream: String, now: Date) async throws {
        for invitation in invitations {
            guard let id = invitation.id else { continue }
            var entry = InvitationIndexEntry(
                invitationID: id, upstream: upstream, organization: invitation.organization, recordedAt: now)
            if let previous = entries[entry.invitationID]?.organization {
                entry.organization.id = entry.organization.id ?? previous.id
                entry.organization.slug = entry.organization.slug ?? previous.slug
                entry.organization.uuid = entry.organization.uuid ?? previous.uuid
                entry.organization.name = entry.organization.name ?? previous.name
            }
            entries[entry.invitationID] = entry
        }
    }

    public func entry(for invitationID: String) async throws -> InvitationIndexEntry? {
        entries[InvitationIndexEntry.normalizedID(invitationID)]
    }

    @discardableResult
    public func forget(recordedBefore date: Date) async throws -> Int {
        let before = entries.count
        entries = entries.filter { $0.value.recordedAt >= date }
        return before - entries.count
    }
}
