/// A two-way table between a dialect's words and canonical words (roles, statuses, outcomes…).
public struct Vocabulary: Sendable, Hashable {
    public let name: String
    /// Dialect word to canonical word.
    public let toCanonical: [String: String]
    /// Canonical word to dialect word: the first dialect word listed for it, then the `render` extras.
    public let toDialect: [String: String]
    /// Whether words outside the table pass through unchanged.
    public let isOpen: Bool
    /// The dialect words, in file order, for messages.
    public let dialectWords: [String]

    public init(
        name: String, values: [(dialect: String, canonical: String)], renderExtras: [(String, String)] = [],
        isOpen: Bool = false
    ) {
        self.name = name
        var toCanonical: [String: String] = [:]
        var toDialect: [String: String] = [:]
        for (dialect, canonical) in values {
            if toCanonical[dialect] == nil { toCanonical[dialect] = canonical }
            if toDialect[canonical] == nil { toDialect[canonical] = dialect }
        }
        for (canonical, dialect) in renderExtras where toDialect[canonical] == nil { toDialect[canonical] = dialect }
        self.toCanonical = toCanonical
        self.toDialect = toDialect
        self.isOpen = isOpen
        self.dialectWords = values.map(\.dialect)
    }

    public func canonical(for word: String) -> String? { toCanonical[word] ?? (isOpen ? word : nil) }
    public func dialect(for word: String) -> String? { toDialect[word] ?? (isOpen ? word : nil) }
}
