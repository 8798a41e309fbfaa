/// A create's input as its compiled request reader fills it (``CreateInvitationsInput/init(canonical:)``'s reads).
extension CreateInvitationsInput: CompiledReadTarget {
    enum Field: Sendable {
        case emails, roles, groups, message, sendEmail
        case organization(CanonicalField.OrganizationField)
        case extensionMember(String)
    }

    init() { self.init(organization: Organization(), emails: []) }

    static func field(at path: CanonicalPath) -> Field? {
        let keys = path.keys
        if keys.count == 2 {
            switch keys[0] {
            case "organization": return CanonicalField.OrganizationField(keys[1]).map(Field.organization)
            case "extensions": return .extensionMember(keys[1])
            default: return nil
            }
        }
        guard keys.count == 1 else { return nil }
        switch keys[0] {
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
        case .organization(let field): field.assign(value, in: &organization)
        case .extensionMember(let key): CanonicalField.extensionMember(value, key: key, in: &extensions)
        }
    }
}
