/// A two-way table between a dialect's words and canonical words (roles, statuses, outcomes…).
public struct Vocabulary: Sendable, Hashable {
    public let name: String
    /// Whether words outside the table pass through unchanged.
    public let isOpen: Bool
    /// The dialect words, in file order, for messages.
    public let dialectWords: [String]
    /// Dialect word to canonical word, the first listing of each dialect word.
    private let toCanonical: [Translation]
    /// Canonical word to dialect word: the first dialect word listed for it, then the `render` extras.
    private let toDialect: [Translation]

    public init(
        name: String, values: [(dialect: String, canonical: String)], renderExtras: [(String, String)] = [],
        isOpen: Bool = false
    ) {
        self.name = name
        var toCanonical: [Translation] = []
        var toDialect: [Translation] = []
        for (dialect, canonical) in values {
            toCanonical.add(Translation(word: dialect, meaning: canonical))
            toDialect.add(Translation(word: canonical, meaning: dialect))
        }
        for (canonical, dialect) in renderExtras { toDialect.add(Translation(word: canonical, meaning: dialect)) }
        self.toCanonical = toCanonical
        self.toDialect = toDialect
        self.isOpen = isOpen
        self.dialectWords = values.map(\.dialect)
    }

    public func canonical(for word: String) -> String? { toCanonical.meaning(of: word) ?? (isOpen ? word : nil) }
    public func dialect(for word: String) -> String? { toDialect.meaning(of: word) ?? (isOpen ? word : nil) }

    /// One word and what it means on the other side.
    ///
    /// A vocabulary holds a handful of words, so a list searched in order answers sooner than a dictionary,
    /// which hashes every word it is asked for.
    fileprivate struct Translation: Sendable, Hashable {
        let word: String
        let meaning: String
    }
}

extension [Vocabulary.Translation] {
    /// Adds a translation unless the word already has one (the first listing wins).
    fileprivate mutating func add(_ translation: Vocabulary.Translation) {
        if meaning(of: translation.word) == nil { append(translation) }
    }

    fileprivate func meaning(of word: String) -> String? {
        for translation in self where translation.word == word { return translation.meaning }
        return nil
    }
}
