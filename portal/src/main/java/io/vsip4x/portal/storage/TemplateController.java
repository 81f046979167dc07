package io.vsip4x.portal.storage;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmGuard;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * The templates pages: the list of templates a person may use ({@code /templates}), and a VM's
 * template tab, where its owner makes a template of it when it is stopped and the tenant allows it.
 */
@Controller
class TemplateController {

    private static final String LIVE = "storage/vm-template :: live";

    private final TemplateService templates;
    private final VmGuard guard;

    TemplateController(TemplateService templates, VmGuard guard) {
        this.templates = templates;
        this.guard = guard;
    }

    @GetMapping("/templates")
    String list(@RequestParam(required = false) String withdrawn, Model model) {
        model.addAttribute("templates", templates.list(UserService.current()));
        model.addAttribute("withdrawn", withdrawn);
        return "storage/templates";
    }

    /** Withdraws a template made from a VM from its tenant (the platform keeps the image). */
    @PostMapping("/templates/{templateId}/withdraw")
    String withdraw(@PathVariable String templateId, HttpServletRequest request, HttpServletResponse response) {
        templates.withdraw(UserService.current(), templateId);
        String to = "/templates?withdrawn=" + UriUtils.encodeQueryParam(templateId, StandardCharsets.UTF_8);
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", to);
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return null;
        }
        return "redirect:" + to;
    }

    @GetMapping("/vms/{vmId}/template")
    String tab(@PathVariable String vmId, @RequestParam(required = false) String built, Model model,
            Locale locale, HttpServletRequest request) {
        fill(UserService.current(), vmId, built, model, locale);
        return "template-live".equals(request.getHeader("HX-Target")) ? LIVE : "storage/vm-template";
    }

    /** Makes the template; htmx gets the tab's live part back, a plain post the tab. */
    @PostMapping("/vms/{vmId}/template")
    String build(@PathVariable String vmId, @RequestParam(required = false) String name,
            @RequestParam(required = false) String encryption, @RequestParam(required = false) String checksum,
            Model model, Locale locale, HttpServletRequest request) {
        CurrentUser user = UserService.current();
        TemplateStore.Built built = templates.build(user, vmId, name, encryption,
                checksum != null && !"false".equals(checksum));
        if (request.getHeader("HX-Request") == null) {
            return "redirect:/vms/" + vmId + "/template?built=" + built.templateId();
        }
        fill(user, vmId, built.templateId(), model, locale);
        return LIVE;
    }

    private void fill(CurrentUser user, String vmId, String built, Model model, Locale locale) {
        Vm vm = templates.visible(user, vmId);
        boolean allowed = templates.allowed(vm);
        VmGuard.Refusal refusal = templates.refusal(vm);
        model.addAttribute("vm", vm);
        model.addAttribute("allowed", allowed);
        model.addAttribute("operable", guard.mayOperate(user, vm));
        model.addAttribute("why", refusal == null ? null
                : new CdromController.Reason(refusal.code(), guard.explain(refusal, vm, "template-build", locale)));
        model.addAttribute("encryptions", TemplateService.ENCRYPTIONS);
        model.addAttribute("count", templates.count(vm));
        model.addAttribute("nameMax", TemplateService.NAME_MAX);
        var builtList = templates.builtFrom(vmId);
        model.addAttribute("builtList", builtList);
        model.addAttribute("built", builtList.stream().anyMatch(b -> b.templateId().equals(built)) ? built : null);
    }
}
