import HTTPTypes

extension HTTPFields {
    /// Fields from name and value pairs, in order (names must be valid field names).
    init(pairs: [(String, String)]) {
        self.init()
        for (name, value) in pairs { append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
    }
}
