/// The shape of the canonical JSON form, used at load to check every `canonical:` path in a mapping file.
public indirect enum CanonicalSchema: Sendable {
    case scalar
    case list(CanonicalSchema)
    case object([String: CanonicalSchema])
    /// Anything goes below here (extensions, passthrough).
    case any

    static let organization = CanonicalSchema.object([
        "id": .scalar, "slug": .scalar, "uuid": .scalar, "name": .scalar, "logoURL": .scalar, "memberCount": .scalar,
    ])
    static let inviter = CanonicalSchema.object([
        "id": .scalar, "name": .scalar, "email": .scalar, "avatarURL": .scalar,
    ])
    static let projectAssignment = CanonicalSchema.object(["projectID": .scalar, "role": .scalar])
    static let invitation = CanonicalSchema.object([
        "id": .scalar, "organization": organization, "email": .scalar, "roles": .list(.scalar),
        "groups": .list(.scalar), "projectAssignments": .list(projectAssignment), "message": .scalar,
        "sendEmail": .scalar, "inviter": inviter, "status": .scalar, "createdAt": .scalar, "expiresAt": .scalar,
        "link": .scalar, "selfLink": .scalar, "extensions": .any,
    ])
    static let fieldViolation = CanonicalSchema.object(["location": .scalar, "message": .scalar, "type": .scalar])

    /// The error as an envelope rule sees it: the canonical error plus values derived for rendering.
    public static let errorView = CanonicalSchema.object([
        "status": .scalar, "code": .scalar, "dialectCode": .scalar, "message": .scalar, "safeMessage": .scalar,
        "title": .scalar, "instance": .scalar, "requestID": .scalar, "retryAfter": .scalar,
        "fieldViolations": .list(fieldViolation),
    ])
    static let batchItem = CanonicalSchema.object([
        "email": .scalar, "outcome": .scalar, "invitation": invitation, "error": errorView, "compensated": .scalar,
    ])
    static let page = CanonicalSchema.object(["invitations": .list(invitation), "nextPageToken": .scalar])

    /// The canonical input of an operation.
    public static func request(_ operation: OperationName) -> CanonicalSchema {
        switch operation {
        case .createInvitations:
            .object([
                "organization": organization, "emails": .list(.scalar), "roles": .list(.scalar),
                "groups": .list(.scalar), "projectAssignments": .list(projectAssignment), "message": .scalar,
                "sendEmail": .scalar, "extensions": .any,
            ])
        case .getInvitation: .object(["invitationID": .scalar, "organization": organization, "email": .scalar])
        case .listInvitations:
            .object(["organization": organization, "status": .scalar, "pageToken": .scalar, "pageSize": .scalar])
        case .listMyInvitations: .object(["email": .scalar, "status": .scalar])
        case .respondToInvitation: .object(["invitationID": .scalar, "accept": .scalar])
        case .revokeInvitation: .object(["invitationID": .scalar, "organization": organization])
        }
    }

    /// The canonical result of an operation (`single` creates answer with one invitation).
    public static func response(_ operation: OperationName, single: Bool) -> CanonicalSchema {
        switch operation {
        case .createInvitations: single ? invitation : .object(["results": .list(batchItem)])
        case .getInvitation: invitation
        case .listInvitations, .listMyInvitations: page
        case .respondToInvitation:
            .object(["accepted": .scalar, "organization": organization, "invitation": invitation])
        case .revokeInvitation: .object(["invitation": invitation])
        }
    }

    /// The schema at `path` below this one, or nil when the path names nothing.
    func resolve(_ path: CanonicalPath) -> CanonicalSchema? {
        var current = self
        for key in path.keys {
            switch current {
            case .any: return .any
            case .object(let members):
                guard let next = members[key] else { return nil }
                current = next
            default: return nil
            }
        }
        return current
    }

    /// The member names, for messages.
    var memberNames: [String] {
        if case .object(let members) = self { return members.keys.sorted() }
        return []
    }
}
