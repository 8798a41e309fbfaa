import InvitationCore

/// Writes JSON with two-space indentation, keeping member order, for golden files a person can review.
enum PrettyJSON {
    /// The indented text of a value, ending with a newline.
    static func text(_ value: JSONValue) -> String {
        var out = ""
        write(value, indent: "", into: &out)
        return out + "\n"
    }

    private static func write(_ value: JSONValue, indent: String, into out: inout String) {
        let inner = indent + "  "
        switch value {
        case .array(let elements) where !elements.isEmpty:
            out += "[\n"
            for (offset, element) in elements.enumerated() {
                out += inner
                write(element, indent: inner, into: &out)
                out += offset == elements.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let object) where !object.isEmpty:
            out += "{\n"
            for (offset, member) in object.members.enumerated() {
                out += inner + JSONValue.string(member.key).jsonText + ": "
                write(member.value, indent: inner, into: &out)
                out += offset == object.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        default:
            out += value.jsonText
        }
    }
}
