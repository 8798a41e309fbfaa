import HTTPTypes
import InvitationCore
import Logging

extension Gateway {
    /// The `Idempotency-Key` request header.
    static let idempotencyKeyField = HTTPField.Name(IdempotencyHeaders.key)!
    /// The `Idempotent-Replayed` response header.
    static let replayedField = HTTPField.Name(IdempotencyHeaders.replayed)!

    /// A create carrying an `Idempotency-Key`: executed once per key; a retry with the same body replays the
    /// first answer (`Idempotent-Replayed: true`, no upstream call), another body is a 422, a concurrent
    /// duplicate waits for the first and replays it.
    ///
    /// The key is scoped by the caller's credentials (hashed) and the route, and bound to a fingerprint of the
    /// method, path, canonical body and batch mode. Answers below 500 (except 408 and 429) are stored for
    /// replay; for any other the key is released (still bound to this body), so a retry executes again.
    func idempotent(
        key: String, _ parsed: CanonicalRequest, mode: BatchMode?, request: GatewayRequest, matched: MatchedRoute,
        requestID: String, logger: Logger
    ) async -> GatewayResponse {
        let credentials = Credentials(request: request, places: matched.dialect.credentials)
        let scope = IdempotencyScope(
            credentials: credentials,
            route: "\(matched.dialect.name) \(matched.route.method) \(matched.route.path.text)")
        var fingerprinted = parsed.canonical.jsonBytes
        fingerprinted.append(0)
        fingerprinted.append(contentsOf: Array((mode?.rawValue ?? "").utf8))
        let claim = IdempotencyClaim(
            key: key, scope: scope,
            fingerprint: RequestFingerprint(method: request.method, path: request.path, body: fingerprinted))
        let decision: IdempotencyDecision
        do {
            decision = try await state.idempotency.begin(
                key: key, scope: scope, fingerprint: claim.fingerprint, waiting: idempotencyWait)
        } catch {
            logger.error("The idempotency store failed: \(error)")
            let failure = GatewayError(
                code: .unavailable, message: "Idempotency keys cannot be checked right now; nothing was sent.")
            return render(failure, in: matched.dialect, request: request, requestID: requestID)
        }
        switch decision {
        case .replay(let stored):
            var headers = HTTPFields()
            for header in stored.headers {
                if let name = HTTPField.Name(header.name) { headers.append(HTTPField(name: name, value: header.value)) }
            }
            headers[Self.replayedField] = "true"
            return GatewayResponse(status: stored.status, headers: headers, body: stored.body)
        case .mismatch:
            return render(IdempotencyErrors.mismatch, in: matched.dialect, request: request, requestID: requestID)
        case .inProgress:
            var headers = HTTPFields()
            headers[.retryAfter] = "1"
            return render(
                IdempotencyErrors.inProgress, in: matched.dialect, request: request, requestID: requestID,
                extraHeaders: headers)
        case .proceed:
            break
        }
        let executed: Executed
        do throws(GatewayError) {
            executed = try await execute(
                parsed, mode: mode, claim: claim, request: request, matched: matched, requestID: requestID,
                logger: logger)
        } catch {
            executed = Executed(response: render(error, in: matched.dialect, request: request, requestID: requestID))
        }
        if Task.isCancelled { return executed.response }  // like a crash: the journal and the claim wait for recovery
        let status = executed.response.status
        do {
            if status < 500 && status != 408 && status != 429 {
                let headers = executed.response.headers.filter {
                    StoredResponse.isReplayable(headerName: $0.name.rawName)
                }
                .map { StoredResponse.Header(name: $0.name.rawName, value: $0.value) }
                try await state.idempotency.complete(
                    claim, response: StoredResponse(status: status, headers: headers, body: executed.response.body))
            } else {
                try await state.idempotency.release(key: claim.key, scope: claim.scope)
            }
        } catch {
            logger.error("The idempotency store could not keep an answer: \(error)")
        }
        if let batchID = executed.batchID { await finishBatch(batchID, logger: logger) }
        return executed.response
    }
}
