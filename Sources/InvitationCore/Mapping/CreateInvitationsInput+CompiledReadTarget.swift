import Foundation

/// A create's input as its compiled request reader fills it (``CreateInvitationsInput/init(canonical:)``'s reads).
extension CreateInvitationsInput: CompiledReadTarget {
    enum Field: Sendable {
        case emails, roles, groups, message, sendEmail
        case shared(CanonicalField.Shared)
    }

    /// Field by field, as ``Invitation``'s: the memberwise initializer's defaults cost a copy of the whole input.
    @inline(__always)
    init() {
        organization = Organization()
        emails = []
        roles = []
        groups = []
        projectAssignments = []
        message = nil
        sendEmail = nil
        extensions = JSONObject()
    }

    static func field(at path: CanonicalPath) -> Field? {
        if let shared = CanonicalField.Shared(path) { return .shared(shared) }
        guard path.keys.count == 1 else { return nil }
        switch path.keys[0] {
        case "emails": return .emails
        case "roles": return .roles
        case "groups": return .groups
        case "message": return .message
        case "sendEmail": return .sendEmail
        default: return nil
        }
    }

    mutating func assign(_ value: JSONValue, to field: Field) -> Bool {
        switch field {
        case .emails: CanonicalField.texts(value, into: &emails)
        case .roles: CanonicalField.texts(value, into: &roles)
        case .groups: CanonicalField.texts(value, into: &groups)
        case .message: CanonicalField.text(value, into: &message)
        case .sendEmail: CanonicalField.flag(value, into: &sendEmail)
        case .shared(let shared): shared.assign(value, organization: &organization, extensions: &extensions)
        }
    }

    mutating func assign(texts: [String], to field: Field) -> Bool {
        switch field {
        case .emails: emails = texts
        case .roles: roles = texts
        case .groups: groups = texts
        case .message, .sendEmail, .shared: return false
        }
        return true
    }

    /// A create input holds no date.
    mutating func assign(date: Date, to field: Field) -> Bool { false }
}
