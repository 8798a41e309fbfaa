import Foundation
import InvitationCore
import NIOConcurrencyHelpers

/// The in-memory ``InvitationIndex``, lock-protected, so it answers without suspending.
///
/// The gateway's when its state is not kept in a file, and the unit tests' fake; the same answers as
/// ``SQLiteInvitationIndex``.
public final class InMemoryInvitationIndex: SynchronousInvitationIndex {
    private let entries = NIOLockedValueBox<[String: InvitationIndexEntry]>([:])

    /// An empty index.
    public init() {}

    /// Every entry, for tests.
    public var allEntries: [InvitationIndexEntry] { entries.withLockedValue { Array($0.values) } }

    public func recordNow(_ invitations: [Invitation], upstream: String, now: Date) {
        entries.withLockedValue { entries in
            // By index: binding each invitation would copy all of it, where the id and organization are read.
            for index in invitations.indices {
                guard let id = invitations[index].id else { continue }
                Self.record(id, invitations[index].organization, upstream: upstream, now: now, into: &entries)
            }
        }
    }

    /// Reads each invitation's id and organization where the response holds it: no invitation is copied.
    public func recordNow(
        carriedBy response: CanonicalResponse, upstream: String, organization: Organization?, now: Date
    ) {
        entries.withLockedValue { entries in
            response.forEachCarriedInvitation { id, carried in
                guard let id else { return }
                let inherits = organization != nil && carried.isUnidentified
                Self.record(id, inherits ? organization! : carried, upstream: upstream, now: now, into: &entries)
            }
        }
    }

    private static func record(
        _ id: String, _ organization: Organization, upstream: String, now: Date,
        into entries: inout [String: InvitationIndexEntry]
    ) {
        var entry = InvitationIndexEntry(
            invitationID: id, upstream: upstream, organization: organization, recordedAt: now)
        // One hash of the id: the stored entry is read and replaced in place.
        let key = entry.invitationID
        merge(&entry, into: &entries[key])
    }

    /// Stores `entry` in `slot`, keeping the identifiers of the organization recorded before that it does not name.
    private static func merge(_ entry: inout InvitationIndexEntry, into slot: inout InvitationIndexEntry?) {
        if let previous = slot?.organization {
            entry.organization.id = entry.organization.id ?? previous.id
            entry.organization.slug = entry.organization.slug ?? previous.slug
            entry.organization.uuid = entry.organization.uuid ?? previous.uuid
            entry.organization.name = entry.organization.name ?? previous.name
        }
        slot = entry
    }

    public func entryNow(for invitationID: String) -> InvitationIndexEntry? {
        let key = InvitationIndexEntry.normalizedID(invitationID)
        return entries.withLockedValue { $0[key] }
    }

    public func record(_ invitations: [Invitation], upstream: String, now: Date) async throws {
        recordNow(invitations, upstream: upstream, now: now)
    }

    public func entry(for invitationID: String) async throws -> InvitationIndexEntry? {
        entryNow(for: invitationID)
    }

    @discardableResult
    public func forget(recordedBefore date: Date) async throws -> Int {
        entries.withLockedValue { entries in
            let before = entries.count
            entries = entries.filter { $0.value.recordedAt >= date }
            return before - entries.count
        }
    }
}
