import Foundation
import InvitationCore
import PropertyBased

/// Generators of canonical values: emails, role words, uuids, RFC 3339 times with milliseconds, and whole
/// invitations and create inputs with optional fields left out at random.
enum CanonicalGen {
    /// `local@label.tld` addresses, lower-case letters and digits.
    static let email = zip(
        Gen.lowercaseLetter.string(of: 1...10), Gen.letterOrNumber.string(of: 0...4),
        Gen.lowercaseLetter.string(of: 2...10), Gen.element(of: ["com", "org", "io", "dev"])
    ).map { (first: String, rest: String, domain: String, tld: String?) in "\(first)\(rest)@\(domain).\(tld ?? "com")" }

    /// Role words every dialect's vocabulary has.
    static let sharedRole = Gen.element(of: ["owner", "admin", "member"]).map { $0 ?? "member" }

    /// Free-form group names (k0rdent's `groups`).
    static let group = Gen.lowercaseLetter.string(of: 3...12).map { "team-\($0)" }

    /// Version-4-shaped uuids, lower-case.
    static let uuid = Gen.element(of: Array("0123456789abcdef")).array(of: 32).map { digits in
        let hex = String(digits.map { $0 ?? "0" })
        let parts = [
            hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4),
            hex.dropFirst(20),
        ]
        return parts.joined(separator: "-")
    }

    /// Instants between 1970 and 2100 at millisecond precision, as canonical RFC 3339 text.
    static let time = Gen.int64(in: 0...4_102_444_800_000).map { Timestamp.rfc3339(epochMilliseconds: $0) }

    /// Organization identifiers: a name-like id (also the slug, as in inkeep) and sometimes a uuid.
    static let organization = zip(
        Gen.lowercaseLetter.string(of: 3...10), uuid.optional, Gen.letter.string(of: 3...12).optional
    )
    .map { (id: String, uuid: String?, name: String?) in
        Organization(id: "org-\(id)", slug: "org-\(id)", uuid: uuid, name: name.map { "\($0) Inc" })
    }

    /// Messages of up to 500 characters, including non-ASCII text.
    static let message = Gen.element(of: ["Welcome aboard!", "Bienvenue 👋", "Join us — 欢迎", "Hi"]).map { $0 ?? "Hi" }

    /// Create inputs with one email (every dialect can take those), one or two roles (the second is more
    /// than a one-role dialect can say) and optional groups, message and flag.
    static let createInput = zip(
        organization, email, sharedRole.array(of: 1...2), group.array(of: 0...2), message.optional, Gen.bool.optional
    ).map {
        (
            organization: Organization, email: String, roles: [String], groups: [String], message: String?,
            sendEmail: Bool?
        ) in
        CreateInvitationsInput(
            organization: organization, emails: [email], roles: roles, groups: groups, message: message,
            sendEmail: sendEmail)
    }

    /// Invitations as an upstream answers them, each field present or not.
    static let invitation = zip(
        zip(uuid, organization, email, sharedRole, group.array(of: 0...2)),
        zip(Gen<InvitationStatus>.case.optional, time.optional, time.optional, Gen.bool.optional)
    ).map {
        (first: (String, Organization, String, String, [String]), second: (InvitationStatus?, String?, String?, Bool?))
        in
        let (id, organization, email, role, groups) = first
        let (status, created, expires, sendEmail) = second
        func date(_ text: String?) -> Date? {
            text.flatMap(Timestamp.epochMilliseconds(rfc3339:)).map { Date(timeIntervalSince1970: Double($0) / 1000) }
        }
        return Invitation(
            id: id, organization: organization, email: email, roles: [role], groups: groups, sendEmail: sendEmail,
            status: status, createdAt: date(created), expiresAt: date(expires))
    }
}
