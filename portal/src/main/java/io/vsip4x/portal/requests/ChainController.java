package io.vsip4x.portal.requests;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.tenancy.Tenant;
import io.vsip4x.portal.tenancy.TenantService;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A tenant's approval chain and rules of automatic approval, for its tenant admins and for
 * platform admins ({@code ?tenant=code}).
 */
@Controller
class ChainController {

    private final ApprovalChains chains;
    private final MessageSource messages;
    private final TenantService tenants;

    ChainController(ApprovalChains chains, MessageSource messages, TenantService tenants) {
        this.tenants = tenants;
        this.chains = chains;
        this.messages = messages;
    }

    @GetMapping("/admin/approval-chain")
    String show(@RequestParam(required = false) String tenant, Model model) {
        // Without a tenant named, one's own: a tenant admin's bookmark needs no parameter.
        String code = (tenant == null || tenant.isBlank()) ? UserService.current().tenantCode() : tenant;
        long tenantId = allowed(code);
        return page(model, code, tenantId, chains.configured(tenantId), Map.of());
    }

    /** Replaces the levels with the rows sent (rows without a role are left out). */
    @PostMapping("/admin/approval-chain/levels")
    String saveLevels(@RequestParam String tenant,
            @RequestParam(name = "role", required = false) List<String> roles,
            @RequestParam(name = "mode", required = false) List<String> modes,
            @RequestParam(name = "timeout", required = false) List<String> timeouts,
            @RequestParam(name = "action", required = false) List<String> actions,
            Model model, Locale locale, HttpServletResponse response) {
        long tenantId = allowed(tenant);
        List<ApprovalLevel> levels = new ArrayList<>();
        int rows = roles == null ? 0 : roles.size();
        try {
            for (int i = 0; i < rows; i++) {
                if (roles.get(i) == null || roles.get(i).isBlank()) {
                    continue;
                }
                levels.add(new ApprovalLevel(levels.size() + 1, parse(Role.class, roles.get(i), "level"),
                        parse(ApprovalLevel.Mode.class, at(modes, i), "level"), number(at(timeouts, i), "level"),
                        parse(ApprovalLevel.TimeoutAction.class, at(actions, i), "level")));
            }
            chains.replaceLevels(tenantId, levels);
            return "redirect:/admin/approval-chain?tenant=" + tenant + "&saved";
        } catch (FieldProblems problems) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(model, tenant, tenantId, levels, errors(problems, locale));
        }
    }

    @PostMapping("/admin/approval-chain/rules")
    String addRule(@RequestParam String tenant, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String maxCpu, @RequestParam(required = false) String maxMemoryMb,
            @RequestParam(required = false) String maxDiskGb, @RequestParam(required = false) String maxCount,
            @RequestParam(required = false) String maxLeaseDays,
            @RequestParam(required = false) String maxDataDiskGb,
            Model model, Locale locale, HttpServletResponse response) {
        long tenantId = allowed(tenant);
        try {
            Long mem = longNumber(maxMemoryMb, "thresholds");
            chains.addRule(tenantId, new AutoApprovalRule(0, parse(RequestKind.class, kind, "kind"),
                    number(maxCpu, "thresholds"), mem, longNumber(maxDiskGb, "thresholds"),
                    number(maxCount, "thresholds"), number(maxLeaseDays, "thresholds"),
                    longNumber(maxDataDiskGb, "thresholds")));
            return "redirect:/admin/approval-chain?tenant=" + tenant + "&saved";
        } catch (FieldProblems problems) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(model, tenant, tenantId, chains.configured(tenantId), errors(problems, locale));
        }
    }

    @PostMapping("/admin/approval-chain/rules/{id}/delete")
    String removeRule(@RequestParam String tenant, @PathVariable long id) {
        chains.removeRule(allowed(tenant), id);
        return "redirect:/admin/approval-chain?tenant=" + tenant + "&saved";
    }

    private String page(Model model, String tenant, long tenantId, List<ApprovalLevel> levels,
            Map<String, String> errors) {
        model.addAttribute("tenant", tenant);
        model.addAttribute("tenantName", tenants.find(tenantId).map(Tenant::name).orElse(tenant));
        model.addAttribute("levels", levels);
        model.addAttribute("rules", chains.rules(tenantId));
        model.addAttribute("errors", errors);
        model.addAttribute("roles", ApprovalLevel.ROLES);
        model.addAttribute("modes", ApprovalLevel.Mode.values());
        model.addAttribute("actions", ApprovalLevel.TimeoutAction.values());
        model.addAttribute("kinds", List.of(RequestKind.CREATE, RequestKind.RESIZE, RequestKind.DATA_DISK,
                RequestKind.RENEWAL, RequestKind.INSTALL));
        model.addAttribute("maxLevels", ApprovalChains.MAX_LEVELS);
        return "approvals/chain";
    }

    /** The tenant's id when the viewer may configure it: its tenant admin, or a platform admin. */
    private long allowed(String tenant) {
        CurrentUser user = UserService.current();
        if (tenant == null || tenant.isBlank()) {
            throw PortalException.notFound("chain.error.tenantUnknown", "");
        }
        boolean own = user.has(Role.TENANT_ADMIN) && tenant.equals(user.tenantCode());
        if (!own && !user.has(Role.PLATFORM_ADMIN)) {
            throw PortalException.forbidden("error.forbidden");
        }
        return chains.tenantId(tenant).orElseThrow(() -> PortalException.notFound("chain.error.tenantUnknown",
                tenant));
    }

    private Map<String, String> errors(FieldProblems problems, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        problems.problems().forEach(p -> errors.merge(p.field(),
                messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale), (a, b) -> a + " " + b));
        return errors;
    }

    private static String at(List<String> values, int i) {
        return values == null || i >= values.size() ? null : values.get(i);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw FieldProblems.of(field, "error.field.invalid");
        }
    }

    private static Integer number(String value, String field) {
        Long n = longNumber(value, field);
        if (n != null && (n > Integer.MAX_VALUE || n < Integer.MIN_VALUE)) {
            throw FieldProblems.of(field, "error.field.invalid");
        }
        return n == null ? null : n.intValue();
    }

    private static Long longNumber(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw FieldProblems.of(field, "error.field.invalid");
        }
    }
}
