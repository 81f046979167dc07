package io.vsip4x.portal.vms;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.PortalException;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The VMs as JSON. */
@RestController
@RequestMapping("/api/v1/vms")
@Tag(name = "VMs", description = "The caller's VMs and their power actions")
class VmApiController {

    private final VmService vms;
    private final MessageSource messages;
    private final VmDataDisks dataDisks;
    private final VmProgressEstimates progress;

    VmApiController(VmService vms, MessageSource messages, VmDataDisks dataDisks, VmProgressEstimates progress) {
        this.vms = vms;
        this.messages = messages;
        this.dataDisks = dataDisks;
        this.progress = progress;
    }

    /** An accepted power action. */
    record Accepted(long operationId, String vmId, String action) {
    }

    @GetMapping
    @Operation(summary = "The VMs the caller sees")
    List<VmView> list(Locale locale) {
        CurrentUser user = UserService.current();
        return vms.visibleTo(user).stream()
                .map(vm -> VmView.of(vm, vms.latestOperation(vm.vmId()), messages, locale, progress))
                .toList();
    }

    @GetMapping("/{vmId}")
    @Operation(summary = "One VM with its data disks (their dataDiskId, name, sizeGb and state); 404 when it is "
            + "not the caller's to see")
    VmView get(@PathVariable String vmId, Locale locale) {
        Vm vm = vms.get(UserService.current(), vmId);
        return VmView.of(vm, vms.latestOperation(vmId), messages, locale, progress)
                .withDataDisks(dataDisks.of(vmId));
    }

    @PostMapping("/{vmId}/{action:start|shutdown|reboot}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Start, shut down or reboot a VM; 409 when its state does not allow it")
    Accepted power(@PathVariable String vmId, @PathVariable String action) {
        PowerAction power = PowerAction.fromPath(action);
        if (power == null) {
            throw PortalException.notFound("error.notFound");
        }
        long id = vms.power(UserService.current(), vmId, power);
        return new Accepted(id, vmId, action);
    }
}
