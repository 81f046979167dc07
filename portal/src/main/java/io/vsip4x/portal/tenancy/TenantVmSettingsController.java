package io.vsip4x.portal.tenancy;

import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.FieldProblems;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The page of a tenant's VM settings: platform admins change them, the tenant's admins read them. */
@Controller
class TenantVmSettingsController {

    private final TenantVmSettingsAdmin admin;
    private final MessageSource messages;

    TenantVmSettingsController(TenantVmSettingsAdmin admin, MessageSource messages) {
        this.admin = admin;
        this.messages = messages;
    }

    /** The page's form: the number as typed, check boxes absent when unticked. */
    record PageForm(String snapshotsPerVm, Boolean templateBuilds, Boolean dataDiskApproval, String templatesMax) {

        static PageForm of(TenantVmSettings s) {
            return new PageForm(String.valueOf(s.snapshotsPerVm()), s.templateBuilds(), s.dataDiskApproval(),
                    String.valueOf(s.templatesMax()));
        }

        TenantVmSettingsAdmin.Form toForm() {
            Integer max = templatesMax == null ? null : number(templatesMax);
            if (templatesMax != null && max == null) {
                max = -1;
            }
            return new TenantVmSettingsAdmin.Form(number(snapshotsPerVm), Boolean.TRUE.equals(templateBuilds),
                    Boolean.TRUE.equals(dataDiskApproval), max);
        }

        private static Integer number(String typed) {
            try {
                return Integer.valueOf(typed == null ? "" : typed.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    @GetMapping("/admin/tenants/{code}/vm-settings")
    String show(@PathVariable String code, Model model) {
        TenantVmSettingsAdmin.Current current = admin.get(UserService.current(), code);
        return page(model, current, PageForm.of(current.settings()), Map.of());
    }

    /** Saves; on bad input shows the form again with each message beside its field. */
    @PostMapping("/admin/tenants/{code}/vm-settings")
    String save(@PathVariable String code, @ModelAttribute PageForm form, Model model, Locale locale,
            HttpServletResponse response) {
        try {
            admin.save(UserService.current(), code, form.toForm());
            return "redirect:/admin/tenants/" + code + "/vm-settings?saved";
        } catch (FieldProblems problems) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            Map<String, String> errors = new LinkedHashMap<>();
            problems.problems().forEach(p -> errors.putIfAbsent(p.field(),
                    messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
            return page(model, admin.get(UserService.current(), code), form, errors);
        }
    }

    private String page(Model model, TenantVmSettingsAdmin.Current current, PageForm form,
            Map<String, String> errors) {
        model.addAttribute("tenant", current.tenant());
        model.addAttribute("editable", current.editable());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("maxSnapshots", TenantVmSettings.MAX_SNAPSHOTS_PER_VM);
        model.addAttribute("maxTemplates", TenantVmSettings.MAX_TEMPLATES);
        return "tenants/vm-settings";
    }
}
