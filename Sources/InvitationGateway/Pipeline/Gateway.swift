import HTTPTypes
import InvitationCore
import Logging

/// The request pipeline: match → parse → route → upstream → render, for every dialect at once.
///
/// Built once at start-up from a loaded registry and the configured upstreams; nothing is parsed per request
/// beyond the route match. Around the stages: creates carrying an `Idempotency-Key` are claimed and replayed
/// (``idempotent(key:_:mode:request:matched:requestID:logger:)``), creates are journaled and, in all-or-nothing
/// mode, compensated (``createBatch(_:route:mode:claim:context:)``), the organization directory completes
/// organizations, and every invitation an answer carries is recorded in the invitation index.
public final class Gateway: Sendable {
    public let registry: DialectRegistry
    /// The dialect of errors for requests that resemble no dialect's route.
    public let defaultDialect: Dialect
    /// The caller dialects served, by name.
    public let servedDialects: Set<String>
    public let bodyLimitBytes: Int
    let upstreamsByDialect: [String: UpstreamRoute]
    /// Every upstream route, in configuration order.
    let routes: [UpstreamRoute]
    let routesByName: [String: UpstreamRoute]
    /// The upstreams a `listMyInvitations` is merged over: every configured one that has the operation.
    let listMineRoutes: [UpstreamRoute]
    /// The invitation index when it answers without suspending (state in memory): plain requests then run
    /// from start to end on their connection's event loop (``respond(to:on:executor:completion:)``).
    let synchronousIndex: (any SynchronousInvitationIndex)?
    let routing: OrganizationRouting
    /// The configured organizations, applied to every request before it is routed and sent.
    public let directory: OrganizationDirectory
    /// Idempotency keys, the invitation index and the batch journal.
    public let state: GatewayState
    /// How long a request waits for a concurrent one with the same `Idempotency-Key`.
    let idempotencyWait: IdempotencyWait
    /// How many compensating revokes of one all-or-nothing batch may be in flight at once.
    let compensationConcurrency: Int
    let logger: Logger

    /// Builds a pipeline; every served dialect must reach an upstream.
    ///
    /// - Parameters:
    ///   - state: the gateway's state (default: the in-memory fakes, for a gateway built by hand in a test).
    ///   - routing: organization rules and the default upstream, by upstream name.
    ///   - organizations: the organization directory.
    public init(
        registry: DialectRegistry, upstreams: [UpstreamRoute], defaultDialect: String? = nil,
        servedDialects: [String]? = nil, bodyLimitBytes: Int = 1 << 20, state: GatewayState = .fakes(),
        routing: RoutingConfiguration = RoutingConfiguration(), organizations: [Organization] = [],
        idempotencyWait: IdempotencyWait = .default, compensationConcurrency: Int = 8,
        logger: Logger = Logger(label: "invitation-gateway")
    ) throws(GatewayConfigurationProblem) {
        self.registry = registry
        let served = servedDialects ?? registry.dialects.map(\.name)
        for name in served where registry.dialect(named: name) == nil {
            throw GatewayConfigurationProblem(key: "dialects", reason: "no mapping defines the dialect '\(name)'")
        }
        self.servedDialects = Set(served)
        if let defaultDialect {
            guard let dialect = registry.dialect(named: defaultDialect) else {
                throw GatewayConfigurationProblem(
                    key: "defaultDialect", reason: "no mapping defines the dialect '\(defaultDialect)'")
            }
            self.defaultDialect = dialect
        } else if let dialect = registry.dialect(named: "inkeep"), served.contains("inkeep") {
            self.defaultDialect = dialect
        } else {
            self.defaultDialect = served.sorted().first.flatMap(registry.dialect(named:)) ?? registry.dialects[0]
        }
        var byDialect: [String: UpstreamRoute] = [:]
        for route in upstreams {
            for caller in route.callers ?? [] {
                guard registry.dialect(named: caller) != nil else {
                    throw GatewayConfigurationProblem(
                        key: "upstreams.callers", reason: "no mapping defines the dialect '\(caller)'")
                }
                if byDialect[caller] == nil { byDialect[caller] = route }
            }
        }
        let fallback = upstreams.first(where: { $0.callers == nil })
        for name in served where byDialect[name] == nil {
            guard let fallback else {
                throw GatewayConfigurationProblem(
                    key: "upstreams",
                    reason:
                        "no upstream takes callers of the \(name) dialect; add it to a 'callers' list or add an upstream without one"
                )
            }
            byDialect[name] = fallback
        }
        self.upstreamsByDialect = byDialect
        var byName: [String: UpstreamRoute] = [:]
        for route in upstreams where byName[route.name] == nil { byName[route.name] = route }
        func named(_ name: String, key: String) throws(GatewayConfigurationProblem) -> UpstreamRoute {
            guard let route = byName[name] else {
                throw GatewayConfigurationProblem(key: key, reason: "no upstream is named '\(name)'")
            }
            return route
        }
        var rules: [OrganizationRouting.Rule] = []
        for rule in routing.rules {
            rules.append(
                OrganizationRouting.Rule(
                    organization: rule.organization, route: try named(rule.upstream, key: "routing.rules")))
        }
        self.routing = OrganizationRouting(
            rules: rules,
            defaultRoute: try routing.defaultUpstream.map { name throws(GatewayConfigurationProblem) in
                try named(name, key: "routing.default")
            })
        self.routes = upstreams
        self.routesByName = byName
        self.listMineRoutes = upstreams.filter { $0.upstream.carries(.listMyInvitations) }
        self.synchronousIndex = state.invitations as? any SynchronousInvitationIndex
        self.directory = OrganizationDirectory(organizations)
        self.state = state
        self.idempotencyWait = idempotencyWait
        self.compensationConcurrency = max(1, compensationConcurrency)
        self.bodyLimitBytes = bodyLimitBytes
        self.logger = logger
    }

    /// Whether the gateway can serve: mappings are loaded and every served dialect has an upstream.
    public var isReady: Bool {
        !servedDialects.isEmpty && servedDialects.allSatisfy { upstreamsByDialect[$0] != nil }
    }

    /// Answers one request; never throws: every failure is an error response in the caller's dialect.
    public func respond(to request: GatewayRequest) async -> GatewayResponse {
        let (requestID, logger) = begin(request)
        let response = await pipeline(request, requestID: requestID, logger: logger)
        return end(response, request: request, requestID: requestID, logger: logger)
    }

    /// The request id (the caller's when it is well-formed) and a logger carrying it.
    ///
    /// The plain path logs only in ``end(_:request:requestID:logger:)`` and through ``UpstreamContext/logger``,
    /// so the logger returned is the gateway's own and the id is added where a line is actually written
    /// (``requestLogger(_:)``).
    func begin(_ request: GatewayRequest) -> (requestID: String, logger: Logger) {
        (Self.requestID(from: request), logger)
    }

    /// The caller's `X-Request-Id` when it is well-formed, else a new id (also when no request was read).
    static func requestID(from request: GatewayRequest?) -> String {
        RequestID.accept(request?.header(RequestID.fieldName)) ?? RequestID.make()
    }

    /// The gateway's logger with the request id in its metadata.
    func requestLogger(_ requestID: String) -> Logger {
        var logger = self.logger
        logger[metadataKey: "request-id"] = "\(requestID)"
        return logger
    }

    /// The answer with its request id header, logged (server errors at `notice`, the rest at `debug`).
    ///
    /// `response` is consumed: its fields are then the only reference to their storage, and adding the id does not
    /// copy them.
    func end(
        _ response: consuming GatewayResponse, request: GatewayRequest, requestID: String, logger: Logger
    ) -> GatewayResponse {
        var response = response
        // Appended where the answer has no request id yet (every answer the pipeline makes): HTTPFields' setter looks
        // for fields to replace through a lazy filter, several times the cost of this scan.
        if response.headers.contains(RequestID.fieldName) {
            response.headers[RequestID.fieldName] = requestID
        } else {
            response.headers.append(HTTPField(name: RequestID.fieldName, value: requestID))
        }
        if response.status >= 500 {
            requestLogger(requestID).notice("\(request.method) \(request.path) → \(response.status)")
        } else if logger.logLevel <= .debug {
            requestLogger(requestID).debug("\(request.method) \(request.path) → \(response.status)")
        }
        return response
    }

    func pipeline(_ request: GatewayRequest, requestID: String, logger: Logger) async -> GatewayResponse {
        await perform(
            plan(request, requestID: requestID, logger: logger), request: request, requestID: requestID, logger: logger)
    }

    /// The stages after the plan: the exchange, or the general pipeline.
    func perform(_ plan: RequestPlan, request: GatewayRequest, requestID: String, logger: Logger) async
        -> GatewayResponse
    {
        switch plan {
        case .answered(let response):
            return response
        case .exchange(let exchange):
            let outcome: Result<TransportResponse, GatewayError>
            do throws(GatewayError) {
                outcome = .success(try await exchange.send())
            } catch {
                outcome = .failure(error)
            }
            return finish(exchange, outcome: outcome)
        case .general(let parsed, let matched, let mode, let key):
            return await general(
                parsed, matched: matched, mode: mode, idempotencyKey: key, request: request, requestID: requestID,
                logger: requestLogger(requestID))
        }
    }

    /// The whole pipeline from a parsed request on: idempotency keys, journaled and merged operations, any upstream.
    func general(
        _ parsed: CanonicalRequest, matched: MatchedRoute, mode: BatchMode?, idempotencyKey: String?,
        request: GatewayRequest, requestID: String, logger: Logger
    ) async -> GatewayResponse {
        do throws(GatewayError) {
            if let key = idempotencyKey {
                return await idempotent(
                    key: key, parsed, mode: mode, request: request, matched: matched, requestID: requestID,
                    logger: logger)
            }
            let executed = try await execute(
                parsed, mode: mode, claim: nil, request: request, matched: matched, requestID: requestID, logger: logger
            )
            if let batchID = executed.batchID, !Task.isCancelled { await finishBatch(batchID, logger: logger) }
            return executed.response
        } catch {
            return render(error, in: matched.dialect, request: request, requestID: requestID)
        }
    }

    /// Whether a create goes through the batch journal.
    ///
    /// It does for a batch of several emails, an all-or-nothing create and one with an `Idempotency-Key`. A single best-effort email without a key is sent as it is: a crash leaves
    /// nothing to compensate or resume, and the journal's writes would only slow the hot path.
    static func isJournaled(emailCount: Int, mode: BatchMode, claim: IdempotencyClaim?) -> Bool {
        emailCount > 1 || mode == .allOrNothing || claim != nil
    }

    /// The `organization.*` paths the directory filled in, resolving `parsed` to `canonical`, that the caller's
    /// request did not give.
    func fieldsFilled(resolving parsed: CanonicalRequest, to canonical: CanonicalRequest) -> Set<String> {
        // Without a directory nothing is filled; each `organization` read copies an organization.
        guard !directory.entries.isEmpty, let resolved = canonical.organization else { return [] }
        let original = parsed.organization ?? Organization()
        var filled: Set<String> = []
        if original.id == nil && resolved.id != nil { filled.insert("organization.id") }
        if original.slug == nil && resolved.slug != nil { filled.insert("organization.slug") }
        if original.uuid == nil && resolved.uuid != nil { filled.insert("organization.uuid") }
        if original.name == nil && resolved.name != nil { filled.insert("organization.name") }
        if original.logoURL == nil && resolved.logoURL != nil { filled.insert("organization.logoURL") }
        return filled
    }

    /// A rendered answer and, for a create, the journaled batch to finish once the answer is stored.
    struct Executed: Sendable {
        var response: GatewayResponse
        var batchID: String?
    }

    /// Resolves the organization, routes, performs the operation upstream, records what came back in the
    /// invitation index and renders the result in the caller's dialect.
    func execute(
        _ parsed: CanonicalRequest, mode: BatchMode?, claim: IdempotencyClaim?, request: GatewayRequest,
        matched: MatchedRoute, requestID: String, logger: Logger
    ) async throws(GatewayError) -> Executed {
        let canonical = parsed.resolvingOrganization(with: directory)
        if case .listMyInvitations = canonical, case let merged = listMineRoutes, merged.count > 1 {
            let result = try await mergedListMine(
                canonical, routes: merged, request: request, matched: matched, requestID: requestID, logger: logger)
            let completed = result.completingOrganizations(requested: nil, directory: directory)
            return Executed(response: renderResult(completed, request: request, matched: matched))
        }
        let (route, routed) = try await self.route(canonical, matched: matched, logger: logger)
        let context = upstreamContext(
            for: route, request: request, matched: matched, requestID: requestID, logger: logger,
            gatewaySuppliedFields: fieldsFilled(resolving: parsed, to: canonical))
        let result: CanonicalResponse
        var batchID: String?
        if case .createInvitations(let input) = routed,
            Self.isJournaled(emailCount: input.emails.count, mode: mode ?? route.batchMode, claim: claim)
        {
            (result, batchID) = try await createBatch(
                input, route: route, mode: mode ?? route.batchMode, claim: claim, context: context)
        } else {
            result = try await route.upstream.perform(routed, context: context)
        }
        let completed = result.completingOrganizations(requested: routed.organization, directory: directory)
        await remember(completed, upstream: route.name, organization: routed.organization, logger: logger)
        return Executed(response: renderResult(completed, request: request, matched: matched), batchID: batchID)
    }
}

/// A gateway built from parts that do not fit together (names the configuration key).
public struct GatewayConfigurationProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public let key: String
    public let reason: String
    public var description: String { "\(key): \(reason)" }
}
