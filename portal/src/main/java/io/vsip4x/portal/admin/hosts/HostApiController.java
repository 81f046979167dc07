package io.vsip4x.portal.admin.hosts;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.UserService;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The platform's hosts as JSON, for platform admins: list, detail, monitoring, start and shutdown. */
@RestController
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
@RequestMapping("/api/v1/admin/hosts")
@Tag(name = "Platform admin")
class HostApiController {

    private final HostDirectory directory;
    private final HostPower power;
    private final HostMonitoring monitoring;

    HostApiController(HostDirectory directory, HostPower power, HostMonitoring monitoring) {
        this.directory = directory;
        this.power = power;
        this.monitoring = monitoring;
    }

    @GetMapping
    @Operation(summary = "The platform's hosts, filtered by pool (id or name), online (true/false) and "
            + "classification; 400 for a bad filter or a pool the platform does not list, 503 when the platform "
            + "cannot be reached")
    List<HostRow> list(@RequestParam(required = false) String pool, @RequestParam(required = false) String online,
            @RequestParam(required = false) String classification) {
        return directory.list(HostFilter.parse(pool, online, classification));
    }

    @GetMapping("/{hostId}")
    @Operation(summary = "One host with its CPU, memory, OS, disks, NICs with link state, the VMs on it and its "
            + "latest power operation; 404 (code 3022) for an unknown host")
    HostDetail detail(@PathVariable String hostId, Locale locale) {
        return directory.detail(hostId, locale);
    }

    @GetMapping("/{hostId}/monitoring")
    @Operation(summary = "A host's CPU, memory, disk and network samples of the last hour; 404 (code 3022) for "
            + "a host never sampled that the platform does not know")
    HostSeries monitoring(@PathVariable String hostId) {
        return HostPages.series(directory, monitoring, hostId);
    }

    @PostMapping("/{hostId}/start")
    @Operation(summary = "Starts a shut-down host through the operation queue: 202 with the operation; 404 "
            + "(3022) unknown host, 409 (9004) already running, 409 when a power operation on it is under way")
    ResponseEntity<HostPower.Accepted> start(@PathVariable String hostId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(power.perform(UserService.current(), hostId, HostAction.START));
    }

    @PostMapping("/{hostId}/shutdown")
    @Operation(summary = "Shuts a running host down through the operation queue: 202 with the operation; 404 "
            + "(3022) unknown host, 409 (3023) not running, 409 (9004) VMs on it not stopped (listed in vms), "
            + "409 when a power operation on it is under way")
    ResponseEntity<HostPower.Accepted> shutdown(@PathVariable String hostId) {
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(power.perform(UserService.current(), hostId, HostAction.SHUTDOWN));
    }
}
