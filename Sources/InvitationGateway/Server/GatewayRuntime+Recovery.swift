import InvitationCore
import Logging

extension GatewayRuntime {
    /// Settles the batches a crash left unfinished in the state database; the server runs it once before serving.
    ///
    /// All-or-nothing batches are compensated: each recorded created invitation is revoked through the upstream
    /// that created it, with that upstream's configured credentials (a `passthrough` upstream gets none, so its
    /// revokes may be refused: those invitations are reported as orphans). Best-effort batches are kept, so a
    /// retry with the same `Idempotency-Key` and body reuses their successes. See `docs/batches.md`.
    /// Calling it again does nothing and returns no reports.
    @discardableResult
    public func recoverUnfinishedBatches(logger: Logger? = nil) async throws -> [BatchRecoveryReport] {
        guard await recovered.claim() else { return [] }
        let logger = logger ?? gateway.logger
        let gateway = self.gateway
        let reports = try await state.recoverUnfinishedBatches { revocation in
            guard let route = gateway.routesByName[revocation.upstream] else {
                throw GatewayError(
                    code: .unavailable, message: "The upstream \(revocation.upstream) is no longer configured.")
            }
            var revokeLogger = logger
            revokeLogger[metadataKey: "request-id"] = "\(revocation.requestID)"
            let context = UpstreamContext(
                metadata: RequestMetadata(
                    requestID: revocation.requestID, credentials: route.credentials.apply(to: Credentials())),
                logger: revokeLogger)
            let organization = gateway.directory.resolve(revocation.organization)
            _ = try await route.upstream.perform(
                .revokeInvitation(
                    RevokeInvitationInput(invitationID: revocation.invitationID, organization: organization)),
                context: context)
        }
        for report in reports {
            let summary =
                "batch \(report.batch.id) (request \(report.batch.requestID), upstream \(report.batch.upstream)): "
                + "\(report.action.rawValue); revoked \(report.revokedInvitationIDs.count), "
                + "orphaned \(report.orphanedInvitationIDs), unresolved \(report.unresolvedEmails)"
            if report.orphanedInvitationIDs.isEmpty && report.unresolvedEmails.isEmpty {
                logger.notice("Recovered \(summary)")
            } else {
                logger.warning("Recovered \(summary)")
            }
        }
        return reports
    }
}

/// Makes start-up recovery run once per runtime.
actor RecoveryFlag {
    private var done = false

    /// True the first time only.
    func claim() -> Bool {
        defer { done = true }
        return !done
    }
}
