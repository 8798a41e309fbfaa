import InvitationCore
import NIOCore

extension Gateway {
    /// Answers one request on `loop`, as ``respond(to:)`` does.
    ///
    /// A plain operation to a dialect upstream over an ``EventLoopUpstreamTransport`` runs from start to end on
    /// `loop` in callbacks, with no task; anything else runs ``respond(to:)``'s pipeline in a task preferring
    /// `executor` (the same loop), from the stage the plan reached.
    public func respond(
        to request: GatewayRequest, on loop: any EventLoop, executor: EventLoopTaskExecutor
    ) -> EventLoopFuture<GatewayResponse> {
        let (requestID, logger) = begin(request)
        let plan = plan(request, requestID: requestID, logger: logger)
        if case .exchange(let exchange) = plan, let sent = exchange.send(on: loop) {
            return sent.map { response in
                self.finish(exchange, outcome: .success(response))
            }.recover { error in
                let error = error as? GatewayError ?? PooledHTTPTransport.gatewayError(for: error)
                return self.finish(exchange, outcome: .failure(error))
            }.map { self.end($0, request: request, requestID: requestID, logger: logger) }
        }
        if case .answered(let response) = plan {
            return loop.makeSucceededFuture(end(response, request: request, requestID: requestID, logger: logger))
        }
        let promise = loop.makePromise(of: GatewayResponse.self)
        Task(executorPreference: executor) {
            let response = await self.perform(plan, request: request, requestID: requestID, logger: logger)
            promise.succeed(self.end(response, request: request, requestID: requestID, logger: logger))
        }
        return promise.futureResult
    }
}
