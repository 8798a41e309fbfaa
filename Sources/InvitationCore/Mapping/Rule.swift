/// One compiled mapping rule: how one dialect value corresponds to canonical values, in both directions.
///
/// Rules are compiled once at load; reading (dialect → canonical) and writing (canonical → dialect)
/// walk the same rule, so a rule is written once and serves both directions.
public final class Rule: Sendable {
    /// What the dialect value is.
    public enum Kind: Sendable {
        /// A scalar (or a whole value passed through with `type: any`).
        case leaf
        /// A dialect object whose members each have a rule.
        case object([Member])
        /// A dialect array whose elements follow one rule.
        case array(items: Rule)
        /// Alternatives: written by the first whose condition holds, read by the first whose JSON type fits.
        case oneOf([Rule])
    }

    /// A member of a dialect object.
    public struct Member: Sendable {
        public let name: String
        public let rule: Rule
    }

    /// The JSON type of a leaf in the dialect.
    public enum ValueType: String, Sendable { case string, int, bool, number, any }

    /// A value format checked on read and converted where the two sides differ.
    public enum Format: String, Sendable {
        case email, uuid
        /// RFC 3339 text on both sides.
        case dateTime = "date-time"
        /// Epoch milliseconds in the dialect, RFC 3339 text in the canonical model.
        case epochMilliseconds = "epoch-millis"
        /// A `loc` array in the dialect (`["body", "emails", 3]`), a location string in the canonical model.
        case locationPath = "location-path"
    }

    /// How a dialect scalar relates to a canonical array.
    public enum Form: Sendable { case same, first }

    /// Which directions use the rule.
    public enum Direction: String, Sendable { case both, read, write }

    /// What to do with object members no rule names.
    public enum UnknownFields: String, Sendable { case reject, keep, ignore }

    /// When an alternative of `oneOf` is written.
    public enum Condition: String, Sendable {
        case present
        case nonEmpty = "non-empty"
    }

    public let kind: Kind
    public let canonical: CanonicalPath?
    /// Canonical paths that hold the same value (read writes them all; write uses the first present).
    public let sameAs: [CanonicalPath]
    /// Canonical paths written in place of `canonical` when it is absent (write only).
    public let fallback: [CanonicalPath]
    /// Where a write looks for the value, in order: `canonical`, `sameAs`, then `fallback` (joined once, at load).
    let writeSources: [CanonicalPath]
    public let valueType: ValueType
    public let format: Format?
    public let form: Form
    public let vocabulary: Vocabulary?
    public let required: Bool
    public let nullable: Bool
    /// The value used when absent: reading fills the canonical side with it, writing the dialect side.
    public let defaultValue: JSONValue?
    public let constant: JSONValue?
    public let direction: Direction
    public let minItems: Int?
    public let maxItems: Int?
    public let minLength: Int?
    public let maxLength: Int?
    public let minimum: Int?
    public let maximum: Int?
    public let truncate: Int?
    public let condition: Condition?
    public let atLeastOne: [String]
    public let unknownFields: UnknownFields
    /// Whether the canonical `extensions` object is written here as extra members, and unknown members read into it.
    public let carriesExtensions: Bool
    /// Where in the mapping file the rule was written, for messages.
    public let source: String

    init(
        kind: Kind, canonical: CanonicalPath?, sameAs: [CanonicalPath] = [], fallback: [CanonicalPath] = [],
        valueType: ValueType = .string, format: Format? = nil,
        form: Form = .same, vocabulary: Vocabulary? = nil, required: Bool = false, nullable: Bool = false,
        defaultValue: JSONValue? = nil, constant: JSONValue? = nil, direction: Direction = .both,
        minItems: Int? = nil, maxItems: Int? = nil, minLength: Int? = nil, maxLength: Int? = nil,
        minimum: Int? = nil, maximum: Int? = nil, truncate: Int? = nil, condition: Condition? = nil,
        atLeastOne: [String] = [],
        unknownFields: UnknownFields = .reject, carriesExtensions: Bool = false, source: String
    ) {
        self.kind = kind
        self.canonical = canonical
        self.sameAs = sameAs
        self.fallback = fallback
        self.writeSources = (canonical.map { [$0] } ?? []) + sameAs + fallback
        self.valueType = valueType
        self.format = format
        self.form = form
        self.vocabulary = vocabulary
        self.required = required
        self.nullable = nullable
        self.defaultValue = defaultValue
        self.constant = constant
        self.direction = direction
        self.minItems = minItems
        self.maxItems = maxItems
        self.minLength = minLength
        self.maxLength = maxLength
        self.minimum = minimum
        self.maximum = maximum
        self.truncate = truncate
        self.condition = condition
        self.atLeastOne = atLeastOne
        self.unknownFields = unknownFields
        self.carriesExtensions = carriesExtensions
        self.source = source
    }

    /// Whether a dialect value's JSON type fits this rule (used to pick a `oneOf` alternative on read).
    func fits(_ value: JSONValue) -> Bool {
        switch (kind, value) {
        case (.object, .object), (.array, .array): return true
        case (.oneOf(let alternatives), _): return alternatives.contains { $0.fits(value) }
        case (.leaf, _):
            if constant != nil { return true }
            switch (valueType, value) {
            case (.any, _), (.string, .string), (.bool, .bool), (.int, .int), (.number, .int), (.number, .double):
                return true
            case (_, .null): return nullable
            case (_, .array): return form == .same && format == .locationPath
            default: return false
            }
        default: return false
        }
    }

    /// Every canonical path (relative to the context) that this rule can carry, with `[]` for array elements.
    func coverage(prefix: String) -> [String] {
        let base: String
        if let canonical, !canonical.isRoot {
            base = prefix.isEmpty ? canonical.description : "\(prefix).\(canonical.description)"
        } else {
            base = prefix
        }
        switch kind {
        case .leaf:
            if constant != nil || direction == .write { return [] }
            return [base] + (sameAs + fallback).map { prefix.isEmpty ? $0.description : "\(prefix).\($0)" }
        case .object(let members):
            var paths = members.flatMap { $0.rule.direction == .write ? [] : $0.rule.coverage(prefix: base) }
            if carriesExtensions { paths.append(base.isEmpty ? "extensions" : "\(base).extensions") }
            return paths
        case .array(let items):
            let element = base + "[]"
            if case .leaf = items.kind, items.canonical == nil { return [base] }
            return items.coverage(prefix: element)
        case .oneOf(let alternatives):
            return alternatives.flatMap { $0.coverage(prefix: prefix) }
        }
    }
}
