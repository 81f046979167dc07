package io.vsip4x.portal.vms;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.PortalException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * One VM in detail, and the operations on VMs, as JSON: the same rules and codes as the VM's
 * page ({@link VmAction}).
 */
@RestController
@RequestMapping("/api/v1/vms")
@Tag(name = "VM operations", description = "One VM in detail; start, shut down, pause, resume, reboot, resync, "
        + "delete, migrate and move; bulk actions")
class VmActionApiController {

    private final VmActions actions;
    private final VmBulk bulk;
    private final VmPages pages;

    VmActionApiController(VmActions actions, VmBulk bulk, VmPages pages) {
        this.actions = actions;
        this.bulk = bulk;
        this.pages = pages;
    }

    /**
     * The arguments of an operation, all optional but for its needs.
     *
     * @param hostId      the target host (migrate, move)
     * @param repoId      the target pool (move)
     * @param secureErase whether a deletion wipes the disks first (delete)
     */
    record ActionBody(String hostId, String repoId, Boolean secureErase) {
    }

    /** A bulk action on many VMs. */
    record BulkBody(String action, List<String> vmIds, Boolean secureErase) {
    }

    /** The per-VM results of a bulk action, in the order the VMs were named. */
    record BulkResults(List<VmBulk.Result> results) {
    }

    @GetMapping("/{vmId}")
    @Operation(summary = "One VM with its data disks, its NICs and disks as the platform reports them (or "
            + "devicesProblem), and its last operations; 404 when it is not the caller's to see")
    VmPages.VmDetailView get(@PathVariable String vmId, Locale locale) {
        return pages.detailView(UserService.current(), vmId, locale);
    }

    @PostMapping("/{vmId}/{action:start|shutdown|pause|resume|reboot|resync|delete|migrate|move}")
    @Operation(summary = "Asks an operation of a VM: 202 with the queued operation (resync: 200 with the VM); "
            + "409 with the spec's code (2049 must be stopped, 2050 must be running, 2051 must be paused, 2052 "
            + "not in this state or busy, 2046 wrong host) when the VM's state refuses it; 403 when the caller "
            + "may not operate it; 400 when migrate lacks hostId or move lacks hostId and repoId")
    ResponseEntity<Object> act(@PathVariable String vmId, @PathVariable String action,
            @RequestBody(required = false) ActionBody body, Locale locale) {
        VmAction chosen = VmAction.fromPath(action);
        if (chosen == null) {
            throw PortalException.notFound("error.notFound");
        }
        CurrentUser user = UserService.current();
        if (chosen == VmAction.RESYNC) {
            actions.resync(user, vmId);
            return ResponseEntity.ok(pages.view(user, vmId, locale));
        }
        ActionBody given = body == null ? new ActionBody(null, null, null) : body;
        VmActions.Accepted accepted = actions.perform(user, vmId, chosen, new VmActions.Args(given.hostId(),
                given.repoId(), Boolean.TRUE.equals(given.secureErase())));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(accepted);
    }

    @PostMapping("/bulk")
    @Operation(summary = "Starts, shuts down, reboots or deletes up to 500 VMs; each VM is decided on its own "
            + "and gets its own result (accepted with its operationId, or refused with code and message)")
    BulkResults bulk(@RequestBody BulkBody body, Locale locale) {
        return new BulkResults(bulk.perform(UserService.current(), body.action(), body.vmIds(),
                Boolean.TRUE.equals(body.secureErase()), locale));
    }
}
