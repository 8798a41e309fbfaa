/// A typed value a ``CompiledWriter`` reads field by field: each field's value as the value's canonical form has it.
protocol CompiledWriteSource: Sendable {
    /// A field a canonical path names.
    associatedtype Field: Sendable
    /// The field for a canonical path, or nil when the writer cannot read it (the rule is then not compiled).
    static func field(at path: CanonicalPath) -> Field?
    /// The value at the field's path in ``CanonicalJSONRepresentable/canonical``, nil where that leaves it out.
    func canonicalValue(of field: Field) -> JSONValue?
    /// For a field whose canonical value is a list of texts, the texts (nil where ``canonicalValue(of:)`` is nil);
    /// nil for any other field. Lets a writer read a list without building its canonical value.
    func canonicalTexts(of field: Field) -> [String]?
}

extension CompiledWriteSource {
    func canonicalTexts(of field: Field) -> [String]? { nil }
}

/// An object rule compiled at load into direct writes from a typed value to JSON bytes.
///
/// The interpreter makes the typed value canonical, writes the dialect's value from that with the rules, and then
/// writes the value as bytes. This writer reads each member's fields from the typed value and writes the member's
/// bytes at once, with the rules' own scalar conversions (``Rule/writeScalar(_:at:_:)``). Its bytes are the
/// interpreter's. It is built only for rules whose every feature it writes (``compile(_:)`` is nil otherwise): leaves,
/// lists of leaves, constants, and alternatives (`oneOf`) whose fields are all absent, where the interpreter's answer
/// for an empty source is known at load. On an alternative's field that is present it gives up, and the interpreter
/// writes.
struct CompiledWriter<Source: CompiledWriteSource>: Sendable {
    /// How a rule's value is found in the source, decided at load.
    enum Value: Sendable {
        /// The same value for every source: a constant, or what an absent field writes.
        case fixed(JSONValue?)
        /// A leaf: the first present field, converted by the rule.
        case scalar(rule: Rule, sources: [Source.Field])
        /// A list of leaves: each element converted by the item rule.
        case scalars(rule: Rule, items: Rule, source: Source.Field)
        /// Written as `value` when every field is absent; otherwise the writer gives up.
        case whenAbsent([Source.Field], value: JSONValue?)
    }

    /// What a ``Value`` gives for one source.
    enum Outcome {
        /// The value written (nil: the member is left out).
        case written(JSONValue?)
        /// Not plain: left to the interpreter.
        case gaveUp
    }

    /// One member of the object: its name as written (`"name":`), how its value is found, and whether the dialect
    /// needs it (a required member left out is reported by the interpreter).
    ///
    /// A class: steps are read on every write, and a copy of a step's value is several references.
    final class Step: Sendable {
        let prefix: [UInt8]
        let value: Value
        let required: Bool

        init(prefix: [UInt8], value: Value, required: Bool) {
            self.prefix = prefix
            self.value = value
            self.required = required
        }
    }

    let steps: [Step]

    /// The writer for an object rule at the root of what it writes, or nil when a member uses what it does not write.
    static func compile(_ rule: Rule) -> CompiledWriter? {
        guard case .object(let members) = rule.kind, rule.canonical?.isRoot ?? true, rule.direction != .read,
            rule.constant == nil, !rule.carriesExtensions
        else { return nil }
        var steps: [Step] = []
        for member in members {
            let rule = member.rule
            // The interpreter writes nothing for these.
            if rule.direction == .read { continue }
            guard let value = value(of: rule) else { return nil }
            var prefix = JSONWriter(reservingCapacity: member.name.utf8.count + 3)
            prefix.write(string: member.name)
            prefix.append(byte: UInt8(ascii: ":"))
            steps.append(Step(prefix: prefix.bytes, value: value, required: rule.required))
        }
        return CompiledWriter(steps: steps)
    }

    /// How a rule's value is found, or nil when the rule uses what the writer does not write.
    static func value(of rule: Rule) -> Value? {
        if rule.direction == .read { return .fixed(nil) }
        if let constant = rule.constant { return .fixed(constant) }
        switch rule.kind {
        case .leaf:
            guard rule.canonical != nil else { return .fixed(rule.absentValue) }
            guard let sources = fields(rule.writeSources) else { return nil }
            return .scalar(rule: rule, sources: sources)
        case .array(let items):
            guard case .leaf = items.kind, items.canonical == nil else { return nil }
            guard let path = rule.canonical else { return .fixed(rule.absentValue) }
            guard let source = Source.field(at: path) else { return nil }
            return .scalars(rule: rule, items: items, source: source)
        case .oneOf(let alternatives):
            var paths: [CanonicalPath] = []
            for alternative in alternatives {
                guard case .leaf = alternative.kind else { return nil }
                paths += alternative.writeSources
            }
            guard let sources = fields(paths) else { return nil }
            // What the interpreter writes when none of the alternatives' fields is present.
            var context = WriteContext()
            let value = rule.write(from: JSONObject(), at: "", &context)
            return .whenAbsent(sources, value: value)
        case .object:
            return nil
        }
    }

    private static func fields(_ paths: [CanonicalPath]) -> [Source.Field]? {
        var fields: [Source.Field] = []
        for path in paths {
            guard let field = Source.field(at: path) else { return nil }
            fields.append(field)
        }
        return fields
    }

    /// Writes the object for `source`, as ``Rule/write(from:at:_:)`` and ``JSONWriter`` would write it from the
    /// source's canonical form; false (with `writer` partly written) when it gives up.
    func write(_ source: Source, into writer: inout JSONWriter, _ context: inout WriteContext) -> Bool {
        writer.append(byte: UInt8(ascii: "{"))
        var first = true
        for step in steps {
            if case .scalars(_, let items, let field) = step.value, let texts = source.canonicalTexts(of: field) {
                // A list of texts written element by element, with no list built on either side.
                if !first { writer.append(byte: UInt8(ascii: ",")) }
                first = false
                writer.append(bytes: step.prefix)
                writer.append(byte: UInt8(ascii: "["))
                var written = 0
                for text in texts {
                    guard let scalar = items.writeScalar(.string(text), at: "", &context) else { continue }
                    if written > 0 { writer.append(byte: UInt8(ascii: ",")) }
                    writer.write(scalar)
                    written += 1
                }
                writer.append(byte: UInt8(ascii: "]"))
                continue
            }
            guard case .written(let value) = Self.evaluate(step, of: source, &context) else {
                return false
            }
            guard let value else {
                if step.required { return false }
                continue
            }
            if !first { writer.append(byte: UInt8(ascii: ",")) }
            first = false
            writer.append(bytes: step.prefix)
            writer.write(value)
        }
        writer.append(byte: UInt8(ascii: "}"))
        return true
    }

    /// One value for `source`, as ``Rule/write(from:at:_:)`` finds and converts it.
    ///
    /// Inlined: called with a batch item as its source, it copied the item's error for every member written.
    @inline(__always)
    static func evaluate(_ value: Value, of source: Source, _ context: inout WriteContext) -> Outcome {
        switch value {
        case .fixed(let fixed):
            return .written(fixed)
        case .scalar(let rule, let sources):
            return .written(scalar(rule, sources, of: source, &context))
        case .scalars(let rule, let items, let field):
            guard case .array(let elements)? = source.canonicalValue(of: field) else {
                return .written(rule.absentValue)
            }
            var written: [JSONValue] = []
            written.reserveCapacity(elements.count)
            for element in elements {
                if let scalar = items.writeScalar(element, at: "", &context) { written.append(scalar) }
            }
            return .written(.array(written))
        case .whenAbsent(let fields, let absent):
            for field in fields where source.canonicalValue(of: field) != nil { return .gaveUp }
            return .written(absent)
        }
    }

    /// ``evaluate(_:of:_:)-(Value,_,_)`` for a step: given the step, not its value, which read out of the step for the
    /// call was a copy (its rule and fields retained) on every member written.
    @inline(__always)
    static func evaluate(_ step: Step, of source: Source, _ context: inout WriteContext) -> Outcome {
        evaluate(step.value, of: source, &context)
    }

    /// A leaf's value, as ``Rule/write(from:at:_:)`` finds and converts it.
    private static func scalar(
        _ rule: Rule, _ sources: [Source.Field], of source: Source, _ context: inout WriteContext
    ) -> JSONValue? {
        var found: JSONValue?
        for field in sources {
            if rule.form == .first, let texts = source.canonicalTexts(of: field) {
                // The first of a list of texts, without building the list.
                return first(texts.first.map(JSONValue.string), of: texts.count, rule, &context)
            }
            if let value = source.canonicalValue(of: field), !value.isNull || rule.valueType == .any {
                found = value
                break
            }
        }
        guard let value = found else { return rule.absentValue }
        if rule.form == .first, case .array(let elements) = value {
            return first(elements.first, of: elements.count, rule, &context)
        }
        return rule.writeScalar(value, at: "", &context)
    }

    /// What a one-value (`form: first`) rule writes of a list: its first element, with a loss for the rest.
    private static func first(
        _ element: JSONValue?, of count: Int, _ rule: Rule, _ context: inout WriteContext
    ) -> JSONValue? {
        guard let element else { return rule.nullable ? .null : nil }
        if count > 1 { context.loss("", "carries one value; \(count - 1) more would be lost") }
        return rule.writeScalar(element, at: "", &context)
    }
}

/// A batch create's answer rule compiled at load: an object whose one member lists the results, each written by a
/// ``CompiledWriter`` of ``BatchItemResult``.
struct CompiledBatchWriter: Sendable {
    let prefix: [UInt8]
    let item: CompiledWriter<BatchItemResult>

    /// The writer for `{member: [item, …]}` over the canonical `results`, or nil for any other rule.
    static func compile(_ rule: Rule) -> CompiledBatchWriter? {
        guard case .object(let members) = rule.kind, rule.canonical?.isRoot ?? true, rule.direction != .read,
            rule.constant == nil, !rule.carriesExtensions, members.count == 1, case let member = members[0],
            member.rule.direction != .read, member.rule.constant == nil,
            member.rule.canonical == CanonicalPath("results"),
            case .array(let items) = member.rule.kind, case .object = items.kind, items.canonical?.isRoot ?? true,
            items.direction != .read, items.constant == nil, let item = CompiledWriter<BatchItemResult>.compile(items)
        else { return nil }
        var prefix = JSONWriter(reservingCapacity: member.name.utf8.count + 4)
        prefix.append(byte: UInt8(ascii: "{"))
        prefix.write(string: member.name)
        prefix.append(byte: UInt8(ascii: ":"))
        return CompiledBatchWriter(prefix: prefix.bytes, item: item)
    }

    /// The answer's bytes for results without errors (an error is written in the envelope's words: interpreted);
    /// nil when it gives up.
    func write(_ output: CreateInvitationsOutput) -> [UInt8]? {
        var writer = JSONWriter(reservingCapacity: 64 + 128 * output.results.count)
        writer.append(bytes: prefix)
        writer.append(byte: UInt8(ascii: "["))
        var context = WriteContext()
        // Results are borrowed from the array's buffer: a `for in`, or the array's subscript, copies each (a whole
        // invitation). The error is matched, not compared: `error == nil` copied it into `Optional.==`.
        let written = output.results.withUnsafeBufferPointer { results in
            for index in results.indices {
                guard case .none = results[index].error else { return false }
                if index > 0 { writer.append(byte: UInt8(ascii: ",")) }
                guard item.write(results[index], into: &writer, &context) else { return false }
            }
            return true
        }
        guard written else { return nil }
        writer.append(bytes: [UInt8(ascii: "]"), UInt8(ascii: "}")])
        return writer.bytes
    }
}
