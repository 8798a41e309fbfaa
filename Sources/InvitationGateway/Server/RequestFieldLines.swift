import HTTPTypes

/// A request head's field lines as they arrived, checked by ``RequestParser``: made into `HTTPFields` only when
/// asked for, read by name in place.
///
/// Building `HTTPFields` makes a string of every value, checks it a second time and copies every field twice,
/// some hundreds of instructions a field; a plain request reads a few of its fields by name and forwards a few, so
/// the parser keeps each field's name and where its value is, and ``GatewayRequest`` reads them from here.
struct RequestFieldLines: Sendable {
    /// The head's bytes the values are in.
    private let bytes: [UInt8]
    private let entries: [Entry]

    /// One field: its name (made once for the common ones, ``CommonFieldNames``) and where its value is.
    struct Entry: Sendable {
        let name: HTTPField.Name
        let value: Range<Int>
        /// The name's length: a lookup compares names only of its length (most of a head's names are not).
        let nameLength: Int

        init(name: HTTPField.Name, value: Range<Int>) {
            self.name = name
            self.value = value
            self.nameLength = name.canonicalName.utf8.count
        }

        func isNamed(_ other: HTTPField.Name, length: Int) -> Bool { nameLength == length && name == other }
    }

    /// Fields of `bytes`, in order; every value range lies in `bytes` and holds field-value bytes only.
    init(bytes: [UInt8], entries: [Entry]) {
        self.bytes = bytes
        self.entries = entries
    }

    /// The fields, in order, as the parser made them before it kept lines.
    var fields: HTTPFields {
        HTTPFields(parsed: entries.map(field(of:)))
    }

    /// What `HTTPFields`' subscript gives for `name`: the values of its fields joined with `, ` (`; ` for `Cookie`).
    subscript(name: HTTPField.Name) -> String? {
        var joined: String?
        forEachValue(named: name) { value in
            joined = joined.map { $0 + (name == .cookie ? "; " : ", ") + value } ?? value
        }
        return joined
    }

    /// What `HTTPFields`' `values` subscript gives: the values of the fields named `name`, in order.
    subscript(values name: HTTPField.Name) -> [String] {
        var values: [String] = []
        forEachValue(named: name) { values.append($0) }
        return values
    }

    /// Calls `body` with the value of each field named `name`, in order.
    ///
    /// Entries are borrowed from the array's buffer here and below (a `for in` retains and releases every name),
    /// and a name is compared only when its length is the one asked for.
    @inline(__always)
    private func forEachValue(named name: HTTPField.Name, _ body: (String) -> Void) {
        let length = name.canonicalName.utf8.count
        entries.withUnsafeBufferPointer { entries in
            for index in entries.indices where entries[index].isNamed(name, length: length) {
                body(value(of: entries[index]))
            }
        }
    }

    /// The fields whose names `keep` accepts, in order.
    func fields(where keep: (HTTPField.Name) -> Bool) -> HTTPFields {
        entries.withUnsafeBufferPointer { entries in
            var kept = HTTPFields()
            for index in entries.indices where keep(entries[index].name) { kept.append(field(of: entries[index])) }
            return kept
        }
    }

    /// A field as the parser made it: an ASCII value (nearly every one) made a string at once; other bytes through
    /// `HTTPField`'s initializer from bytes, which keeps bytes that are not UTF-8 as they came.
    private func field(of entry: Entry) -> HTTPField {
        if let text = asciiText(of: entry) { return HTTPField(name: entry.name, value: text) }
        return fieldFromBytes(of: entry)
    }

    /// A field's value as ``field(of:)``'s field gives it, made without the field when ASCII.
    private func value(of entry: Entry) -> String {
        asciiText(of: entry) ?? fieldFromBytes(of: entry).value
    }

    /// The field through `HTTPField`'s initializer from bytes, for a value that is not ASCII.
    private func fieldFromBytes(of entry: Entry) -> HTTPField {
        bytes.withUnsafeBytes { HTTPField(name: entry.name, value: UnsafeRawBufferPointer(rebasing: $0[entry.value])) }
    }

    /// The value as text when it is ASCII, else nil.
    private func asciiText(of entry: Entry) -> String? {
        bytes.withUnsafeBytes { bytes in
            let value = UnsafeRawBufferPointer(rebasing: bytes[entry.value])
            return value.allSatisfy({ $0 < 0x80 }) ? String(decoding: value, as: UTF8.self) : nil
        }
    }
}
