import Hummingbird
import InvitationCore
import NIOCore

/// The catch-all Hummingbird responder: every request goes through the ``Gateway`` pipeline.
public struct GatewayResponder: HTTPResponder {
    public typealias Context = BasicRequestContext

    public let gateway: Gateway

    public init(gateway: Gateway) {
        self.gateway = gateway
    }

    public func respond(to request: Request, context: Context) async throws -> Response {
        let body = try await Self.collect(request, limit: gateway.bodyLimitBytes)
        let answer = await gateway.respond(
            to: GatewayRequest(
                method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
                headers: request.headers, body: body))
        let buffer = answer.body.isEmpty ? ByteBuffer() : ByteBuffer(bytes: answer.body)
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: answer.headers,
            body: ResponseBody(byteBuffer: buffer))
    }

    /// The whole body, or nil once it passes `limit` (a declared `Content-Length` is checked before reading).
    static func collect(_ request: Request, limit: Int) async throws -> [UInt8]? {
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit { return nil }
        var bytes: [UInt8] = []
        for try await chunk in request.body {
            if bytes.count + chunk.readableBytes > limit { return nil }
            bytes.append(contentsOf: chunk.readableBytesView)
        }
        return bytes
    }
}
