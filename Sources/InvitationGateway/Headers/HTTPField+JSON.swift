import HTTPTypes

extension HTTPField {
    /// `Content-Type: application/json`, made once: a field checks its value when it is made, and this one goes
    /// with nearly every request and answer.
    static let jsonContentType = HTTPField(name: .contentType, value: "application/json")

    /// `Accept: application/json`, made once (see ``jsonContentType``).
    static let acceptJSON = HTTPField(name: .accept, value: "application/json")

    /// A `Content-Type` field: JSON's made once, any other made here.
    static func contentType(_ value: String) -> HTTPField {
        value == "application/json" ? jsonContentType : HTTPField(name: .contentType, value: value)
    }
}
