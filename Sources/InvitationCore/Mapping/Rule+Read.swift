/// State of one read (dialect → canonical): the violations found so far.
struct ReadContext {
    var violations: [FieldViolation] = []
    /// Whether dialect scalars arrive as text (path and query parameters) and are converted by type.
    var textual = false

    mutating func violation(_ location: String, _ message: String, _ type: String) {
        violations.append(FieldViolation(location: location, message: message, type: type))
    }
}

extension Rule {
    /// Reads a dialect value (nil when absent) into the canonical context object.
    func read(
        _ value: JSONValue?, into target: inout JSONObject, at location: @autoclosure () -> String,
        _ context: inout ReadContext
    ) {
        if direction == .write || constant != nil { return }
        guard let value, !value.isNull || valueType == .any else {
            if required {
                context.violation(location(), value == nil ? "is required" : "must not be null", "missing")
            } else if let defaultValue, let path = canonical {
                path.set(defaultValue, in: &target)
            }
            return
        }
        switch kind {
        case .leaf:
            guard let converted = readScalar(value, at: location(), &context), let path = canonical else { return }
            let stored = form == .first ? JSONValue.array([converted]) : converted
            path.set(stored, in: &target)
            for alias in sameAs { alias.set(stored, in: &target) }
        case .object(let members):
            guard case .object(let object) = value else {
                context.violation(location(), "expected an object, got \(value.typeName)", "type")
                return
            }
            if let path = canonical, !path.isRoot {
                var sub = path.value(in: target)?.objectValue ?? JSONObject()
                readMembers(members, of: object, into: &sub, at: location(), &context)
                if !sub.isEmpty { path.set(.object(sub), in: &target) }
            } else {
                readMembers(members, of: object, into: &target, at: location(), &context)
            }
        case .array(let items):
            guard case .array(let elements) = value else {
                context.violation(location(), "expected an array, got \(value.typeName)", "type")
                return
            }
            if let minItems, elements.count < minItems {
                context.violation(
                    location(), "needs at least \(minItems) item\(minItems == 1 ? "" : "s"), got \(elements.count)",
                    "too_short")
            }
            if let maxItems, elements.count > maxItems {
                context.violation(location(), "takes at most \(maxItems) items, got \(elements.count)", "too_long")
                return
            }
            var converted: [JSONValue] = []
            converted.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                if case .leaf = items.kind, items.canonical == nil {
                    if element.isNull {
                        context.violation("\(location())[\(index)]", "must not be null", "type")
                    } else if let scalar = items.readScalar(element, at: "\(location())[\(index)]", &context) {
                        converted.append(scalar)
                    }
                } else {
                    var elementObject = JSONObject()
                    items.read(element, into: &elementObject, at: "\(location())[\(index)]", &context)
                    converted.append(.object(elementObject))
                }
            }
            if let path = canonical { path.set(.array(converted), in: &target) }
        case .oneOf(let alternatives):
            guard let chosen = alternatives.first(where: { $0.direction != .write && $0.fits(value) }) else {
                context.violation(location(), "has an unexpected type \(value.typeName)", "type")
                return
            }
            chosen.read(value, into: &target, at: location(), &context)
        }
    }

    /// Reads an object's members by their rules, then applies the object's own checks.
    func readMembers(
        _ members: [Member], of object: JSONObject, into target: inout JSONObject,
        at location: @autoclosure () -> String,
        _ context: inout ReadContext
    ) {
        var cursor = 0
        var found = 0
        for member in members {
            let value = object.value(forKey: member.name, from: &cursor)
            if value != nil { found += 1 }
            member.rule.read(value, into: &target, at: Self.join(location(), member.name), &context)
        }
        if !atLeastOne.isEmpty {
            let present = atLeastOne.contains { name in
                guard let value = object[name] else { return false }
                if case .array(let a) = value { return !a.isEmpty }
                return !value.isNull
            }
            if !present {
                context.violation(location(), "needs at least one of \(atLeastOne.joined(separator: ", "))", "missing")
            }
        }
        // Member names are unique in a rule and keys in an object: when every key was found, none is unknown.
        guard unknownFields != .ignore, found < object.count else { return }
        for member in object.members where !members.contains(where: { $0.name == member.key }) {
            switch unknownFields {
            case .reject:
                context.violation(Self.join(location(), member.key), "is not a known field", "unknown_field")
            case .keep:
                CanonicalPath(keys: ["extensions", member.key]).set(member.value, in: &target)
            case .ignore:
                break
            }
        }
    }

    static func join(_ location: String, _ name: String) -> String { location.isEmpty ? name : "\(location).\(name)" }

    /// Whether a text read by this rule is a date-time kept as it is: ``readScalar(_:at:_:)`` only checks a string
    /// against RFC 3339 and gives it back unchanged.
    var readsDateTimeAsIs: Bool { readsStringAsIs(format: .dateTime) }

    /// Whether a string read by this rule is kept as it is: ``readScalar(_:at:_:)`` gives a string back unchanged, with
    /// nothing to check (no format, vocabulary or length).
    var readsTextAsIs: Bool { readsStringAsIs(format: nil) }

    /// Whether ``readScalar(_:at:_:)`` gives a string back unchanged, checking it against `format` at most.
    private func readsStringAsIs(format expected: Format?) -> Bool {
        guard case .leaf = kind, form == .same, valueType == .string || valueType == .any, format == expected else {
            return false
        }
        return vocabulary == nil && minLength == nil && maxLength == nil
    }

    /// Checks and converts one scalar; nil (with a violation) when it does not fit.
    func readScalar(_ raw: JSONValue, at location: @autoclosure () -> String, _ context: inout ReadContext)
        -> JSONValue?
    {
        var value = raw
        if context.textual, case .string(let text) = raw {
            switch valueType {
            case .int:
                guard let i = Int(text) else {
                    context.violation(location(), "expected an integer, got \"\(text)\"", "type")
                    return nil
                }
                value = .int(i)
            case .bool:
                guard text == "true" || text == "false" else {
                    context.violation(location(), "expected true or false, got \"\(text)\"", "type")
                    return nil
                }
                value = .bool(text == "true")
            default: break
            }
        }
        switch (valueType, value) {
        case (.any, _), (.string, .string), (.bool, .bool), (.int, .int), (.number, .int), (.number, .double): break
        case (.int, .double(let d)) where d.rounded() == d && abs(d) < 9e15: value = .int(Int(d))
        case (.string, .array) where format == .locationPath: break
        default:
            let expected =
                valueType == .int ? "an integer" : valueType == .bool ? "a boolean" : "a \(valueType.rawValue)"
            context.violation(location(), "expected \(expected), got \(value.typeName)", "type")
            return nil
        }
        if case .int(let number) = value {
            if let minimum, number < minimum {
                context.violation(location(), "must be at least \(minimum), got \(number)", "too_small")
                return nil
            }
            if let maximum, number > maximum {
                context.violation(location(), "must be at most \(maximum), got \(number)", "too_large")
                return nil
            }
        }
        if case .string(let text) = value, minLength != nil || (maxLength.map { text.utf8.count > $0 } ?? false) {
            // Lengths count Unicode scalars (as JSON Schema and Python do); UTF-8 bytes bound them from above.
            let length = text.unicodeScalars.count
            if let minLength, length < minLength {
                context.violation(location(), "must be at least \(minLength) characters", "too_short")
                return nil
            }
            if let maxLength, length > maxLength {
                context.violation(location(), "must be at most \(maxLength) characters, got \(length)", "too_long")
                return nil
            }
        }
        if let format {
            switch (format, value) {
            case (.email, .string(let text)):
                guard EmailAddress.isValid(text) else {
                    context.violation(location(), "is not a valid email address", "format")
                    return nil
                }
            case (.uuid, .string(let text)):
                guard UUIDText.isValid(text) else {
                    context.violation(location(), "is not a valid UUID", "format")
                    return nil
                }
            case (.dateTime, .string(let text)):
                guard Timestamp.isRFC3339(text) else {
                    context.violation(location(), "is not an RFC 3339 date-time", "format")
                    return nil
                }
            case (.epochMilliseconds, .int(let millis)):
                value = .string(Timestamp.rfc3339(epochMilliseconds: Int64(millis)))
            case (.epochMilliseconds, .string(let text)) where Int64(text) != nil:
                value = .string(Timestamp.rfc3339(epochMilliseconds: Int64(text)!))
            case (.locationPath, .array(let elements)):
                value = .string(FieldViolation.location(fromElements: elements))
            case (.locationPath, .string):
                break
            default:
                context.violation(location(), "is not in the \(format.rawValue) format", "format")
                return nil
            }
        }
        if let vocabulary {
            if case .bool(let flag) = value { value = .string(flag ? "true" : "false") }
            guard case .string(let word) = value else { return value }
            guard let canonicalWord = vocabulary.canonical(for: word) else {
                let allowed = vocabulary.dialectWords.map { "\"\($0)\"" }.joined(separator: ", ")
                context.violation(location(), "must be one of \(allowed), got \"\(word)\"", "enum")
                return nil
            }
            value = .string(canonicalWord)
        }
        return value
    }
}
