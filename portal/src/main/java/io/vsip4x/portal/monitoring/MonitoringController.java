package io.vsip4x.portal.monitoring;

import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.Times;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The monitoring panel of a VM: the fragment the VM detail page loads into its monitoring
 * section (an htmx request), or a page of its own; and the series its charts draw, for the
 * signed-in browser (the API under {@code /api/v1} takes no session).
 */
@Controller
class MonitoringController {

    private final MonitoringService monitoring;
    private final Times times;

    MonitoringController(MonitoringService monitoring, Times times) {
        this.monitoring = monitoring;
        this.times = times;
    }

    @GetMapping("/vms/{vmId}/monitoring/panel")
    String panel(@PathVariable String vmId, @RequestParam(required = false) String range, Model model,
            HttpServletRequest request) {
        MonitoringRange chosen = MonitoringRange.parse(range);
        Series series = monitoring.series(UserService.current(), vmId, chosen);
        model.addAttribute("series", series);
        model.addAttribute("vmId", vmId);
        model.addAttribute("timeZone", times.zoneId());
        model.addAttribute("ranges", MonitoringRange.values());
        return request.getHeader("HX-Request") != null ? "vms/monitoring :: panel" : "vms/monitoring";
    }

    @GetMapping("/vms/{vmId}/monitoring/series")
    @ResponseBody
    Series series(@PathVariable String vmId, @RequestParam(required = false) String range) {
        return monitoring.series(UserService.current(), vmId, MonitoringRange.parse(range));
    }
}
