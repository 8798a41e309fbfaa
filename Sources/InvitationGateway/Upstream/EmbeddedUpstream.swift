import InvitationCore

/// The "upstream" stage for an in-process ``InvitationService`` (the reference service): no socket, no translation.
public struct EmbeddedUpstream: Upstream {
    public let service: any InvitationService

    public init(service: any InvitationService) {
        self.service = service
    }

    public func perform(_ request: CanonicalRequest, context: UpstreamContext) async throws(GatewayError)
        -> CanonicalResponse
    {
        do {
            return try await service.perform(request, metadata: context.metadata)
        } catch let error as GatewayError {
            throw error
        } catch {
            context.logger.error("The embedded service failed: \(String(describing: type(of: error)))")
            throw GatewayError(code: .internal, message: "The service failed.")
        }
    }
}
