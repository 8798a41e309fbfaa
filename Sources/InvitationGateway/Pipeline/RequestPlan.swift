import InvitationCore

/// What the "plan" stage makes of a request: the same decision for the async pipeline and the event-loop one.
enum RequestPlan: Sendable {
    /// Answered without an upstream: health, a route or body refused, a parse, routing or rendering error.
    case answered(GatewayResponse)
    /// One call to one dialect upstream, then the answer in the caller's dialect.
    case exchange(UpstreamExchange)
    /// Everything else, from the parsed request on: idempotency keys, journaled batches, merged lists, upstreams
    /// that are not a dialect over a transport, an invitation index that must be awaited.
    /// The batch mode and `Idempotency-Key` are those a create asked for, already validated.
    case general(CanonicalRequest, MatchedRoute, mode: BatchMode?, idempotencyKey: String?)
}
