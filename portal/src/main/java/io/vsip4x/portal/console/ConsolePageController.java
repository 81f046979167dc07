package io.vsip4x.portal.console;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmService;
import io.vsip4x.portal.web.PortalException;
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

    /**
     * Every reason word a console can close or be refused with (the tunnel's {@code error}
     * instruction); the page shows each as {@code console.reason.<WORD>}.
     */
    static final List<String> REASONS = List.of("TOKEN_INVALID", "TOKEN_USED", "TOKEN_EXPIRED", "TOKEN_OTHER_USER",
            "NO_SESSION", "LIMIT_REACHED", "VM_NOT_RUNNING", "GUACD_UNREACHABLE", "USER_CLOSED", "BROWSER_DROPPED",
            "SIGNED_OUT", "SESSION_ENDED", "ACCESS_LOST", "TAKEN_OVER", "ENDED_BY_ADMIN", "GUACD_CLOSED",
            "GUACD_STALLED", "PORTAL_STOPPING", "NODE_LOST");

    /** The token endpoint's refusals the page explains by their HTTP status. */
    static final List<Integer> TOKEN_REFUSALS = List.of(401, 403, 404, 409, 429, 503);

    private final VmService vms;
    private final ConsoleAccess access;

    ConsolePageController(VmService vms, ConsoleAccess access) {
        this.vms = vms;
        this.access = access;
    }

    /** The page; 404 as every VM page when the VM is not the person's to see, 403 without a console right. */
    @GetMapping("/vms/{vmId}/console")
    String console(@PathVariable String vmId, Model model) {
        CurrentUser user = UserService.current();
        Vm vm = vms.get(user, vmId);
        ConsoleRight right = access.rightOf(user, vm);
        if (!right.any()) {
            throw PortalException.forbidden("console.page.forbidden", vm.name());
        }
        model.addAttribute("vm", vm);
        model.addAttribute("viewOnly", !right.interactive());
        model.addAttribute("owner", "OWNER".equals(right.basis()));
        model.addAttribute("available", ConsoleButton.available(vm));
        model.addAttribute("reasons", REASONS);
        model.addAttribute("refusals", TOKEN_REFUSALS);
        return "vms/console";
    }
}
