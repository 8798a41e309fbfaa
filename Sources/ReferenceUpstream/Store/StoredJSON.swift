import InvitationCore

/// The JSON text kept in the store's JSON columns (roles, groups, project assignments, extensions).
enum StoredJSON {
    static func text(_ strings: [String]) -> String { text(.array(strings.map(JSONValue.string))) }

    static func text(_ assignments: [ProjectAssignment]) -> String { text(.array(assignments.map(\.canonical))) }

    static func text(_ object: JSONObject) -> String { text(.object(object)) }

    static func text(_ value: JSONValue) -> String { value.jsonText }

    static func strings(_ text: String) throws -> [String] {
        guard case .array(let elements) = try JSONParser.parse(text) else { throw StoreCorruption() }
        return try elements.map { element in
            guard case .string(let string) = element else { throw StoreCorruption() }
            return string
        }
    }

    static func assignments(_ text: String) throws -> [ProjectAssignment] {
        guard case .array(let elements) = try JSONParser.parse(text) else { throw StoreCorruption() }
        return try elements.map { try ProjectAssignment(canonical: $0) }
    }

    static func object(_ text: String) throws -> JSONObject {
        guard case .object(let object) = try JSONParser.parse(text) else { throw StoreCorruption() }
        return object
    }
}

/// A stored value the code cannot read back; surfaces to callers as an internal error, never in detail.
struct StoreCorruption: Error {}
