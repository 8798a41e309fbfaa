import Foundation
import InvitationCore

/// Where one invitation lives: the upstream that created or returned it, and its organization's identifiers.
public struct InvitationIndexEntry: Sendable, Hashable {
    /// The invitation id as the index keys it (see ``InvitationIndexEntry/normalizedID(_:)``).
    public var invitationID: String
    /// The configured upstream name (`upstreams[i].name`).
    public var upstream: String
    /// The organization's identifiers as last seen (id, slug, uuid, name; nothing else is kept).
    public var organization: Organization
    public var recordedAt: Date

    public init(invitationID: String, upstream: String, organization: Organization = Organization(), recordedAt: Date) {
        self.invitationID = Self.normalizedID(invitationID)
        self.upstream = upstream
        self.organization = Organization(
            id: organization.id, slug: organization.slug, uuid: organization.uuid, name: organization.name)
        self.recordedAt = recordedAt
    }

    /// The id as indexed: a UUID in lowercase (dialects differ in case), any other id exactly as given.
    public static func normalizedID(_ id: String) -> String {
        guard id.utf8.count == 36 else { return id }
        var text = id
        return text.withUTF8(isUppercaseUUID) ? id.lowercased() : id
    }

    /// Whether `bytes` are a UUID's text with an uppercase hex digit.
    private static func isUppercaseUUID(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let dash = UInt8(ascii: "-")
        guard bytes.count == 36, bytes[8] == dash, bytes[13] == dash, bytes[18] == dash, bytes[23] == dash else {
            return false
        }
        var hasUppercase = false
        for offset in 0..<36 where offset != 8 && offset != 13 && offset != 18 && offset != 23 {
            // Wrapping differences: one comparison a range (`0`-`9`, `a`-`f`, `A`-`F`).
            let byte = bytes[offset]
            if byte &- UInt8(ascii: "0") < 10 || byte &- UInt8(ascii: "a") < 6 { continue }
            guard byte &- UInt8(ascii: "A") < 6 else { return false }
            hasUppercase = true
        }
        return hasUppercase
    }
}
