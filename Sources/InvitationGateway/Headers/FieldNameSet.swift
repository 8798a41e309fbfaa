/// A fixed set of lowercased field names, looked up by length first.
///
/// A name is compared with the few of its length only; a `Set<String>` hashes every name it is asked about, which
/// costs more than those comparisons for the dozen or so short names a request's fields are checked against.
struct FieldNameSet: Sendable {
    /// The names by their UTF-8 length.
    private let byLength: [[String]]

    /// The set of `names`, as given (lowercase them first: lookups compare exactly).
    init(_ names: some Sequence<String>) {
        var byLength: [[String]] = []
        for name in names {
            let length = name.utf8.count
            if byLength.count <= length { byLength += Array(repeating: [], count: length + 1 - byLength.count) }
            if !byLength[length].contains(name) { byLength[length].append(name) }
        }
        self.byLength = byLength
    }

    /// Whether `name` is one of the set's names, exactly.
    func contains(_ name: String) -> Bool {
        let length = name.utf8.count
        guard length < byLength.count else { return false }
        return byLength[length].contains(name)
    }
}
