import HTTPTypes

/// An upstream's answer as read off its connection.
struct UpstreamResponse: Equatable {
    var status: Int
    var headers: HTTPFields
    var body: [UInt8]
    /// Whether the connection may carry another request.
    var keepAlive: Bool
}
