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
                // Matched, not compared: `organization != nil` copied it into `Optional.==` three times.
                if carried.isUnidentified, case .some(let inherited) = organization {
                    Self.record(id, inherited, upstream: upstream, now: now, into: &entries)
                } else {
                    Self.record(id, carried, upstream: upstream, now: now, into: &entries)
                }
            }
        }
    }

    private static func record(
        _ id: String, _ organization: Organization, upstream: String, now: Date,
        into entries: inout [String: InvitationIndexEntry]
    ) {
        let entry = InvitationIndexEntry(
            invitationID: id, upstream: upstream, organization: organization, recordedAt: now)
        // One hash of the id: the stored entry is read and replaced in place.
        let key = entry.invitationID
        merge(entry, into: &entries[key])
    }

    /// Stores `entry` in `slot`, keeping the identifiers of the organization recorded before that it does not name.
    ///
    /// `entry` is consumed and the previous identifiers read one by one, where they are needed: an inout entry was
    /// copied into the slot, and the previous organization copied whole.
    private static func merge(_ entry: consuming InvitationIndexEntry, into slot: inout InvitationIndexEntry?) {
        if case .some = slot {
            if entry.organization.id == nil { entry.organization.id = slot?.organization.id }
            if entry.organization.slug == nil { entry.organization.slug = slot?.organization.slug }
            if entry.organization.uuid == nil { entry.organization.uuid = slot?.organization.uuid }
            if entry.organization.name == nil { entry.organization.name = slot?.organization.name }
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
