package io.vsip4x.portal.console;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmService;
import io.vsip4x.portal.web.PortalException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The console page of a VM: the screen drawn by guacamole-common-js ({@code console.js}), its
 * toolbar, the clipboard panel, and the presence and share fragments. The page holds no secret:
 * the script asks for a one-time token when it connects.
 */
@Controller
class ConsolePageController {

    /** The page's VM status badge, which asks for itself again every few seconds. */
    static final String STATUS = "console-vm-status";

    /** The token endpoint's refusals the page explains by their HTTP status. */
    static final List<Integer> TOKEN_REFUSALS = List.of(401, 403, 404, 409, 429, 503);

    private final ConsoleVms vms;
    private final ConsoleAccess access;

    ConsolePageController(ConsoleVms vms, ConsoleAccess access) {
        this.vms = vms;
        this.access = access;
    }

    /**
     * The page: 404 as every VM page when the VM is not the person's to see (unless they have a
     * console of it without that: a view-only share, the console-only permission), 403 without a
     * console right. Asked by the page's status badge (htmx, {@code HX-Target} {@value #STATUS}), only
     * the badge with the VM's status now.
     */
    @GetMapping("/vms/{vmId}/console")
    String console(@PathVariable String vmId, Model model, HttpServletRequest request) {
        CurrentUser user = UserService.current();
        Vm vm = vms.visibleOrWithConsole(user, vmId);
        ConsoleRight right = access.rightOf(user, vm);
        if (!right.any()) {
            throw PortalException.forbidden("console.page.forbidden", vm.name());
        }
        model.addAttribute("vm", vm);
        if (STATUS.equals(request.getHeader("HX-Target"))) {
            return "vms/console :: status";
        }
        model.addAttribute("seesVm", VmService.visible(user, vm));
        model.addAttribute("viewOnly", !right.interactive());
        model.addAttribute("mayShare", ConsoleShares.mayManage(user, vm));
        model.addAttribute("available", ConsoleButton.available(vm));
        model.addAttribute("reasons", Arrays.stream(ConsoleReason.values()).map(Enum::name).toList());
        model.addAttribute("refusals", TOKEN_REFUSALS);
        return "vms/console";
    }
}
