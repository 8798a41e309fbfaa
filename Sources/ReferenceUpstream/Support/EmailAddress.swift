/// A deliberately simple, robust email syntax check: what a person types into an invite form.
enum EmailAddress {
    /// Whether `text` looks like `local@domain.tld`: one `@`, no spaces or control characters,
    /// a local part of 1…64 characters, a dotted domain of letters, digits and hyphens, 254 characters at most.
    static func isValid(_ text: String) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 254 else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let local = parts[0]
        let domain = parts[1]
        guard !local.isEmpty, local.utf8.count <= 64, isValidLocal(local) else { return false }
        return isValidDomain(domain)
    }

    /// The form used to compare emails: case-insensitive for ASCII, as SQLite's `lower()` in the unique index.
    static func comparable(_ text: String) -> String { text.asciiLowercased }

    private static func isValidLocal(_ local: Substring) -> Bool {
        guard local.first != ".", local.last != ".", !local.contains("..") else { return false }
        return local.unicodeScalars.allSatisfy { scalar in
            !scalar.properties.isWhitespace && scalar.value > 0x20 && scalar.value != 0x7F
                && !"()<>[]\\,;:\"".unicodeScalars.contains(scalar)
        }
    }

    private static func isValidDomain(_ domain: Substring) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, domain.utf8.count <= 253 else { return false }
        for label in labels {
            guard !label.isEmpty, label.utf8.count <= 63, label.first != "-", label.last != "-" else { return false }
            let valid = label.unicodeScalars.allSatisfy { scalar in
                scalar == "-" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
            }
            guard valid else { return false }
        }
        guard let tld = labels.last, tld.count >= 2 else { return false }
        return true
    }
}
