/// A create's input as a compiled request writer reads it: each field as ``CreateInvitationsInput/canonical`` has it.
extension CreateInvitationsInput: CompiledWriteSource {
    func canonicalValue(of field: Field) -> JSONValue? {
        switch field {
        case .emails, .roles, .groups: canonicalTexts(of: field).map { .array($0.map(JSONValue.string)) }
        case .message: message.map(JSONValue.string)
        case .sendEmail: sendEmail.map(JSONValue.bool)
        case .shared(let shared): shared.canonicalValue(organization: organization, extensions: extensions)
        }
    }

    func canonicalTexts(of field: Field) -> [String]? {
        switch field {
        case .emails: emails  // The canonical form always has the list.
        case .roles: roles.isEmpty ? nil : roles
        case .groups: groups.isEmpty ? nil : groups
        default: nil
        }
    }

    /// One leaf of the canonical form, as a route's coverage sees it: a canonical object holding only that leaf,
    /// and whether an input has it.
    struct Leaf: Sendable {
        let sample: JSONObject
        let isPresent: @Sendable (CreateInvitationsInput) -> Bool
    }

    /// Every leaf the canonical form can have (each top-level member, each organization identifier), one value each:
    /// whether a route's coverage takes a leaf depends only on its path.
    static let leaves: [Leaf] = [
        Leaf(sample: ["organization": ["id": "x"]]) { $0.organization.id != nil },
        Leaf(sample: ["organization": ["slug": "x"]]) { $0.organization.slug != nil },
        Leaf(sample: ["organization": ["uuid": "x"]]) { $0.organization.uuid != nil },
        Leaf(sample: ["organization": ["name": "x"]]) { $0.organization.name != nil },
        Leaf(sample: ["organization": ["logoURL": "x"]]) { $0.organization.logoURL != nil },
        Leaf(sample: ["organization": ["memberCount": .int(1)]]) { $0.organization.memberCount != nil },
        Leaf(sample: ["emails": ["x"]]) { !$0.emails.isEmpty },
        Leaf(sample: ["roles": ["x"]]) { !$0.roles.isEmpty },
        Leaf(sample: ["groups": ["x"]]) { !$0.groups.isEmpty },
        Leaf(sample: ["projectAssignments": [["projectID": "x", "role": "x"]]]) { !$0.projectAssignments.isEmpty },
        Leaf(sample: ["message": "x"]) { $0.message != nil },
        Leaf(sample: ["sendEmail": .bool(true)]) { $0.sendEmail != nil },
        Leaf(sample: ["extensions": ["x": .int(1)]]) { !$0.extensions.isEmpty },
    ]
}
