package io.vsip4x.portal.audit;

import io.vsip4x.portal.identity.UserService;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Runs a verification of the audit chain from the auditor's pages: a page with its button, and the
 * run itself, which answers the result section
 * ({@code audit/verify :: result}) to htmx, the page around it otherwise.
 */
@Controller
@PreAuthorize("hasAnyRole('AUDITOR', 'SECURITY_ADMIN')")
class AuditVerifyController {

    private final AuditVerifier verifier;

    AuditVerifyController(AuditVerifier verifier) {
        this.verifier = verifier;
    }

    /** The page with the button that runs a verification (the audit list links here). */
    @GetMapping("/audit/verify")
    String page() {
        return "audit/verify";
    }

    @PostMapping("/audit/verify")
    String verify(HttpServletRequest request, Model model) {
        model.addAttribute("verification",
                verifier.verify(AuditVerifier.Trigger.ON_DEMAND, UserService.current().username()));
        return request.getHeader("HX-Request") == null ? "audit/verify" : "audit/verify :: result";
    }
}
