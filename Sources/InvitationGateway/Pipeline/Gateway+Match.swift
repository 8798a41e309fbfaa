import HTTPTypes
import InvitationCore

/// A request's route, found by the "match" stage.
struct MatchedRoute: Sendable {
    let dialect: Dialect
    let route: Route
    let pathParameters: [String: String]
}

/// A request no route takes: the error and the dialect whose envelope carries it.
struct MatchFailure: Error {
    let error: GatewayError
    let dialect: Dialect
    var headers: HTTPFields = HTTPFields()
}

extension Gateway {
    /// Stage "match": finds the dialect and route; unknown routes are 404 and wrong methods 405 with `Allow`.
    func match(_ request: GatewayRequest) -> Result<MatchedRoute, MatchFailure> {
        switch registry.match(method: request.method, path: request.path) {
        case .route(let dialect, let route, let parameters) where servedDialects.contains(dialect.name):
            return .success(MatchedRoute(dialect: dialect, route: route, pathParameters: parameters))
        case .methodNotAllowed(let dialect, let allowed) where servedDialects.contains(dialect.name):
            var headers = HTTPFields()
            headers[.allow] = allowed.joined(separator: ", ")
            let error = GatewayError(
                status: 405, code: .invalidRequest,
                message: "\(request.method) is not allowed here; allowed: \(allowed.joined(separator: ", ")).")
            return .failure(MatchFailure(error: error, dialect: dialect, headers: headers))
        case .notFound(let dialect?) where servedDialects.contains(dialect.name):
            return .failure(MatchFailure(error: Self.notFound(request), dialect: dialect))
        default:
            return .failure(MatchFailure(error: Self.notFound(request), dialect: defaultDialect))
        }
    }

    /// The dialect whose envelope carries an error about `request`: the matched route's, else the one
    /// ``match(_:)`` answers an unmatched request in.
    func errorDialect(for request: GatewayRequest) -> Dialect {
        switch match(request) {
        case .success(let matched): matched.dialect
        case .failure(let failure): failure.dialect
        }
    }

    static func notFound(_ request: GatewayRequest) -> GatewayError {
        GatewayError(code: .notFound, message: "No route matches \(request.method) \(Self.printable(request.path)).")
    }

    /// A path safe to echo in a message (control characters and overlong paths cut).
    static func printable(_ path: String) -> String {
        let clean = String(path.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
        return clean.count > 200 ? String(clean.prefix(200)) + "…" : clean
    }
}
