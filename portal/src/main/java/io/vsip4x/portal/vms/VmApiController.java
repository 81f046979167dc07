package io.vsip4x.portal.vms;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The VMs as JSON. */
@RestController
@RequestMapping("/api/v1/vms")
@Tag(name = "VMs", description = "The caller's VMs")
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

    @GetMapping
    @Operation(summary = "The VMs the caller sees")
    List<VmView> list(Locale locale) {
        CurrentUser user = UserService.current();
        return vms.visibleTo(user).stream()
                .map(vm -> VmView.of(vm, vms.latestOperation(vm.vmId()), messages, locale, progress))
                .toList();
    }
}
