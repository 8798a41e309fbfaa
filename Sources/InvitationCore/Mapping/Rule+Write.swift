/// State of one write (canonical → dialect): what the dialect could not carry.
struct WriteContext {
    /// Canonical values the dialect has no way to say (a second role where it takes one, a word outside its vocabulary).
    var losses: [FieldViolation] = []

    mutating func loss(_ location: String, _ message: String) {
        losses.append(FieldViolation(location: location, message: message, type: "not_representable"))
    }
}

extension Rule {
    /// Writes the dialect value for a canonical context object; nil when there is nothing to write.
    func write(from source: JSONObject, at location: @autoclosure () -> String, _ context: inout WriteContext)
        -> JSONValue?
    {
        if direction == .read { return nil }
        if let constant { return constant }
        switch kind {
        case .leaf:
            guard canonical != nil, let value = firstWritableValue(in: source) else { return absentValue }
            if form == .first {
                guard case .array(let elements) = value else { return writeScalar(value, at: location(), &context) }
                guard let first = elements.first else { return nullable ? .null : nil }
                if elements.count > 1 {
                    context.loss(location(), "carries one value; \(elements.count - 1) more would be lost")
                }
                return writeScalar(first, at: location(), &context)
            }
            return writeScalar(value, at: location(), &context)
        case .object(let members):
            let inner: JSONObject
            if let path = canonical, !path.isRoot {
                guard case .object(let object)? = path.value(in: source) else { return nullable ? .null : nil }
                inner = object
            } else {
                inner = source
            }
            var out = JSONObject(minimumCapacity: members.count)
            for member in members {
                if let value = member.rule.write(from: inner, at: Self.join(location(), member.name), &context) {
                    out[member.name] = value
                }
            }
            if carriesExtensions, case .object(let extensions)? = inner["extensions"] {
                for member in extensions.members where out[member.key] == nil { out[member.key] = member.value }
            }
            if out.isEmpty, canonical == nil, !required, !location().isEmpty, !location().hasSuffix("]") { return nil }
            return .object(out)
        case .array(let items):
            guard let path = canonical, case .array(let elements)? = path.value(in: source) else {
                return absentValue
            }
            var out: [JSONValue] = []
            out.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                if case .leaf = items.kind, items.canonical == nil {
                    if let value = items.writeScalar(element, at: "\(location())[\(index)]", &context) {
                        out.append(value)
                    }
                } else if case .object(let object) = element,
                    let value = items.write(from: object, at: "\(location())[\(index)]", &context)
                {
                    out.append(value)
                }
            }
            return .array(out)
        case .oneOf(let alternatives):
            for alternative in alternatives where alternative.direction != .read {
                if alternative.holds(in: source) { return alternative.write(from: source, at: location(), &context) }
            }
            return nil
        }
    }

    /// The first value among ``writeSources`` that is present (and not null, unless the type is `any`).
    private func firstWritableValue(in source: JSONObject) -> JSONValue? {
        for path in writeSources {
            if let value = path.value(in: source), !value.isNull || valueType == .any { return value }
        }
        return nil
    }

    /// What an absent canonical value is written as: the rule's default, `null` when nullable, else nothing.
    ///
    /// (Spelled out: `JSONValue` takes `nil` literals, so `defaultValue ?? nil` would write `null`.)
    var absentValue: JSONValue? {
        if let defaultValue { return defaultValue }
        return nullable ? JSONValue.null : Optional<JSONValue>.none
    }

    /// Whether a `oneOf` alternative's condition holds for the canonical context.
    func holds(in source: JSONObject) -> Bool {
        guard let condition else { return true }
        guard let value = canonical.flatMap({ $0.value(in: source) }), !value.isNull else { return false }
        switch condition {
        case .present: return true
        case .nonEmpty:
            switch value {
            case .array(let a): return !a.isEmpty
            case .string(let s): return !s.isEmpty
            case .object(let o): return !o.isEmpty
            default: return true
            }
        }
    }

    /// Converts one canonical scalar to the dialect's word and format.
    func writeScalar(_ raw: JSONValue, at location: @autoclosure () -> String, _ context: inout WriteContext)
        -> JSONValue?
    {
        var value = raw
        if let vocabulary, case .string(let word) = value {
            guard let dialectWord = vocabulary.dialect(for: word) else {
                context.loss(
                    location(), "\"\(word)\" has no equivalent in this dialect's \(vocabulary.name) vocabulary")
                return nil
            }
            value = .string(dialectWord)
            if valueType == .bool, dialectWord == "true" || dialectWord == "false" {
                value = .bool(dialectWord == "true")
            }
        }
        switch (format, value) {
        case (.uuid?, .string(let text)) where !UUIDText.isValid(text),
            (.email?, .string(let text)) where !EmailAddress.isValid(text):
            // The dialect would refuse it: not sent, reported instead.
            context.loss(location(), "\"\(text)\" is not in the \(format!.rawValue) format this dialect requires")
            return nil
        case (.epochMilliseconds?, .string(let text)):
            if let millis = Timestamp.epochMilliseconds(rfc3339: text) { value = .int(Int(millis)) }
        case (.locationPath?, .string(let text)):
            value = .array(FieldViolation(location: text, message: "", type: "").locationElements)
        default:
            break
        }
        if let truncate, case .string(let text) = value, text.count > truncate {
            value = .string(String(text.prefix(truncate)))
        }
        return value
    }
}
