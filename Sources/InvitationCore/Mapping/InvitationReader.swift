import Foundation

/// A one-invitation answer rule compiled at load into direct reads of an ``Invitation``.
///
/// The interpreter reads an answer into a canonical object, which the typed model then reads again. This reader
/// goes from the answer's JSON to the ``Invitation`` in one walk, with the rules' own scalar checks and
/// conversions (``Rule/readScalar(_:at:_:)``) and the typed model's field conversions.
///
/// It gives the value the interpreter gives, or nil. It is built only for rules whose every feature it reads
/// (``compile(_:)`` is nil otherwise), and it gives up on any answer that is not plain: a missing required field, a
/// null, a violation, an unknown member. The interpreter then reads that answer and reports what is wrong.
struct InvitationReader: Sendable {
    /// A typed field a canonical path lands in.
    enum Field: Sendable, Equatable {
        case id, email, message, link, selfLink, roles, groups, sendEmail, status, createdAt, expiresAt
        case organizationID, organizationSlug, organizationUUID, organizationName, organizationLogoURL
        case inviterID, inviterName, inviterEmail, inviterAvatarURL
        case extensionMember(String)

        init?(_ path: CanonicalPath) {
            switch path.keys {
            case ["id"]: self = .id
            case ["email"]: self = .email
            case ["message"]: self = .message
            case ["link"]: self = .link
            case ["selfLink"]: self = .selfLink
            case ["roles"]: self = .roles
            case ["groups"]: self = .groups
            case ["sendEmail"]: self = .sendEmail
            case ["status"]: self = .status
            case ["createdAt"]: self = .createdAt
            case ["expiresAt"]: self = .expiresAt
            case ["organization", "id"]: self = .organizationID
            case ["organization", "slug"]: self = .organizationSlug
            case ["organization", "uuid"]: self = .organizationUUID
            case ["organization", "name"]: self = .organizationName
            case ["organization", "logoURL"]: self = .organizationLogoURL
            case ["inviter", "id"]: self = .inviterID
            case ["inviter", "name"]: self = .inviterName
            case ["inviter", "email"]: self = .inviterEmail
            case ["inviter", "avatarURL"]: self = .inviterAvatarURL
            default:
                guard path.keys.count == 2, path.keys[0] == "extensions" else { return nil }
                self = .extensionMember(path.keys[1])
            }
        }
    }

    /// One member of the answer object: its rule and the fields its value lands in.
    struct Step: Sendable {
        let name: String
        let rule: Rule
        /// Where a present value goes: the rule's canonical path, then its `sameAs` paths (a leaf's only).
        let targets: [Field]
        /// Where the rule's default goes when the member is absent (the canonical path only, as the interpreter).
        let defaultTarget: Field?
    }

    let steps: [Step]
    /// Whether a member no rule names makes the answer unplain (the rule rejects unknown fields).
    let rejectsUnknown: Bool

    /// The reader for an answer rule, or nil when the rule uses something this reader does not read.
    static func compile(_ rule: Rule) -> InvitationReader? {
        guard case .object(let members) = rule.kind, rule.canonical?.isRoot ?? true, rule.direction != .write,
            rule.constant == nil, rule.atLeastOne.isEmpty, rule.unknownFields != .keep, !rule.carriesExtensions
        else { return nil }
        var steps: [Step] = []
        for member in members {
            let rule = member.rule
            // The interpreter skips these on read.
            if rule.direction == .write || rule.constant != nil { continue }
            var paths: [CanonicalPath] = []
            switch rule.kind {
            case .leaf:
                if let canonical = rule.canonical { paths = [canonical] + rule.sameAs }
            case .array(let items):
                guard case .leaf = items.kind, items.canonical == nil, let canonical = rule.canonical else {
                    return nil
                }
                paths = [canonical]
            case .object, .oneOf:
                return nil
            }
            var targets: [Field] = []
            for path in paths {
                guard let field = Field(path) else { return nil }
                targets.append(field)
            }
            var defaultTarget: Field?
            if rule.defaultValue != nil, let canonical = rule.canonical {
                guard let field = Field(canonical) else { return nil }
                defaultTarget = field
            }
            steps.append(Step(name: member.name, rule: rule, targets: targets, defaultTarget: defaultTarget))
        }
        return InvitationReader(steps: steps, rejectsUnknown: rule.unknownFields == .reject)
    }

    /// The invitation in a plain answer, exactly as the interpreter and the typed model read it; nil otherwise.
    func read(_ value: JSONValue) -> Invitation? {
        guard case .object(let object) = value else { return nil }
        var invitation = Invitation()
        var cursor = 0
        var found = 0
        var context = ReadContext()
        for step in steps {
            let rule = step.rule
            guard let member = object.value(forKey: step.name, from: &cursor) else {
                if rule.required { return nil }
                if let defaultValue = rule.defaultValue, let target = step.defaultTarget {
                    guard Self.assign(defaultValue, to: target, in: &invitation) else { return nil }
                }
                continue
            }
            found += 1
            // A null, read by the interpreter as absent or kept as null, is left to it.
            if member.isNull { return nil }
            let stored: JSONValue
            switch rule.kind {
            case .leaf:
                guard let converted = rule.readScalar(member, at: "", &context), context.violations.isEmpty else {
                    return nil
                }
                stored = rule.form == .first ? .array([converted]) : converted
            case .array(let items):
                guard case .array(let elements) = member else { return nil }
                if let minItems = rule.minItems, elements.count < minItems { return nil }
                if let maxItems = rule.maxItems, elements.count > maxItems { return nil }
                var converted: [JSONValue] = []
                converted.reserveCapacity(elements.count)
                for element in elements {
                    guard !element.isNull, let scalar = items.readScalar(element, at: "", &context),
                        context.violations.isEmpty
                    else { return nil }
                    converted.append(scalar)
                }
                stored = .array(converted)
            case .object, .oneOf:
                return nil
            }
            for target in step.targets {
                guard Self.assign(stored, to: target, in: &invitation) else { return nil }
            }
        }
        if rejectsUnknown, found < object.count { return nil }
        return invitation
    }

    /// Stores a canonical value in its field as the typed model reads it; false when the model would refuse it.
    private static func assign(_ value: JSONValue, to field: Field, in invitation: inout Invitation) -> Bool {
        switch field {
        case .id: return text(value, into: &invitation.id)
        case .email: return text(value, into: &invitation.email)
        case .message: return text(value, into: &invitation.message)
        case .link: return text(value, into: &invitation.link)
        case .selfLink: return text(value, into: &invitation.selfLink)
        case .roles: return texts(value, into: &invitation.roles)
        case .groups: return texts(value, into: &invitation.groups)
        case .sendEmail:
            guard case .bool(let flag) = value else { return false }
            invitation.sendEmail = flag
            return true
        case .status:
            guard case .string(let word) = value, let status = InvitationStatus(rawValue: word) else { return false }
            invitation.status = status
            return true
        case .createdAt: return date(value, into: &invitation.createdAt)
        case .expiresAt: return date(value, into: &invitation.expiresAt)
        case .organizationID: return text(value, into: &invitation.organization.id)
        case .organizationSlug: return text(value, into: &invitation.organization.slug)
        case .organizationUUID: return text(value, into: &invitation.organization.uuid)
        case .organizationName: return text(value, into: &invitation.organization.name)
        case .organizationLogoURL: return text(value, into: &invitation.organization.logoURL)
        case .inviterID: return inviterText(value, \.id, in: &invitation)
        case .inviterName: return inviterText(value, \.name, in: &invitation)
        case .inviterEmail: return inviterText(value, \.email, in: &invitation)
        case .inviterAvatarURL: return inviterText(value, \.avatarURL, in: &invitation)
        case .extensionMember(let key):
            // An object onto an object is merged by the interpreter: left to it.
            if case .object = value, case .object? = invitation.extensions[key] { return false }
            invitation.extensions[key] = value
            return true
        }
    }

    private static func text(_ value: JSONValue, into field: inout String?) -> Bool {
        guard case .string(let text) = value else { return false }
        field = text
        return true
    }

    private static func texts(_ value: JSONValue, into field: inout [String]) -> Bool {
        guard case .array(let elements) = value else { return false }
        var texts: [String] = []
        texts.reserveCapacity(elements.count)
        for element in elements {
            guard case .string(let text) = element else { return false }
            texts.append(text)
        }
        field = texts
        return true
    }

    private static func date(_ value: JSONValue, into field: inout Date?) -> Bool {
        guard case .string(let text) = value, let millis = Timestamp.epochMilliseconds(rfc3339: text) else {
            return false
        }
        field = Date(timeIntervalSince1970: Double(millis) / 1000)
        return true
    }

    private static func inviterText(
        _ value: JSONValue, _ keyPath: WritableKeyPath<Inviter, String?>, in invitation: inout Invitation
    ) -> Bool {
        guard case .string(let text) = value else { return false }
        var inviter = invitation.inviter ?? Inviter()
        inviter[keyPath: keyPath] = text
        invitation.inviter = inviter
        return true
    }
}
