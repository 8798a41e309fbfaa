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
    /// Stores a list of texts as it is, where ``assign(_:to:)`` would store the same list given as a canonical
    /// value; false, storing nothing, when the field does not hold a list of texts.
    mutating func assign(texts: [String], to field: Field) -> Bool
    /// Stores a date, where ``assign(_:to:)`` would store the same date given as its canonical RFC 3339 text;
    /// false, storing nothing, when the field does not hold a date.
    mutating func assign(date: Date, to field: Field) -> Bool
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
        /// `name`'s UTF-8, which a body's member names are compared with.
        let nameBytes: [UInt8]
        let rule: Rule
        /// Where a present value goes: the rule's canonical path, then its `sameAs` paths (a leaf's only).
        let targets: [Target.Field]
        /// Where the rule's default goes when the member is absent (the canonical path only, as the interpreter).
        let defaultTarget: Target.Field?
        /// A member whose rule the reader does not read: the input is left to the interpreter when it is present.
        let isUnread: Bool
        /// Whether every target holds a list of texts: a list of texts (or a first-of form's one text) is then
        /// stored as texts, with no canonical list between.
        let storesTexts: Bool
        /// Whether the rule takes a date-time text as it is and every target holds a date: a plain date-time text
        /// is then read from its bytes into a date, with no string between and parsed once.
        let storesDate: Bool
        /// Whether the rule keeps a string as it is: a string is then read straight from its bytes, with no value
        /// between and nothing to check.
        let readsText: Bool

        init(name: String, rule: Rule, targets: [Target.Field], defaultTarget: Target.Field?, isUnread: Bool) {
            self.name = name
            self.nameBytes = Array(name.utf8)
            self.rule = rule
            self.targets = targets
            self.defaultTarget = defaultTarget
            self.isUnread = isUnread
            // Asked of an empty value once, at load: the fields that take texts are those `assign(texts:to:)` takes.
            self.storesTexts =
                !targets.isEmpty
                && targets.allSatisfy { field in
                    var probe = Target()
                    return probe.assign(texts: [], to: field)
                }
            self.storesDate =
                !targets.isEmpty && rule.readsDateTimeAsIs
                && targets.allSatisfy { field in
                    var probe = Target()
                    return probe.assign(date: Date(timeIntervalSince1970: 0), to: field)
                }
            self.readsText = !targets.isEmpty && rule.readsTextAsIs
        }
    }

    /// A member's value as the walk over a body found it: a list of nothing but strings is kept as its texts, a
    /// plain date-time text for a step that stores a date as its epoch milliseconds, and a string for a step that
    /// keeps strings as they are as its text.
    enum Scanned {
        case json(JSONValue)
        case texts([String])
        case date(epochMilliseconds: Int64)
        case text(String)

        var isNull: Bool {
            if case .json(let value) = self { return value.isNull }
            return false
        }
    }

    let pathSteps: [Step]
    let bodySteps: [Step]
    /// The body steps of the object's `atLeastOne` member names.
    let atLeastOne: [Int]
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
        var atLeastOne: [Int] = []
        for name in rule.atLeastOne {
            // A name with no step (a member the interpreter skips on read) is not read.
            guard let step = bodySteps.firstIndex(where: { $0.name == name }) else { return nil }
            atLeastOne.append(step)
        }
        return CompiledReader(
            pathSteps: pathSteps, bodySteps: bodySteps, atLeastOne: atLeastOne,
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

    /// The typed value of a plain body (its JSON bytes), exactly as the interpreter and the typed model read it; nil
    /// otherwise.
    func read(json body: [UInt8], pathParameters: [String: String] = [:]) -> Target? {
        var target = Target()
        return read(json: body, pathParameters: pathParameters, into: &target) ? target : nil
    }

    /// ``read(json:pathParameters:)`` into `target`, made with `Target()` by the caller (a large value is then not
    /// copied out of an optional); false when the input is not plain (`target` then holds part of it).
    ///
    /// The body is read straight from its bytes: no tree is built, and of its members only those a step reads are
    /// made values. Anything the parser would refuse, or that takes more than a plain walk to tell apart (a member
    /// name with an escape or a non-ASCII byte, a body that is not an object), is not plain.
    func read(json body: [UInt8], pathParameters: [String: String] = [:], into target: inout Target) -> Bool {
        var context = ReadContext()
        if !pathSteps.isEmpty {
            context.textual = true
            // Steps are borrowed from their array by index: a `for step in` loop copies each one (several
            // references).
            for index in pathSteps.indices {
                let value = pathParameters[pathSteps[index].name].map { Scanned.json(.string($0)) }
                guard read(value, pathSteps[index], into: &target, &context) else {
                    return false
                }
            }
            context.textual = false
        }
        return withUnsafeTemporaryAllocation(of: Scanned?.self, capacity: bodySteps.count) { values in
            values.initialize(repeating: nil)
            defer { values.deinitialize() }
            let scanned = body.withUnsafeBufferPointer { bytes in members(of: bytes, into: values) }
            guard scanned else { return false }
            if !atLeastOne.isEmpty {
                let present = atLeastOne.contains { step in
                    switch values[step] {
                    case nil: false
                    case .texts(let texts): !texts.isEmpty
                    case .date, .text: true
                    case .json(.array(let elements)): !elements.isEmpty
                    case .json(let value): !value.isNull
                    }
                }
                if !present { return false }
            }
            for index in bodySteps.indices {
                // Taken, not copied: a list of texts is then changed in place, not copied on its first change.
                guard read(values[index].take(), bodySteps[index], into: &target, &context) else { return false }
            }
            return true
        }
    }

    /// The values of the members the body steps name, each at its step's index, from a document that must be one
    /// object; false when the document is not one the parser accepts, or not plain.
    private func members(of bytes: UnsafeBufferPointer<UInt8>, into values: UnsafeMutableBufferPointer<Scanned?>)
        -> Bool
    {
        // Names no step reads, told apart as the parser tells member names apart (a duplicate is refused).
        withUnsafeTemporaryAllocation(of: UnsafeBufferPointer<UInt8>.self, capacity: Self.skippedLimit) { skipped in
            var skippedCount = 0
            var reader = JSONParser.Reader(bytes)
            reader.skipWhitespace()
            guard reader.index < bytes.count, bytes[reader.index] == UInt8(ascii: "{") else { return false }
            let walked = try? reader.members { reader throws(JSONParseError) in
                guard let name = reader.plainString() else { return false }
                try reader.nameSeparator()
                if let step = step(named: name) {
                    guard values[step] == nil else { return false }
                    values[step] = try scan(&reader, for: bodySteps[step])
                } else {
                    guard !rejectsUnknown, skippedCount < Self.skippedLimit,
                        !skipped[..<skippedCount].contains(where: { Self.same($0, name) })
                    else { return false }
                    try reader.skipValue()
                    skipped[skippedCount] = name
                    skippedCount += 1
                }
                return true
            }
            guard walked == true else { return false }
            reader.skipWhitespace()
            return reader.index == bytes.count
        }
    }

    /// Whether a list of `count` items is within an array rule's `minItems` and `maxItems`.
    private static func fitsItemCount(_ count: Int, of rule: Rule) -> Bool {
        if let minItems = rule.minItems, count < minItems { return false }
        if let maxItems = rule.maxItems, count > maxItems { return false }
        return true
    }

    /// A member's value, a list of strings as texts when the step stores texts, a plain date-time text as its epoch
    /// milliseconds when the step stores a date, a string as its text when the step keeps strings as they are.
    private func scan(_ reader: inout JSONParser.Reader, for step: Step) throws(JSONParseError) -> Scanned {
        if step.storesTexts, case .array = step.rule.kind, let texts = try reader.texts() { return .texts(texts) }
        let atString = reader.index < reader.bytes.count && reader.bytes[reader.index] == UInt8(ascii: "\"")
        if step.storesDate, atString {
            // Anything else (an escape, a text that is not a date-time) is read as a value, and checked as one.
            let start = reader.index
            if let text = reader.plainString(), let millis = Timestamp.epochMilliseconds(utf8: text) {
                return .date(epochMilliseconds: millis)
            }
            reader.index = start
        }
        if step.readsText, atString {
            // The parser's own string read: an escape or invalid UTF-8 is handled or refused as in a value.
            return .text(try reader.string())
        }
        return .json(try reader.value())
    }

    /// The most members no step reads that a plain body may have.
    private static var skippedLimit: Int { 16 }

    /// The body step a member name is read by.
    private func step(named name: UnsafeBufferPointer<UInt8>) -> Int? {
        for index in bodySteps.indices
        where bodySteps[index].nameBytes.withUnsafeBufferPointer({ Self.same($0, name) }) {
            return index
        }
        return nil
    }

    private static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let first = a.baseAddress, let second = b.baseAddress else { return true }
        return memcmp(first, second, a.count) == 0
    }

    /// One step, as ``Rule/read(_:into:at:_:)`` does it; false when the input is not plain.
    private func read(
        _ value: consuming Scanned?, _ step: Step, into target: inout Target, _ context: inout ReadContext
    )
        -> Bool
    {
        let rule = step.rule
        guard let value = consume value else {
            if rule.required { return false }
            if let defaultValue = rule.defaultValue, let field = step.defaultTarget {
                return target.assign(defaultValue, to: field)
            }
            return true
        }
        // A null (read by the interpreter as absent, or kept as null) and a member not read: left to it.
        if value.isNull || step.isUnread { return false }
        let stored: JSONValue
        switch (rule.kind, value) {
        case (.leaf, .json(let value)):
            guard let converted = rule.readScalar(value, at: "", &context), context.violations.isEmpty else {
                return false
            }
            guard rule.form == .first else {
                stored = converted
                break
            }
            if step.storesTexts {
                // A text field refuses anything else, as the typed model would.
                guard case .string(let text) = converted else { return false }
                for field in step.targets where !target.assign(texts: [text], to: field) { return false }
                return true
            }
            stored = .array([converted])
        case (.array(let items), .texts(var texts)):
            // Only a step that stores texts is scanned as texts.
            guard Self.fitsItemCount(texts.count, of: rule) else { return false }
            for index in texts.indices {
                guard let scalar = items.readScalar(.string(texts[index]), at: "", &context),
                    context.violations.isEmpty, case .string(let text) = scalar
                else { return false }
                texts[index] = text
            }
            for field in step.targets where !target.assign(texts: texts, to: field) { return false }
            return true
        case (.array(let items), .json(let value)):
            guard case .array(let elements) = value, Self.fitsItemCount(elements.count, of: rule) else { return false }
            var converted: [JSONValue] = []
            converted.reserveCapacity(elements.count)
            for element in elements {
                guard !element.isNull, let scalar = items.readScalar(element, at: "", &context),
                    context.violations.isEmpty
                else { return false }
                converted.append(scalar)
            }
            stored = .array(converted)
        case (.leaf, .date(let millis)):
            // Only a step that stores a date is scanned as one.
            let date = CanonicalReader.date(epochMilliseconds: millis)
            for field in step.targets where !target.assign(date: date, to: field) { return false }
            return true
        case (.leaf, .text(let text)):
            // Only a step whose rule keeps strings as they are is scanned as one: `readScalar` would give it back.
            let value = JSONValue.string(text)
            for field in step.targets where !target.assign(value, to: field) { return false }
            return true
        case (.leaf, .texts), (.object, _), (.oneOf, _), (.array, .date), (.array, .text):
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
