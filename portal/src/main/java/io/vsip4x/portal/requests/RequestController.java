package io.vsip4x.portal.requests;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The requester's pages: the form, their requests, one request; withdrawing, commenting, editing. */
@Controller
class RequestController {

    private final RequestService requests;
    private final RequestOptions options;
    private final MessageSource messages;
    private final RequestActions actions;
    private final ApprovalWorkflow workflow;
    private final InstallImages images;

    RequestController(RequestService requests, RequestOptions options, MessageSource messages,
            RequestActions actions, ApprovalWorkflow workflow, InstallImages images) {
        this.requests = requests;
        this.options = options;
        this.messages = messages;
        this.actions = actions;
        this.workflow = workflow;
        this.images = images;
    }

    /** The caller's requests; only the rows when htmx refreshes them. */
    @GetMapping("/requests")
    String list(Model model, HttpServletRequest request) {
        model.addAttribute("requests", requests.mine(UserService.current()));
        return "request-rows".equals(request.getHeader("HX-Target")) ? "requests/list :: rows" : "requests/list";
    }

    @GetMapping("/requests/new")
    String form(Model model) {
        return form(model, RequestForm.blank(), Map.of());
    }

    /** Submits; on bad input shows the form again with each message beside its field. */
    @PostMapping("/requests")
    String submit(@ModelAttribute("form") RequestForm form, BindingResult binding, Model model, Locale locale,
            HttpServletResponse response) {
        Map<String, String> errors = bindingErrors(binding, locale);
        if (errors.isEmpty()) {
            try {
                long id = requests.submit(UserService.current(), form);
                return "redirect:/requests/" + id + "?submitted";
            } catch (FieldProblems problems) {
                addProblems(errors, problems, locale);
            }
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        return form(model, form == null ? RequestForm.blank() : form, errors);
    }

    @GetMapping("/requests/{id}")
    String show(@PathVariable long id, Model model) {
        CurrentUser user = UserService.current();
        RequestService.Details details = requests.get(user, id);
        model.addAttribute("details", details);
        model.addAttribute("comments", actions.comments(id));
        model.addAttribute("mine", details.request().requesterId() == user.id());
        model.addAttribute("authority", workflow.authority(user, details.request()).orElse(null));
        model.addAttribute("undecidableLevel", workflow.undecidableLevel(details.request()).orElse(null));
        return "requests/show";
    }

    /** The form again, filled with a request sent back for changes, for its requester to edit. */
    @GetMapping("/requests/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        CurrentUser user = UserService.current();
        VmRequest r = requests.get(user, id).request();
        if (r.requesterId() != user.id()) {
            throw PortalException.notFound("error.request.notFound", id);
        }
        if (r.state() != RequestState.CHANGES_REQUESTED) {
            throw PortalException.conflict("error.request.notSentBack", id);
        }
        RequestForm form = new RequestForm(r.templateId(), r.repoId(), r.cpu(), r.memoryMb(), r.diskGb(), r.count(),
                r.network(), r.reason(), r.powerOn(), r.leaseDays(), r.kind().name(), r.imageId(), r.osType(),
                r.osBits());
        model.addAttribute("editing", r);
        return form(model, form, Map.of());
    }

    /** Submits an edited request again; on bad input shows the edit form with the messages. */
    @PostMapping("/requests/{id}/resubmit")
    String resubmit(@PathVariable long id, @RequestParam(required = false) Integer version,
            @ModelAttribute("form") RequestForm form, BindingResult binding, Model model, Locale locale,
            HttpServletResponse response) {
        CurrentUser user = UserService.current();
        Map<String, String> errors = bindingErrors(binding, locale);
        if (errors.isEmpty()) {
            try {
                actions.resubmit(user, id, version, form);
                return "redirect:/requests/" + id + "?submitted";
            } catch (FieldProblems problems) {
                addProblems(errors, problems, locale);
            }
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        model.addAttribute("editing", requests.get(user, id).request());
        return form(model, form == null ? RequestForm.blank() : form, errors);
    }

    @PostMapping("/requests/{id}/withdraw")
    String withdraw(@PathVariable long id, @RequestParam(required = false) Integer version) {
        actions.withdraw(UserService.current(), id, version);
        return "redirect:/requests/" + id;
    }

    @PostMapping("/requests/{id}/comments")
    String comment(@PathVariable long id, @RequestParam(required = false) String body) {
        actions.comment(UserService.current(), id, body);
        return "redirect:/requests/" + id + "#comments";
    }

    private Map<String, String> bindingErrors(BindingResult binding, Locale locale) {
        Map<String, String> errors = new LinkedHashMap<>();
        binding.getFieldErrors().forEach(e -> errors.putIfAbsent(e.getField(),
                messages.getMessage("request.error.number", null, locale)));
        return errors;
    }

    private void addProblems(Map<String, String> errors, FieldProblems problems, Locale locale) {
        problems.problems().forEach(p -> errors.putIfAbsent(p.field(),
                messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
    }

    private String form(Model model, RequestForm form, Map<String, String> errors) {
        CurrentUser user = UserService.current();
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("offer", user.tenantId() == null ? null : options.offer(user));
        model.addAttribute("images", user.tenantId() == null ? List.of() : imagesOrNone(user));
        return "requests/form";
    }

    /** The ISO images of the advanced option; none while the platform cannot be asked (the form still works). */
    private List<InstallImages.ImageOption> imagesOrNone(CurrentUser user) {
        try {
            return images.forViewer(user);
        } catch (PlatformUnavailableException e) {
            return List.of();
        }
    }
}
