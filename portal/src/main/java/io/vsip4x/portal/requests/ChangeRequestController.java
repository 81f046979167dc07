package io.vsip4x.portal.requests;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.requests.ChangeForms.DataDiskForm;
import io.vsip4x.portal.requests.ChangeForms.Limits;
import io.vsip4x.portal.requests.ChangeForms.QuotaForm;
import io.vsip4x.portal.requests.ChangeForms.RenewalForm;
import io.vsip4x.portal.requests.ChangeForms.ResizeForm;
import io.vsip4x.portal.tenancy.QuotaExceeded;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmService;
import io.vsip4x.portal.web.FieldProblems;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * The small forms of change requests: resize, data disk and renewal of a VM (reached from the
 * VM list), and a quota change of the tenant. Bad input shows the form again with each message
 * beside its field; an increase over quota shows the numbers above the form.
 */
@Controller
class ChangeRequestController {

    private static final String TEMPLATE = "requests/change-form";

    private final ChangeRequestService changes;
    private final VmService vms;
    private final MessageSource messages;

    ChangeRequestController(ChangeRequestService changes, VmService vms, MessageSource messages) {
        this.changes = changes;
        this.vms = vms;
        this.messages = messages;
    }

    @GetMapping("/vms/{vmId}/change/resize")
    String resizeForm(@PathVariable String vmId, Model model) {
        Vm vm = vms.get(UserService.current(), vmId);
        return vmForm(model, RequestKind.RESIZE, vm, new ResizeForm(vm.cpu(), vm.memoryMb(), null, null), Map.of());
    }

    @PostMapping("/vms/{vmId}/change/resize")
    String resize(@PathVariable String vmId, @ModelAttribute("form") ResizeForm form, BindingResult binding,
            Model model, Locale locale, HttpServletResponse response) {
        CurrentUser user = UserService.current();
        Vm vm = vms.get(user, vmId);
        ResizeForm shown = form == null ? new ResizeForm(null, null, null, null) : form;
        return submit(binding, locale, response, () -> changes.resize(user, vmId, shown),
                errors -> vmForm(model, RequestKind.RESIZE, vm, shown, errors));
    }

    /** The older data-disk form: the VM's disk tab has the one form (name, size, pool) now. */
    @GetMapping("/vms/{vmId}/change/data-disk")
    String dataDiskForm(@PathVariable String vmId) {
        Vm vm = vms.get(UserService.current(), vmId);
        return "redirect:/vms/" + vm.vmId() + "/disks";
    }

    @PostMapping("/vms/{vmId}/change/data-disk")
    String dataDisk(@PathVariable String vmId, @ModelAttribute("form") DataDiskForm form, BindingResult binding,
            Model model, Locale locale, HttpServletResponse response) {
        CurrentUser user = UserService.current();
        Vm vm = vms.get(user, vmId);
        DataDiskForm shown = form == null ? new DataDiskForm(null, null, null) : form;
        return submit(binding, locale, response, () -> changes.dataDisk(user, vmId, shown),
                errors -> vmForm(model, RequestKind.DATA_DISK, vm, shown, errors));
    }

    @GetMapping("/vms/{vmId}/change/renewal")
    String renewalForm(@PathVariable String vmId, Model model) {
        Vm vm = vms.get(UserService.current(), vmId);
        return vmForm(model, RequestKind.RENEWAL, vm, new RenewalForm(null, null), Map.of());
    }

    @PostMapping("/vms/{vmId}/change/renewal")
    String renewal(@PathVariable String vmId, @ModelAttribute("form") RenewalForm form, BindingResult binding,
            Model model, Locale locale, HttpServletResponse response) {
        CurrentUser user = UserService.current();
        Vm vm = vms.get(user, vmId);
        RenewalForm shown = form == null ? new RenewalForm(null, null) : form;
        return submit(binding, locale, response, () -> changes.renewal(user, vmId, shown),
                errors -> vmForm(model, RequestKind.RENEWAL, vm, shown, errors));
    }

    @GetMapping("/quota-requests/new")
    String quotaForm(Model model) {
        CurrentUser user = UserService.current();
        return quotaPage(model, new QuotaForm(changes.currentLimits(user), null), Map.of());
    }

    @PostMapping("/quota-requests")
    String quota(@ModelAttribute("form") QuotaForm form, BindingResult binding, Model model, Locale locale,
            HttpServletResponse response) {
        CurrentUser user = UserService.current();
        QuotaForm shown = form == null || form.limits() == null
                ? new QuotaForm(new Limits(null, null, null, null, null, null, null), null) : form;
        return submit(binding, locale, response, () -> changes.quota(user, shown),
                errors -> quotaPage(model, shown, errors));
    }

    /** Submits; on bad input or an increase over quota shows the form again with the messages. */
    private String submit(BindingResult binding, Locale locale, HttpServletResponse response, LongSupplier save,
            Function<Map<String, String>, String> page) {
        Map<String, String> errors = new LinkedHashMap<>();
        binding.getFieldErrors().forEach(e -> errors.putIfAbsent(e.getField(),
                messages.getMessage("request.error.number", null, locale)));
        int status = HttpServletResponse.SC_BAD_REQUEST;
        if (errors.isEmpty()) {
            try {
                return "redirect:/requests/" + save.getAsLong() + "?submitted";
            } catch (FieldProblems problems) {
                problems.problems().forEach(p -> errors.putIfAbsent(p.field(),
                        messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
            } catch (QuotaExceeded e) {
                errors.put("quota", messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale));
                status = e.status().value();
            }
        }
        response.setStatus(status);
        return page.apply(errors);
    }

    private String vmForm(Model model, RequestKind kind, Vm vm, Object form, Map<String, String> errors) {
        CurrentUser user = UserService.current();
        model.addAttribute("kind", kind.name());
        model.addAttribute("vm", vm);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        if (kind == RequestKind.DATA_DISK) {
            model.addAttribute("disks", changes.disksOf(user, vm.vmId()));
        }
        if (kind == RequestKind.RENEWAL) {
            model.addAttribute("leaseEnd", changes.leaseEnd(user, vm.vmId()));
        }
        return TEMPLATE;
    }

    private String quotaPage(Model model, QuotaForm form, Map<String, String> errors) {
        Limits limits = form.limits();
        Map<String, Long> values = new LinkedHashMap<>();
        if (limits != null) {
            values.put("cpu", limits.cpu());
            values.put("memoryMb", limits.memoryMb());
            values.put("diskGb", limits.diskGb());
            values.put("dataDiskGb", limits.dataDiskGb());
            values.put("vms", limits.vms());
            values.put("snapshots", limits.snapshots());
            values.put("backups", limits.backups());
        }
        model.addAttribute("kind", RequestKind.QUOTA.name());
        model.addAttribute("form", form);
        model.addAttribute("limitValues", values);
        model.addAttribute("errors", errors);
        return TEMPLATE;
    }
}
