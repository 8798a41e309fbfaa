/// A JSON value that keeps object member order and distinguishes integers from fractions.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// An ordered JSON object; equality ignores member order.
public struct JSONObject: Sendable, Hashable {
    /// The members in the order they were read or added.
    public private(set) var members: [Member]

    /// One key and its value.
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONValue
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    public init() { members = [] }

    /// An empty object with room for `capacity` members.
    public init(minimumCapacity capacity: Int) {
        members = []
        members.reserveCapacity(capacity)
    }
    public init(_ members: [Member]) { self.members = members }
    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        members = pairs.map { Member(key: $0.key, value: $0.value) }
    }

    public var isEmpty: Bool { members.isEmpty }
    public var count: Int { members.count }
    public var keys: [String] { members.map(\.key) }

    /// The value for `key`, or nil when absent; setting nil removes the member.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let index = index(of: key) else { return nil }
            return members[index].value
        }
        set {
            if let index = index(of: key) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                add(Member(key: key, value: newValue))
            }
        }
    }

    /// Adds a member whose key the object does not have yet, without looking for it (checked in debug builds).
    mutating func appendNew(key: String, value: JSONValue) {
        assert(index(of: key) == nil, "\(key) is already a member")
        add(Member(key: key, value: value))
    }

    /// Runs `body` on the object under `key` in place (an empty one when the member is absent or not an object).
    ///
    /// The member is taken out while `body` runs, so its storage is uniquely referenced and not copied, as it would
    /// be by reading it with the subscript, changing it and writing it back.
    public mutating func modifyObject<Result>(at key: String, _ body: (inout JSONObject) -> Result) -> Result {
        let index: Int
        if let found = self.index(of: key) {
            index = found
        } else {
            add(Member(key: key, value: .null))
            index = members.count - 1
        }
        var inner = JSONObject()
        if case .object(let existing) = members[index].value { inner = existing }
        members[index].value = .null
        defer { members[index].value = .object(inner) }
        return body(&inner)
    }

    /// Appends a member; an object built member by member starts with room for eight, not one, two, four.
    private mutating func add(_ member: Member) {
        if members.capacity == 0 { members.reserveCapacity(8) }
        members.append(member)
    }

    /// The value for `key`, searched from `cursor` on and then from the start; `cursor` moves past the member found.
    ///
    /// A reader asking for members in about the order the object has them finds each with one comparison.
    public func value(forKey key: String, from cursor: inout Int) -> JSONValue? {
        guard let index = index(of: key, from: cursor) else { return nil }
        cursor = index + 1
        return members[index].value
    }

    /// The position of the member `key`, searched from `start` to the end and then from the beginning (lengths
    /// compared first: most keys differ in length).
    private func index(of key: String, from start: Int = 0) -> Int? {
        let count = members.count
        let length = key.utf8.count
        var index = start < count ? start : 0
        for _ in 0..<count {
            if members[index].key.utf8.count == length && members[index].key == key { return index }
            index = index + 1 == count ? 0 : index + 1
        }
        return nil
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for member in lhs.members where rhs[member.key] != member.value { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for member in members {
            var inner = Hasher()
            inner.combine(member.key)
            inner.combine(member.value)
            combined ^= inner.finalize()
        }
        hasher.combine(combined)
    }
}

extension JSONValue: Hashable {
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)): return Double(a) == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .int(let i): hasher.combine(Double(i))
        case .double(let d): hasher.combine(d)
        case .string(let s): hasher.combine(s)
        case .array(let a): hasher.combine(a)
        case .object(let o): hasher.combine(o)
        }
    }
}

extension JSONValue {
    /// The JSON type's name, as used in validation messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .int, .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d) where d.rounded() == d && abs(d) < 9.0e15: return Int(d)
        default: return nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The member `key` of an object value; nil for absent members and non-objects.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { Member(key: $0.0, value: $0.1) })
    }
}
