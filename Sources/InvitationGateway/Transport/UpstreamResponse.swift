import InvitationCore

/// An upstream's answer as read off its connection, and whether the connection may carry another request.
struct UpstreamResponse: Equatable {
    var response: TransportResponse
    var keepAlive: Bool
}
