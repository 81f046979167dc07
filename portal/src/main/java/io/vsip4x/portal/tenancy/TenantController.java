package io.vsip4x.portal.tenancy;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The tenant pages: platform admins create and edit tenants (their list is
 * {@link TenantTableController}); a tenant's own admins see its quota and set their people's caps.
 */
@Controller
class TenantController {

    private final TenantAdmin admin;
    private final UserCaps caps;
    private final QuotaBars bars;
    private final CatalogService catalog;
    private final MessageSource messages;

    TenantController(TenantAdmin admin, UserCaps caps, QuotaBars bars, CatalogService catalog,
            MessageSource messages) {
        this.admin = admin;
        this.caps = caps;
        this.bars = bars;
        this.catalog = catalog;
        this.messages = messages;
    }

    @GetMapping("/admin/tenants/new")
    String blank(Model model) {
        TenantAdmin.requirePlatformAdmin(UserService.current());
        return form(model, null, TenantForm.blank(), Map.of());
    }

    /** Creates; on bad input shows the form again with each message beside its field. */
    @PostMapping("/admin/tenants")
    String create(@ModelAttribute TenantForm form, Model model, Locale locale, HttpServletResponse response) {
        try {
            String code = admin.create(UserService.current(), form);
            return "redirect:/admin/tenants/" + code + "?saved";
        } catch (FieldProblems problems) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, null, form, errors(problems, locale));
        }
    }

    /** The edit page for platform admins; the quota and people page for the tenant's own admins. */
    @GetMapping("/admin/tenants/{code}")
    String show(@PathVariable String code, Model model) {
        CurrentUser me = UserService.current();
        Tenant tenant = admin.find(code);
        if (me.canOperate()) {
            TenantAdmin.Details d = admin.get(me, code);
            return form(model, d, TenantForm.of(d.tenant(), d.grants(), d.version()), Map.of());
        }
        return people(model, tenant, null, null, Map.of());
    }

    /** Saves; 409 when somebody saved the tenant since the form was read. */
    @PostMapping("/admin/tenants/{code}")
    String update(@PathVariable String code, @ModelAttribute TenantForm form, Model model, Locale locale,
            HttpServletResponse response) {
        CurrentUser me = UserService.current();
        try {
            String saved = admin.update(me, code, form);
            return "redirect:/admin/tenants/" + saved + "?saved";
        } catch (FieldProblems problems) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return form(model, admin.get(me, code), form, errors(problems, locale));
        }
    }

    /** Sets a person's caps; on bad input shows the page again with the messages in their row. */
    @PostMapping("/admin/tenants/{code}/caps/{userId}")
    String setCap(@PathVariable String code, @PathVariable long userId, @ModelAttribute CapForm form, Model model,
            Locale locale, HttpServletResponse response) {
        CurrentUser me = UserService.current();
        Tenant tenant = admin.find(code);
        try {
            caps.set(me, tenant, userId, form);
            return "redirect:/admin/tenants/" + tenant.code() + "?capSaved#people";
        } catch (FieldProblems problems) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            Map<String, String> errors = errors(problems, locale);
            if (me.canOperate()) {
                TenantAdmin.Details d = admin.get(me, code);
                form(model, d, TenantForm.of(d.tenant(), d.grants(), d.version()), Map.of());
                model.addAttribute("capUser", userId);
                model.addAttribute("capForm", form);
                model.addAttribute("capErrors", errors);
                return "tenants/edit";
            }
            return people(model, tenant, userId, form, errors);
        }
    }

    @PostMapping("/admin/tenants/{code}/caps/{userId}/clear")
    String clearCap(@PathVariable String code, @PathVariable long userId) {
        Tenant tenant = admin.find(code);
        caps.clear(UserService.current(), tenant, userId);
        return "redirect:/admin/tenants/" + tenant.code() + "?capCleared#people";
    }

    private String form(Model model, TenantAdmin.Details details, TenantForm form, Map<String, String> errors) {
        CurrentUser me = UserService.current();
        model.addAttribute("details", details);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("catalog", catalog.all());
        model.addAttribute("levels", List.of(0, 1, 2, 3, 4));
        if (details != null) {
            model.addAttribute("panel", bars.tenant(details.tenant()));
            model.addAttribute("members", caps.members(me, details.tenant()));
        }
        model.addAttribute("capErrors", Map.of());
        return "tenants/edit";
    }

    private String people(Model model, Tenant tenant, Long capUser, CapForm capForm, Map<String, String> errors) {
        CurrentUser me = UserService.current();
        if (!UserCaps.mayManage(me, tenant)) {
            throw PortalException.forbidden("error.forbidden");
        }
        model.addAttribute("tenant", tenant);
        model.addAttribute("panel", bars.tenant(tenant));
        model.addAttribute("members", caps.members(me, tenant));
        model.addAttribute("capUser", capUser);
        model.addAttribute("capForm", capForm);
        model.addAttribute("capErrors", errors);
        return "tenants/people";
    }

    private Map<String, String> errors(FieldProblems problems, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        problems.problems().forEach(p -> errors.putIfAbsent(p.field(),
                messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
        return errors;
    }
}
