import Foundation

/// A typed value a ``CompiledReader`` fills field by field, converting each canonical value as the typed model's
/// own reading of its canonical form would (``CanonicalJSONRepresentable/init(canonical:)``).
protocol CompiledReadTarget: Sendable {
    /// A field a canonical path lands in.
    associatedtype Field: Sendable
    /// The value with no field read.
    init()
    /// The field for a canonical path, or nil when the reader does not fill it (the rule is then not compiled).
    static func field(at path: CanonicalPath) -> Field?
    /// Stores a canonical value in its field; false when the typed model would refuse it.
    mutating func assign(_ value: JSONValue, to field: Field) -> Bool
}

/// A route's read rules compiled at load into direct reads of a typed value.
///
/// The interpreter reads a dialect value into a canonical object, which the typed model then reads again. This
/// reader goes from the dialect's JSON to the typed value in one walk, with the rules' own scalar checks and
/// conversions (``Rule/readScalar(_:at:_:)``) and the typed model's field conversions.
///
/// It gives the value the interpreter gives, or nil. It is built only for rules whose every feature it reads
/// (``compile(body:pathParameters:)`` is nil otherwise), and it gives up on any input that is not plain: a missing
/// required field, a null, a violation, an unknown member, a member it does not read. The interpreter then reads
/// that input and reports what is wrong.
struct CompiledReader<Target: CompiledReadTarget>: Sendable {
    /// One member of the body object, or one path parameter: its rule and the fields its value lands in.
    ///
    /// A class: steps are read on every request, and a copy of a step's parts is several references.
    final class Step: Sendable {
        let name: String
        let rule: Rule
        /// Where a present value goes: the rule's canonical path, then its `sameAs` paths (a leaf's only).
        let targets: [Target.Field]
        /// Where the rule's default goes when the member is absent (the canonical path only, as the interpreter).
        let defaultTarget: Target.Field?
        /// A member whose rule the reader does not read: the input is left to the interpreter when it is present.
        let isUnread: Bool

        init(name: String, rule: Rule, targets: [Target.Field], defaultTarget: Target.Field?, isUnread: Bool) {
            self.name = name
            self.rule = rule
            self.targets = targets
            self.defaultTarget = defaultTarget
            self.isUnread = isUnread
        }
    }

    let pathSteps: [Step]
    let bodySteps: [Step]
    /// The body object's `atLeastOne` member names.
    let atLeastOne: [String]
    /// Whether a member no rule names makes the input unplain (the rule rejects unknown fields).
    let rejectsUnknown: Bool

    /// The reader for a body rule (and a route's path parameters), or nil when a rule uses something it does not
    /// read.
    static func compile(body rule: Rule, pathParameters: [Rule.Member] = []) -> CompiledReader? {
        guard case .object(let members) = rule.kind, rule.canonical?.isRoot ?? true, rule.direction != .write,
            rule.constant == nil, rule.unknownFields != .keep, !rule.carriesExtensions,
            let pathSteps = steps(pathParameters, allowsUnread: false),
            let bodySteps = steps(members, allowsUnread: true)
        else { return nil }
        return CompiledReader(
            pathSteps: pathSteps, bodySteps: bodySteps, atLeastOne: rule.atLeastOne,
            rejectsUnknown: rule.unknownFields == .reject)
    }

    private static func steps(_ members: [Rule.Member], allowsUnread: Bool) -> [Step]? {
        var steps: [Step] = []
        for member in members {
            let rule = member.rule
            // The interpreter skips these on read.
            if rule.direction == .write || rule.constant != nil { continue }
            var paths: [CanonicalPath] = []
            let isUnread: Bool
            switch rule.kind {
            case .leaf:
                isUnread = false
                if let canonical = rule.canonical { paths = [canonical] + rule.sameAs }
            case .array(let items):
                if case .leaf = items.kind, items.canonical == nil {
                    isUnread = false
                    if let canonical = rule.canonical { paths = [canonical] }
                } else {
                    isUnread = true
                }
            case .object, .oneOf:
                isUnread = true
            }
            var targets: [Target.Field] = []
            for path in paths {
                guard let field = Target.field(at: path) else { return nil }
                targets.append(field)
            }
            // An unread member with a default would need the default read: not compiled.
            if isUnread && (!allowsUnread || rule.defaultValue != nil) { return nil }
            var defaultTarget: Target.Field?
            if rule.defaultValue != nil, let canonical = rule.canonical {
                guard let field = Target.field(at: canonical) else { return nil }
                defaultTarget = field
            }
            steps.append(
                Step(
                    name: member.name, rule: rule, targets: targets, defaultTarget: defaultTarget, isUnread: isUnread))
        }
        return steps
    }

    /// The typed value of a plain input, exactly as the interpreter and the typed model read it; nil otherwise.
    func read(body: JSONValue?, pathParameters: [String: String] = [:]) -> Target? {
        var target = Target()
        return read(body: body, pathParameters: pathParameters, into: &target) ? target : nil
    }

    /// ``read(body:pathParameters:)`` into `target`, made with `Target()` by the caller (a large value is then not
    /// copied out of an optional); false when the input is not plain (`target` then holds part of it).
    func read(body: JSONValue?, pathParameters: [String: String] = [:], into target: inout Target) -> Bool {
        guard case .object(let object) = body else { return false }
        var context = ReadContext()
        if !pathSteps.isEmpty {
            context.textual = true
            // Steps are borrowed from their array by index: a `for step in` loop copies each one (several
            // references).
            for index in pathSteps.indices {
                let value = pathParameters[pathSteps[index].name].map(JSONValue.string)
                guard read(value, pathSteps[index], into: &target, &context) else {
                    return false
                }
            }
            context.textual = false
        }
        var cursor = 0
        var found = 0
        for index in bodySteps.indices {
            let member = object.value(forKey: bodySteps[index].name, from: &cursor)
            if member != nil { found += 1 }
            guard read(member, bodySteps[index], into: &target, &context) else { return false }
        }
        if !atLeastOne.isEmpty {
            let present = atLeastOne.contains { name in
                guard let value = object[name] else { return false }
                if case .array(let elements) = value { return !elements.isEmpty }
                return !value.isNull
            }
            if !present { return false }
        }
        if rejectsUnknown, found < object.count { return false }
        return true
    }

    /// One step, as ``Rule/read(_:into:at:_:)`` does it; false when the input is not plain.
    private func read(
        _ value: JSONValue?, _ step: Step, into target: inout Target, _ context: inout ReadContext
    )
        -> Bool
    {
        let rule = step.rule
        guard let value else {
            if rule.required { return false }
            if let defaultValue = rule.defaultValue, let field = step.defaultTarget {
                return target.assign(defaultValue, to: field)
            }
            return true
        }
        // A null (read by the interpreter as absent, or kept as null) and a member not read: left to it.
        if value.isNull || step.isUnread { return false }
        let stored: JSONValue
        switch rule.kind {
        case .leaf:
            guard let converted = rule.readScalar(value, at: "", &context), context.violations.isEmpty else {
                return false
            }
            stored = rule.form == .first ? .array([converted]) : converted
        case .array(let items):
            guard case .array(let elements) = value else { return false }
            if let minItems = rule.minItems, elements.count < minItems { return false }
            if let maxItems = rule.maxItems, elements.count > maxItems { return false }
            var converted: [JSONValue] = []
            converted.reserveCapacity(elements.count)
            for element in elements {
                guard !element.isNull, let scalar = items.readScalar(element, at: "", &context),
                    context.violations.isEmpty
                else { return false }
                converted.append(scalar)
            }
            stored = .array(converted)
        case .object, .oneOf:
            return false
        }
        for field in step.targets where !target.assign(stored, to: field) { return false }
        return true
    }
}

/// The typed model's conversions of canonical values, for ``CompiledReadTarget/assign(_:to:)``.
enum CanonicalField {
    /// A string field: text only.
    static func text(_ value: JSONValue, into field: inout String?) -> Bool {
        guard case .string(let text) = value else { return false }
        field = text
        return true
    }

    /// A string-list field: an array of texts only.
    static func texts(_ value: JSONValue, into field: inout [String]) -> Bool {
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

    /// A boolean field.
    static func flag(_ value: JSONValue, into field: inout Bool?) -> Bool {
        guard case .bool(let flag) = value else { return false }
        field = flag
        return true
    }

    /// A date field: RFC 3339 text, read to the millisecond.
    static func date(_ value: JSONValue, into field: inout Date?) -> Bool {
        guard case .string(let text) = value, let date = CanonicalReader.date(rfc3339: text) else { return false }
        field = date
        return true
    }

    /// A field below `organization` or `extensions`, which invitations and create inputs both have.
    enum Shared: Sendable {
        case organization(OrganizationField)
        case extensionMember(String)

        init?(_ path: CanonicalPath) {
            guard path.keys.count == 2 else { return nil }
            switch path.keys[0] {
            case "organization":
                guard let field = OrganizationField(path.keys[1]) else { return nil }
                self = .organization(field)
            case "extensions": self = .extensionMember(path.keys[1])
            default: return nil
            }
        }

        func assign(_ value: JSONValue, organization: inout Organization, extensions: inout JSONObject) -> Bool {
            switch self {
            case .organization(let field): return field.assign(value, in: &organization)
            case .extensionMember(let key):
                // An object onto an object is merged by the interpreter: left to it.
                if case .object = value, case .object? = extensions[key] { return false }
                extensions[key] = value
                return true
            }
        }
    }

    /// An organization's text field, named by the key below `organization`.
    enum OrganizationField: Sendable {
        case id, slug, uuid, name, logoURL

        init?(_ key: String) {
            switch key {
            case "id": self = .id
            case "slug": self = .slug
            case "uuid": self = .uuid
            case "name": self = .name
            case "logoURL": self = .logoURL
            default: return nil
            }
        }

        func assign(_ value: JSONValue, in organization: inout Organization) -> Bool {
            switch self {
            case .id: text(value, into: &organization.id)
            case .slug: text(value, into: &organization.slug)
            case .uuid: text(value, into: &organization.uuid)
            case .name: text(value, into: &organization.name)
            case .logoURL: text(value, into: &organization.logoURL)
            }
        }
    }
}
