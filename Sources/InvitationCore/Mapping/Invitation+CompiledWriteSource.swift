/// An invitation as a compiled answer writer reads it: each field as ``Invitation/canonical`` has it.
extension Invitation: CompiledWriteSource {
    func canonicalValue(of field: Field) -> JSONValue? {
        switch field {
        case .id: id.map(JSONValue.string)
        case .email: email.map(JSONValue.string)
        case .message: message.map(JSONValue.string)
        case .link: link.map(JSONValue.string)
        case .selfLink: selfLink.map(JSONValue.string)
        case .roles, .groups: canonicalTexts(of: field).map { .array($0.map(JSONValue.string)) }
        case .sendEmail: sendEmail.map(JSONValue.bool)
        case .status: status.map { .string($0.rawValue) }
        case .createdAt: createdAt.map(CanonicalBuilder.canonical)
        case .expiresAt: expiresAt.map(CanonicalBuilder.canonical)
        case .inviterID: inviter?.id.map(JSONValue.string)
        case .inviterName: inviter?.name.map(JSONValue.string)
        case .inviterEmail: inviter?.email.map(JSONValue.string)
        case .inviterAvatarURL: inviter?.avatarURL.map(JSONValue.string)
        case .shared(let shared): shared.canonicalValue(organization: organization, extensions: extensions)
        }
    }

    func canonicalTexts(of field: Field) -> [String]? {
        switch field {
        case .roles: roles.isEmpty ? nil : roles
        case .groups: groups.isEmpty ? nil : groups
        default: nil
        }
    }
}

extension CanonicalField.Shared {
    /// The value below `organization` or `extensions` in a canonical form.
    ///
    /// A canonical form leaves an unidentified organization out, but its identifiers are then all absent anyway.
    func canonicalValue(organization: Organization, extensions: JSONObject) -> JSONValue? {
        switch self {
        case .organization(let field): field.value(in: organization).map(JSONValue.string)
        case .extensionMember(let key): extensions[key]
        }
    }
}

extension CanonicalField.OrganizationField {
    /// This field of an organization.
    func value(in organization: Organization) -> String? {
        switch self {
        case .id: organization.id
        case .slug: organization.slug
        case .uuid: organization.uuid
        case .name: organization.name
        case .logoURL: organization.logoURL
        }
    }
}
