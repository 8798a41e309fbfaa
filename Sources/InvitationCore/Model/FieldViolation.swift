/// One reason a request was refused, tied to where in the request it was found.
public struct FieldViolation: Sendable, Hashable {
    /// Where: `body.emails[3]`, `path.id`, `query.accept`.
    public var location: String
    /// What is wrong, for a person.
    public var message: String
    /// A machine-readable kind (`missing`, `type`, `format`, `too_long`, `unknown_field`, …).
    public var type: String

    public init(location: String, message: String, type: String) {
        self.location = location
        self.message = message
        self.type = type
    }

    /// The location split into path elements (`["body", "emails", 3]`), as FastAPI-style `loc` arrays have it.
    public var locationElements: [JSONValue] {
        var elements: [JSONValue] = []
        var current = ""
        var index = location.startIndex
        func flush() {
            if !current.isEmpty { elements.append(.string(current)) }
            current = ""
        }
        while index < location.endIndex {
            let character = location[index]
            if character == "." {
                flush()
            } else if character == "[" {
                flush()
                let close = location[index...].firstIndex(of: "]") ?? location.endIndex
                let inner = String(location[location.index(after: index)..<close])
                elements.append(Int(inner).map(JSONValue.int) ?? .string(inner))
                index = close == location.endIndex ? close : location.index(after: close)
                continue
            } else {
                current.append(character)
            }
            index = location.index(after: index)
        }
        flush()
        return elements
    }

    /// Joins `loc`-style elements back into a location string.
    public static func location(fromElements elements: [JSONValue]) -> String {
        var text = ""
        for element in elements {
            switch element {
            case .int(let i): text += "[\(i)]"
            case .string(let s): text += text.isEmpty ? s : ".\(s)"
            default: text += text.isEmpty ? element.jsonText : ".\(element.jsonText)"
            }
        }
        return text
    }
}
