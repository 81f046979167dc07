package io.vsip4x.portal.audit;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The newest entries of the operation log, for auditors and security admins. */
@Controller
@PreAuthorize("hasAnyRole('AUDITOR', 'SECURITY_ADMIN')")
class AuditController {

    private final AuditService audit;

    AuditController(AuditService audit) {
        this.audit = audit;
    }

    @GetMapping("/audit")
    String latest(Model model) {
        model.addAttribute("entries", audit.latest(200));
        return "audit/latest";
    }
}
