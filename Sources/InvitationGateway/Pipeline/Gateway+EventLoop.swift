import InvitationCore
import NIOCore

extension Gateway {
    /// Answers one request on `loop`, as ``respond(to:)`` does, and calls `completion` with the answer on `loop`.
    ///
    /// A plain operation to a dialect upstream over an ``EventLoopUpstreamTransport`` runs from start to end on
    /// `loop` in callbacks, with no task and no future; anything else runs ``respond(to:)``'s pipeline in a task
    /// preferring `executor` (the same loop), from the stage the plan reached.
    public func respond(
        to request: GatewayRequest, on loop: any EventLoop, executor: EventLoopTaskExecutor,
        completion: @escaping @Sendable (GatewayResponse) -> Void
    ) {
        let (requestID, logger) = begin(request)
        let plan = plan(request, requestID: requestID, logger: logger)
        switch plan {
        case .answered(let response):
            return completion(end(response, request: request, requestID: requestID, logger: logger))
        case .exchange(let exchange):
            let sent = exchange.send(on: loop) { outcome in
                let response = self.finish(exchange, outcome: outcome)
                completion(self.end(response, request: request, requestID: requestID, logger: logger))
            }
            if sent { return }
        case .general:
            break
        }
        Task(executorPreference: executor) {
            let response = await self.perform(plan, request: request, requestID: requestID, logger: logger)
            let answer = self.end(response, request: request, requestID: requestID, logger: logger)
            if loop.inEventLoop { completion(answer) } else { loop.execute { completion(answer) } }
        }
    }
}
