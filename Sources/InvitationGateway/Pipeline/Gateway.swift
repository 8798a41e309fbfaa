import HTTPTypes
import InvitationCore
import Logging

/// The request pipeline: match → parse → upstream → render, for every dialect at once.
///
/// Built once at start-up from a loaded registry and the configured upstreams; nothing is parsed or
/// looked up per request beyond the route match.
public final class Gateway: Sendable {
    public let registry: DialectRegistry
    /// The dialect of errors for requests that resemble no dialect's route.
    public let defaultDialect: Dialect
    /// The caller dialects served, by name.
    public let servedDialects: Set<String>
    public let bodyLimitBytes: Int
    let upstreamsByDialect: [String: UpstreamRoute]
    let logger: Logger

    /// Builds a pipeline; every served dialect must reach an upstream.
    public init(
        registry: DialectRegistry, upstreams: [UpstreamRoute], defaultDialect: String? = nil,
        servedDialects: [String]? = nil, bodyLimitBytes: Int = 1 << 20,
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
                throw GatewayConfigurationProblem(key: "defaultDialect", reason: "no mapping defines the dialect '\(defaultDialect)'")
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
                    throw GatewayConfigurationProblem(key: "upstreams.callers", reason: "no mapping defines the dialect '\(caller)'")
                }
                if byDialect[caller] == nil { byDialect[caller] = route }
            }
        }
        let fallback = upstreams.first(where: { $0.callers == nil })
        for name in served where byDialect[name] == nil {
            guard let fallback else {
                throw GatewayConfigurationProblem(
                    key: "upstreams", reason: "no upstream takes callers of the \(name) dialect; add it to a 'callers' list or add an upstream without one")
            }
            byDialect[name] = fallback
        }
        self.upstreamsByDialect = byDialect
        self.bodyLimitBytes = bodyLimitBytes
        self.logger = logger
    }

    /// Whether the gateway can serve: mappings are loaded and every served dialect has an upstream.
    public var isReady: Bool {
        !servedDialects.isEmpty && servedDialects.allSatisfy { upstreamsByDialect[$0] != nil }
    }

    /// Answers one request; never throws: every failure is an error response in the caller's dialect.
    public func respond(to request: GatewayRequest) async -> GatewayResponse {
        let requestID = RequestID.accept(request.headers[RequestID.fieldName]) ?? RequestID.make()
        var logger = self.logger
        logger[metadataKey: "request-id"] = "\(requestID)"
        var response = await pipeline(request, requestID: requestID, logger: logger)
        response.headers[RequestID.fieldName] = requestID
        if response.status >= 500 {
            logger.notice("\(request.method) \(request.path) → \(response.status)")
        } else {
            logger.debug("\(request.method) \(request.path) → \(response.status)")
        }
        return response
    }

    func pipeline(_ request: GatewayRequest, requestID: String, logger: Logger) async -> GatewayResponse {
        if let health = health(request) { return health }
        let matched: MatchedRoute
        switch match(request) {
        case .success(let route): matched = route
        case .failure(let failure): return render(failure.error, in: failure.dialect, request: request, requestID: requestID, extraHeaders: failure.headers)
        }
        guard let body = request.body else {
            let error = GatewayError(
                status: 413, code: .invalidRequest, message: "The request body is larger than \(bodyLimitBytes) bytes.")
            return render(error, in: matched.dialect, request: request, requestID: requestID)
        }
        do throws(GatewayError) {
            let canonical = try parse(request, body: body, matched: matched)
            let result = try await forward(canonical, request: request, matched: matched, requestID: requestID, logger: logger)
            return renderResult(result, request: request, matched: matched)
        } catch {
            return render(error, in: matched.dialect, request: request, requestID: requestID)
        }
    }
}

/// A gateway built from parts that do not fit together (names the configuration key).
public struct GatewayConfigurationProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public let key: String
    public let reason: String
    public var description: String { "\(key): \(reason)" }
}
