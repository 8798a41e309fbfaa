import InvitationCore

extension Gateway {
    /// Stage "parse": reads the caller's request into a validated canonical operation.
    func parse(_ request: GatewayRequest, body: [UInt8], matched: MatchedRoute) throws(GatewayError) -> CanonicalRequest
    {
        try matched.dialect.parseRequest(
            route: matched.route, pathParameters: matched.pathParameters, query: request.query, body: body)
    }
}
