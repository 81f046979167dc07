package io.vsip4x.portal.vms;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The VM list page, with live status (the operations are {@link VmActionController}'s). */
@Controller
class VmController {

    private final VmService vms;
    private final MessageSource messages;
    private final VmProgressEstimates progress;

    VmController(VmService vms, MessageSource messages, VmProgressEstimates progress) {
        this.vms = vms;
        this.messages = messages;
        this.progress = progress;
    }

    /** The page, or only its rows when htmx asks for them (a live update). */
    @GetMapping("/vms")
    String list(Model model, Locale locale, HttpServletRequest request) {
        model.addAttribute("vms", views(UserService.current(), locale));
        return "vm-rows".equals(request.getHeader("HX-Target")) ? "vms/list :: rows" : "vms/list";
    }

    private List<VmView> views(CurrentUser user, Locale locale) {
        return vms.visibleTo(user).stream()
                .map(vm -> VmView.of(vm, vms.latestOperation(vm.vmId()), messages, locale, progress))
                .toList();
    }
}
