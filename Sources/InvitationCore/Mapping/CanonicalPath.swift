/// A dotted path into a canonical JSON object (`organization.slug`), split once at load.
public struct CanonicalPath: Sendable, Hashable, CustomStringConvertible {
    public let keys: [String]

    public init(_ text: String) {
        keys = text.isEmpty ? [] : text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    public init(keys: [String]) { self.keys = keys }

    public static let root = CanonicalPath(keys: [])

    public var isRoot: Bool { keys.isEmpty }
    public var description: String { keys.joined(separator: ".") }

    public func appending(_ other: CanonicalPath) -> CanonicalPath { CanonicalPath(keys: keys + other.keys) }

    /// The value at this path, or nil when any step is absent.
    public func value(in object: JSONObject) -> JSONValue? {
        guard let first = keys.first else { return .object(object) }
        var current = object[first]
        for key in keys.dropFirst() {
            guard case .object(let inner)? = current else { return nil }
            current = inner[key]
        }
        return current
    }

    /// Stores `value` at this path, creating objects on the way; objects are merged member by member.
    public func set(_ value: JSONValue, in object: inout JSONObject) {
        Self.set(value, keys: keys[...], in: &object)
    }

    private static func set(_ value: JSONValue, keys: ArraySlice<String>, in object: inout JSONObject) {
        guard let first = keys.first else {
            if case .object(let incoming) = value {
                for member in incoming.members { set(member.value, keys: [member.key][...], in: &object) }
            }
            return
        }
        if keys.count == 1 {
            if case .object(let incoming) = value, case .object? = object[first] {
                object.modifyObject(at: first) { existing in
                    for member in incoming.members { set(member.value, keys: [member.key][...], in: &existing) }
                }
            } else {
                object[first] = value
            }
            return
        }
        object.modifyObject(at: first) { inner in set(value, keys: keys.dropFirst(), in: &inner) }
    }
}
