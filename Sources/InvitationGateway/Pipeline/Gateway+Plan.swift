import InvitationCore
import Logging

extension Gateway {
    /// Stages match and parse, then, for a plain operation, route and render: all that precedes the upstream.
    ///
    /// Nothing here suspends or has side effects, so a ``RequestPlan/general(_:_:mode:idempotencyKey:)`` plan loses nothing.
    func plan(_ request: GatewayRequest, requestID: String, logger: Logger) -> RequestPlan {
        if let health = health(request) { return .answered(health) }
        let matched: MatchedRoute
        switch match(request) {
        case .success(let route): matched = route
        case .failure(let failure):
            return .answered(
                render(
                    failure.error, in: failure.dialect, request: request, requestID: requestID,
                    extraHeaders: failure.headers))
        }
        guard let body = request.body else {
            let error = GatewayError(
                status: 413, code: .invalidRequest, message: "The request body is larger than \(bodyLimitBytes) bytes.")
            return .answered(render(error, in: matched.dialect, request: request, requestID: requestID))
        }
        do throws(GatewayError) {
            let parsed = try parse(request, body: body, matched: matched)
            var mode: BatchMode?
            if case .createInvitations = parsed {
                mode = try BatchMode.requested(value: request.header(BatchMode.headerName))
                if let key = try IdempotencyHeaders.validatedKey(request.header(Self.idempotencyKeyField)) {
                    return .general(parsed, matched, mode: mode, idempotencyKey: key)
                }
            }
            return try planExchange(
                parsed, matched: matched, mode: mode, request: request, requestID: requestID, logger: logger)
                ?? .general(parsed, matched, mode: mode, idempotencyKey: nil)
        } catch {
            return .answered(render(error, in: matched.dialect, request: request, requestID: requestID))
        }
    }

    /// The exchange for a plain operation (one upstream call, no journal, the index answering at once), else nil.
    private func planExchange(
        _ parsed: CanonicalRequest, matched: MatchedRoute, mode: BatchMode?, request: GatewayRequest,
        requestID: String, logger: Logger
    ) throws(GatewayError) -> RequestPlan? {
        guard let index = synchronousIndex else { return nil }
        let canonical = parsed.resolvingOrganization(with: directory)
        if case .listMyInvitations = canonical, listMineRoutes.count > 1 { return nil }
        let entry = canonical.invitationID.flatMap { index.entryNow(for: $0) }
        let (route, routed) = try self.route(canonical, matched: matched, entry: entry)
        guard let upstream = route.dialectUpstream else { return nil }
        var email: String?
        // Only the emails are read: binding the create's input copied all of it out of the request.
        if let emails = routed.createdEmails {
            if Self.isJournaled(emailCount: emails.count, mode: mode ?? route.batchMode, claim: nil) { return nil }
            // Not journaled: one email at most, so the create goes as it is to a one-at-a-time dialect too.
            if upstream.dialect.createsOneAtATime { email = emails.first }
        }
        let context = upstreamContext(
            for: route, request: request, matched: matched, requestID: requestID, logger: logger,
            gatewaySuppliedFields: fieldsFilled(resolving: parsed, to: canonical))
        let rendered = try upstream.render(routed, context: context)
        let headers = upstream.headers(for: rendered, context: context)
        // Handed over, not copied: the exchange keeps them for the answer.
        return .exchange(
            UpstreamExchange(
                route: route, upstream: consume upstream, rendered: consume rendered, sent: routed, routed: routed,
                headers: consume headers, context: consume context, matched: matched,
                request: request, requestID: requestID, email: email))
    }

    /// Stages "upstream" (reading the answer) and "render" for an exchange: the invitations the answer carries
    /// go into the index, the result into the caller's dialect.
    func finish(_ exchange: UpstreamExchange, outcome: Result<TransportResponse, GatewayError>) -> GatewayResponse {
        let answered = outcome.flatMap { response in
            Result { () throws(GatewayError) in
                try exchange.upstream.answer(
                    response, to: exchange.rendered, for: exchange.sent, context: exchange.context)
            }
        }
        let result: CanonicalResponse
        if let email = exchange.email {
            let item = DialectUpstream.item(from: consume answered, email: email, requestID: exchange.requestID)
            result = .createInvitations(CreateInvitationsOutput(results: [item]))
        } else {
            switch answered {
            case .success(let response): result = response
            case .failure(let error):
                return render(
                    error, in: exchange.matched.dialect, request: exchange.request, requestID: exchange.requestID)
            }
        }
        // Read once: each read copies the organization out of the request.
        let requested = exchange.routed.organization
        let completed = result.completingOrganizations(requested: requested, directory: directory)
        synchronousIndex?.recordNow(completed, upstream: exchange.route.name, organization: requested)
        return renderResult(completed, request: exchange.request, matched: exchange.matched)
    }
}
