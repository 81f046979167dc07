package io.vsip4x.portal.admin.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The platform admins' dashboard: the page {@code /admin}, which refreshes its body every 15 seconds
 * with htmx, and the same figures as JSON. The JSON never fails for the platform's sake: the sections
 * the platform did not answer are {@code null} and {@code platformAvailable} is {@code false}.
 */
@Controller
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
@Tag(name = "Platform admin")
class DashboardController {

    private final DashboardService dashboards;

    DashboardController(DashboardService dashboards) {
        this.dashboards = dashboards;
    }

    /** The page, or only its body for htmx's periodic refresh. */
    @GetMapping("/admin")
    String page(@RequestHeader(name = "HX-Request", required = false) String htmx, Model model) {
        Dashboard dashboard = dashboards.read();
        model.addAttribute("dash", dashboard);
        if (dashboard.licence() != null) {
            // The banner shows what was read just now rather than what the layout remembered.
            model.addAttribute("licenceBanner", dashboard.licence().warns() ? dashboard.licence() : null);
        }
        return htmx == null ? "admin/dashboard" : "admin/dashboard :: refreshed";
    }

    @GetMapping("/api/v1/admin/dashboard")
    @ResponseBody
    @Operation(summary = "The platform's licence, hosts, VMs, pool use, operation queue and callbacks "
            + "(platform admins); sections the platform did not answer are null and platformAvailable false")
    Dashboard dashboard() {
        return dashboards.read();
    }
}
