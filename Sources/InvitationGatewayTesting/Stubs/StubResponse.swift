import HTTPTypes

/// What a stub upstream answers for a route.
public struct StubResponse: Sendable {
    enum Behavior: Sendable {
        case answer(status: Int, headers: HTTPFields, body: [UInt8])
        /// Wait this long (or until the stub stops) before answering 200 `{}`.
        case hang(Duration)
    }

    let behavior: Behavior

    /// An answer with a status, headers and a body.
    public static func answer(_ status: Int, body: String = "", headers: [String: String] = [:]) -> StubResponse {
        var fields = HTTPFields()
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        if fields[.contentType] == nil, !body.isEmpty { fields[.contentType] = "application/json" }
        return StubResponse(behavior: .answer(status: status, headers: fields, body: Array(body.utf8)))
    }

    /// A JSON answer.
    public static func json(_ body: String, status: Int = 200, headers: [String: String] = [:]) -> StubResponse {
        answer(status, body: body, headers: headers)
    }

    /// No answer for `duration` (a hung upstream); released early when the stub stops.
    public static func hang(_ duration: Duration = .seconds(30)) -> StubResponse {
        StubResponse(behavior: .hang(duration))
    }
}
