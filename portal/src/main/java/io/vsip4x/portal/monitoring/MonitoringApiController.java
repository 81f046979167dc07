package io.vsip4x.portal.monitoring;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.UserService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A VM's monitoring series as JSON. */
@RestController
@Tag(name = "VMs", description = "The caller's VMs and their power actions")
class MonitoringApiController {

    private final MonitoringService monitoring;

    MonitoringApiController(MonitoringService monitoring) {
        this.monitoring = monitoring;
    }

    @GetMapping("/api/v1/vms/{vmId}/monitoring")
    @Operation(summary = "A VM's CPU, memory, disk and network series over the last hour (range=hour, raw "
            + "samples) or day (range=day, ten-minute averages); 404 when the VM is not the caller's to see, "
            + "400 for another range")
    Series series(@PathVariable String vmId, @RequestParam(required = false) String range) {
        return monitoring.series(UserService.current(), vmId, MonitoringRange.parse(range));
    }
}
