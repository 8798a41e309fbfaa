import HTTPTypes

extension HTTPFields {
    /// The fields of a parsed head, added in one call.
    ///
    /// `append(_:)` goes through the collection protocol's generic `insert(_:at:)` and `replaceSubrange` once per
    /// field; one `replaceSubrange` over the array pays that once per head.
    init(parsed fields: [HTTPField]) {
        self.init()
        replaceSubrange(0..<0, with: fields)
    }
}
