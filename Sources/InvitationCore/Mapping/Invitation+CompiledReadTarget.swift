import Foundation

/// An invitation as a one-email create's compiled answer reader fills it (``Invitation/init(canonical:)``'s reads).
extension Invitation: CompiledReadTarget {
    enum Field: Sendable {
        case id, email, message, link, selfLink, roles, groups, sendEmail, status, createdAt, expiresAt
        case inviterID, inviterName, inviterEmail, inviterAvatarURL
        case shared(CanonicalField.Shared)
    }

    /// Field by field: through the memberwise initializer's defaults the optimizer built a whole invitation and
    /// copied it (about a thousand instructions an answer).
    @inline(__always)
    init() {
        id = nil
        organization = Organization()
        email = nil
        roles = []
        groups = []
        projectAssignments = []
        message = nil
        sendEmail = nil
        inviter = nil
        status = nil
        createdAt = nil
        expiresAt = nil
        link = nil
        selfLink = nil
        extensions = JSONObject()
    }

    static func field(at path: CanonicalPath) -> Field? {
        if let shared = CanonicalField.Shared(path) { return .shared(shared) }
        let keys = path.keys
        if keys.count == 2, keys[0] == "inviter" {
            switch keys[1] {
            case "id": return .inviterID
            case "name": return .inviterName
            case "email": return .inviterEmail
            case "avatarURL": return .inviterAvatarURL
            default: return nil
            }
        }
        guard keys.count == 1 else { return nil }
        switch keys[0] {
        case "id": return .id
        case "email": return .email
        case "message": return .message
        case "link": return .link
        case "selfLink": return .selfLink
        case "roles": return .roles
        case "groups": return .groups
        case "sendEmail": return .sendEmail
        case "status": return .status
        case "createdAt": return .createdAt
        case "expiresAt": return .expiresAt
        default: return nil
        }
    }

    mutating func assign(_ value: JSONValue, to field: Field) -> Bool {
        switch field {
        case .id: return CanonicalField.text(value, into: &id)
        case .email: return CanonicalField.text(value, into: &email)
        case .message: return CanonicalField.text(value, into: &message)
        case .link: return CanonicalField.text(value, into: &link)
        case .selfLink: return CanonicalField.text(value, into: &selfLink)
        case .roles: return CanonicalField.texts(value, into: &roles)
        case .groups: return CanonicalField.texts(value, into: &groups)
        case .sendEmail: return CanonicalField.flag(value, into: &sendEmail)
        case .status:
            guard case .string(let word) = value, let status = InvitationStatus(rawValue: word) else { return false }
            self.status = status
            return true
        case .createdAt: return CanonicalField.date(value, into: &createdAt)
        case .expiresAt: return CanonicalField.date(value, into: &expiresAt)
        case .inviterID: return assignInviter(value) { $0.id = $1 }
        case .inviterName: return assignInviter(value) { $0.name = $1 }
        case .inviterEmail: return assignInviter(value) { $0.email = $1 }
        case .inviterAvatarURL: return assignInviter(value) { $0.avatarURL = $1 }
        case .shared(let shared): return shared.assign(value, organization: &organization, extensions: &extensions)
        }
    }

    mutating func assign(texts: [String], to field: Field) -> Bool {
        switch field {
        case .roles: roles = texts
        case .groups: groups = texts
        default: return false
        }
        return true
    }

    mutating func assign(date: Date, to field: Field) -> Bool {
        switch field {
        case .createdAt: createdAt = date
        case .expiresAt: expiresAt = date
        default: return false
        }
        return true
    }

    /// An inviter's text field; the inviter exists once any of its fields is read, as in the canonical form.
    private mutating func assignInviter(_ value: JSONValue, _ store: (inout Inviter, String) -> Void) -> Bool {
        guard case .string(let text) = value else { return false }
        var inviter = self.inviter ?? Inviter()
        store(&inviter, text)
        self.inviter = inviter
        return true
    }
}
