import HTTPTypes
import InvitationCore

extension Gateway {
    /// `GET /healthz` (200 while the process serves) and `GET /readyz` (200 when mappings are loaded and every
    /// served dialect has an upstream, else 503); nil for any other request.
    func health(_ request: GatewayRequest) -> GatewayResponse? {
        guard request.method == "GET" || request.method == "HEAD" else { return nil }
        let status: Int
        let body: JSONValue
        switch request.path {
        case "/healthz":
            status = 200
            body = ["status": "ok"]
        case "/readyz":
            let ready = isReady
            status = ready ? 200 : 503
            body = [
                "status": .string(ready ? "ready" : "not_ready"),
                "dialects": .array(servedDialects.sorted().map(JSONValue.string)),
            ]
        default:
            return nil
        }
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        return GatewayResponse(status: status, headers: headers, body: body.jsonBytes)
    }
}
