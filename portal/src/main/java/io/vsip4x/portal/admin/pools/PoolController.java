package io.vsip4x.portal.admin.pools;

import io.vsip4x.portal.admin.pools.CapacityPlanner.Answer;
import io.vsip4x.portal.admin.pools.CapacityPlanner.Input;
import io.vsip4x.portal.admin.pools.PoolViews.PoolDetail;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.requests.RequestValidator;
import io.vsip4x.portal.web.FieldProblems;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * The pool pages for platform admins: the list, a pool's detail with its capacity planner, and
 * the planner across all pools. The planner answers in place (htmx) or as the whole page.
 */
@Controller
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
class PoolController {

    private static final String PLANNER = "admin/pools/planner :: planner";

    private final PoolDirectory pools;
    private final CapacityPlanner planner;
    private final MessageSource messages;

    PoolController(PoolDirectory pools, CapacityPlanner planner, MessageSource messages) {
        this.pools = pools;
        this.planner = planner;
        this.messages = messages;
    }

    /** The planner's fields as the form sends them: text, so that a word gets its own message. */
    record PlannerForm(String cpu, String memoryMb, String diskGb, List<String> templates) {

        static final PlannerForm EMPTY = new PlannerForm("2", "2048", "40", List.of());

        Input input() {
            return new Input(cpu, memoryMb, diskGb, templates);
        }
    }

    @GetMapping("/admin/pools")
    String list(Model model) {
        try {
            model.addAttribute("pools", pools.list());
            model.addAttribute("unavailable", false);
        } catch (PlatformUnavailableException e) {
            model.addAttribute("pools", List.of());
            model.addAttribute("unavailable", true);
        }
        return "admin/pools/list";
    }

    @GetMapping("/admin/pools/{repoId}")
    String detail(@PathVariable String repoId, Model model) {
        detailModel(repoId, model);
        planner(model, "/admin/pools/" + repoId + "/capacity", PlannerForm.EMPTY, Map.of(), null);
        return "admin/pools/detail";
    }

    @PostMapping("/admin/pools/{repoId}/capacity")
    String capacity(@PathVariable String repoId, @ModelAttribute PlannerForm form, Model model, Locale locale,
            HttpServletResponse response, @RequestHeader(value = "HX-Request", required = false) String htmx) {
        String action = "/admin/pools/" + repoId + "/capacity";
        try {
            CapacityPlanner.Shape shape = planner.check(form.input());
            Answer answer = planner.ask(pools.pool(repoId), shape);
            planner(model, action, form, Map.of(), List.of(answer));
        } catch (FieldProblems problems) {
            refused(response, htmx);
            planner(model, action, form, errors(problems, locale), null);
        } catch (PlatformUnavailableException e) {
            unavailable(model, action, form);
        }
        if (htmx != null) {
            return PLANNER;
        }
        detailModel(repoId, model);
        return "admin/pools/detail";
    }

    @GetMapping("/admin/pools/capacity")
    String capacityPage(Model model) {
        planner(model, "/admin/pools/capacity", PlannerForm.EMPTY, Map.of(), null);
        return "admin/pools/capacity";
    }

    @PostMapping("/admin/pools/capacity")
    String capacityAll(@ModelAttribute PlannerForm form, Model model, Locale locale, HttpServletResponse response,
            @RequestHeader(value = "HX-Request", required = false) String htmx) {
        try {
            List<Answer> answers = planner.askAll(form.input());
            planner(model, "/admin/pools/capacity", form, Map.of(), answers);
        } catch (FieldProblems problems) {
            refused(response, htmx);
            planner(model, "/admin/pools/capacity", form, errors(problems, locale), null);
        } catch (PlatformUnavailableException e) {
            unavailable(model, "/admin/pools/capacity", form);
        }
        return htmx != null ? PLANNER : "admin/pools/capacity";
    }

    private void detailModel(String repoId, Model model) {
        model.addAttribute("repoId", repoId);
        try {
            PoolDetail detail = pools.detail(repoId);
            model.addAttribute("detail", detail);
            model.addAttribute("unavailable", false);
        } catch (PlatformUnavailableException | PoolRefusedException e) {
            model.addAttribute("detail", null);
            model.addAttribute("tenants", pools.grants().getOrDefault(repoId, List.of()));
            model.addAttribute("unavailable", true);
            model.addAttribute("refusedCode", e instanceof PoolRefusedException refused ? refused.code() : null);
        }
    }

    /** The planner's model: its form's target, values and errors, the answers and the templates to pick. */
    private void planner(Model model, String action, PlannerForm form, Map<String, String> errors,
            List<Answer> answers) {
        model.addAttribute("plannerAction", action);
        model.addAttribute("form", form.templates() == null
                ? new PlannerForm(form.cpu(), form.memoryMb(), form.diskGb(), List.of()) : form);
        model.addAttribute("errors", errors);
        model.addAttribute("answers", answers);
        model.addAttribute("limits", Map.of("cpu", RequestValidator.MAX_CPU, "memoryStep",
                RequestValidator.MEMORY_STEP_MB, "memory", RequestValidator.MAX_MEMORY_MB, "disk",
                RequestValidator.MAX_DISK_GB));
        model.addAttribute("templates", planner.templates());
    }

    /** The planner with its form as sent and a note that the platform did not answer the question. */
    private void unavailable(Model model, String action, PlannerForm form) {
        planner(model, action, form, Map.of(), null);
        model.addAttribute("plannerUnavailable", true);
    }

    /** Bad input answers 400; in place for htmx (the page's script swaps a retargeted refusal). */
    private static void refused(HttpServletResponse response, String htmx) {
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        if (htmx != null) {
            response.setHeader("HX-Retarget", "#capacity-planner");
            response.setHeader("HX-Reswap", "outerHTML");
        }
    }

    private Map<String, String> errors(FieldProblems problems, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        problems.problems().forEach(p -> errors.putIfAbsent(p.field(),
                messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
        return errors;
    }
}
