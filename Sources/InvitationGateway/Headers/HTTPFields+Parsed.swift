import HTTPTypes

extension HTTPFields {
    /// The fields of a parsed head, in order, in storage of exactly their number.
    ///
    /// Built through the `fields` subscript's setter on empty fields, which appends every field it is given (it
    /// replaces fields of the name asked for, and there are none): that setter is inlinable, so it runs specialized
    /// for `[HTTPField]`. The collection protocol's `append` and `replaceSubrange` are not: they iterate through
    /// generic code that allocates once per field. `HTTPFieldsParsedTests` checks order and repeated names, so a
    /// change of that setter's behaviour shows.
    init(parsed fields: [HTTPField]) {
        self.init()
        guard let first = fields.first else { return }
        reserveCapacity(fields.count)
        self[fields: first.name] = fields
    }
}
