import InvitationCore

/// A configured upstream as the pipeline uses it: the stage that performs operations and the credential policy.
///
/// A class: built once from the configuration and carried by every request routed to it.
public final class UpstreamRoute: Sendable {
    /// The configured name (`upstreams[i].name`), for logs.
    public let name: String
    public let upstream: any Upstream
    /// `upstream` when it is a dialect over a transport (cast once, not per request).
    let dialectUpstream: DialectUpstream?
    public let credentials: CredentialPolicy
    /// The caller dialects sent here; nil for the default upstream.
    public let callers: Set<String>?
    /// What a batch create does when an email fails, unless the request's `X-Batch-Mode` says.
    public let batchMode: BatchMode

    public init(
        name: String, upstream: any Upstream, credentials: CredentialPolicy = .passthrough, callers: Set<String>? = nil,
        batchMode: BatchMode = .bestEffort
    ) {
        self.name = name
        self.upstream = upstream
        self.dialectUpstream = upstream as? DialectUpstream
        self.credentials = credentials
        self.callers = callers
        self.batchMode = batchMode
    }
}
