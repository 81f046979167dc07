package io.vsip4x.portal.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.UserService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The audit chain's verification as JSON, for auditors and security admins. */
@RestController
@PreAuthorize("hasAnyRole('AUDITOR', 'SECURITY_ADMIN')")
@Tag(name = "Audit", description = "The operation log, for auditors")
class AuditVerifyApiController {

    private final AuditVerifier verifier;

    AuditVerifyApiController(AuditVerifier verifier) {
        this.verifier = verifier;
    }

    @GetMapping("/api/v1/audit/verify")
    @Operation(summary = "Verifies the audit chain now, from its anchor to its head: intact, how many links were "
            + "checked, the head, and the first broken link (seq, event id, problem, detail) or null")
    AuditVerification verify() {
        return verifier.verify(AuditVerifier.Trigger.ON_DEMAND, UserService.current().username());
    }
}
