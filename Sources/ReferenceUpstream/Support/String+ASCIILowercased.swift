extension String {
    /// Lowercases ASCII letters only, exactly as SQLite's built-in `lower()` does, so Swift and SQL agree.
    var asciiLowercased: String {
        String(decoding: utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}
