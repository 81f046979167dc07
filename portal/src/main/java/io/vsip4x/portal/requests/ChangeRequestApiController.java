package io.vsip4x.portal.requests;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.requests.ChangeForms.DataDiskForm;
import io.vsip4x.portal.requests.ChangeForms.QuotaForm;
import io.vsip4x.portal.requests.ChangeForms.RenewalForm;
import io.vsip4x.portal.requests.ChangeForms.ResizeForm;
import io.vsip4x.portal.web.PortalException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Requests that change what exists, as JSON: a VM's shape, data disks, leases, the tenant's quota. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Change requests", description = "Asking to resize a VM, for data disks, a longer lease, more quota")
class ChangeRequestApiController {

    private final ChangeRequestService changes;
    private final RequestService requests;

    ChangeRequestApiController(ChangeRequestService changes, RequestService requests) {
        this.changes = changes;
        this.requests = requests;
    }

    @PostMapping("/vms/{vmId}/resize-requests")
    @Operation(summary = "Ask for a new shape of one's VM (cpu, memoryMb, optional larger diskGb); 400 per "
            + "field, 409 with the numbers when the increase is over quota")
    ResponseEntity<RequestView> resize(@PathVariable String vmId, @RequestBody ResizeForm form) {
        CurrentUser user = UserService.current();
        return created(user, changes.resize(user, vmId, required(form)));
    }

    @PostMapping("/vms/{vmId}/data-disk-requests")
    @Operation(summary = "Ask for a new data disk of sizeGb, or (with dataDiskId) for a disk to grow to sizeGb")
    ResponseEntity<RequestView> dataDisk(@PathVariable String vmId, @RequestBody DataDiskForm form) {
        CurrentUser user = UserService.current();
        return created(user, changes.dataDisk(user, vmId, required(form)));
    }

    @PostMapping("/vms/{vmId}/renewal-requests")
    @Operation(summary = "Ask for the lease to run until leaseUntil (yyyy-MM-dd), within the longest lease")
    ResponseEntity<RequestView> renewal(@PathVariable String vmId, @RequestBody RenewalForm form) {
        CurrentUser user = UserService.current();
        return created(user, changes.renewal(user, vmId, required(form)));
    }

    @PostMapping("/quota-requests")
    @Operation(summary = "Ask, as a tenant admin, for new limits of the tenant's quota; platform admins decide")
    ResponseEntity<RequestView> quota(@RequestBody QuotaForm form) {
        CurrentUser user = UserService.current();
        return created(user, changes.quota(user, required(form)));
    }

    private ResponseEntity<RequestView> created(CurrentUser user, long id) {
        return ResponseEntity.created(URI.create("/api/v1/requests/" + id))
                .body(RequestView.of(requests.get(user, id)));
    }

    private static <T> T required(T form) {
        if (form == null) {
            throw new PortalException(HttpStatus.BAD_REQUEST, "error.unreadable", null);
        }
        return form;
    }
}
