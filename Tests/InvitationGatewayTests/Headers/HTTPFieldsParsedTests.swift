import HTTPTypes
import Testing

@testable import InvitationGateway

@Suite struct HTTPFieldsParsedTests {
    static let cookie = HTTPField.Name("Cookie")!
    static let custom = HTTPField.Name("X-Custom")!
    static let host = HTTPField.Name("Host")!

    @Test(arguments: [
        [HTTPField](),
        [HTTPField(name: host, value: "a.example")],
        [
            HTTPField(name: host, value: "a.example"), HTTPField(name: .contentLength, value: "12"),
            HTTPField(name: .contentType, value: "application/json"),
            HTTPField(name: .authorization, value: "Bearer token-with-more-than-fifteen-bytes"),
        ],
        // Repeated names, interleaved, and the first name repeated last: order is kept exactly.
        [
            HTTPField(name: custom, value: "1"), HTTPField(name: cookie, value: "a=1"),
            HTTPField(name: custom, value: "2"), HTTPField(name: cookie, value: "b=2"),
            HTTPField(name: .accept, value: "*/*"), HTTPField(name: custom, value: "3"),
        ],
    ])
    func keepsEveryFieldInOrder(_ fields: [HTTPField]) {
        let built = HTTPFields(parsed: fields)
        #expect(Array(built) == fields)
        #expect(built[values: Self.custom] == fields.filter { $0.name == Self.custom }.map(\.value))
        var appended = built
        appended[.xRequestID] = "id"
        #expect(Array(appended) == fields + [HTTPField(name: .xRequestID, value: "id")])
    }
}

extension HTTPField.Name {
    fileprivate static let xRequestID = HTTPField.Name("X-Request-Id")!
}
