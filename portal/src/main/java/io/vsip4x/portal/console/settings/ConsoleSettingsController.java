package io.vsip4x.portal.console.settings;

import io.vsip4x.portal.console.KeyboardLayouts;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.tenancy.Tenant;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.sdk.links.UsbControl;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
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

/** The page of a tenant's console settings, for whoever may manage the tenant. */
@Controller
class ConsoleSettingsController {

    private final ConsoleSettingsService settings;
    private final MessageSource messages;

    ConsoleSettingsController(ConsoleSettingsService settings, MessageSource messages) {
        this.settings = settings;
        this.messages = messages;
    }

    /** The page's form: the USB classes as one text, check boxes absent when unticked. */
    record PageForm(String usbMode, String usbClasses, Boolean usbReadWrite, Boolean smartcard, Boolean userControl,
            String keyboardLayout, Boolean recording, String recordingRetentionDays) {

        static PageForm of(ConsoleSettingsService.Form f) {
            return new PageForm(f.usbMode(), String.join(" ", f.usbClasses()), f.usbReadWrite(), f.smartcard(),
                    f.userControl(), f.keyboardLayout(), f.recording(), String.valueOf(f.recordingRetentionDays()));
        }

        ConsoleSettingsService.Form toForm() {
            String text = usbClasses == null ? "" : usbClasses.strip();
            List<String> classes = text.isEmpty() ? List.of() : Arrays.asList(text.split("[\\s,;]+"));
            Integer days;
            try {
                days = Integer.valueOf(recordingRetentionDays == null ? "" : recordingRetentionDays.strip());
            } catch (NumberFormatException e) {
                days = null;
            }
            return new ConsoleSettingsService.Form(usbMode, classes, ticked(usbReadWrite), ticked(smartcard),
                    ticked(userControl), keyboardLayout, ticked(recording), days);
        }

        private static boolean ticked(Boolean box) {
            return Boolean.TRUE.equals(box);
        }
    }

    @GetMapping("/admin/tenants/{code}/console")
    String show(@PathVariable String code, Model model) {
        Tenant tenant = settings.manageable(UserService.current(), code);
        ConsoleSettingsService.Form form = ConsoleSettingsService.Form.of(settings.get(UserService.current(), code));
        return page(model, tenant, PageForm.of(form), Map.of());
    }

    /** Saves; on bad input shows the form again with each message beside its field. */
    @PostMapping("/admin/tenants/{code}/console")
    String save(@PathVariable String code, @ModelAttribute PageForm form, Model model, Locale locale,
            HttpServletResponse response) {
        Tenant tenant = settings.manageable(UserService.current(), code);
        try {
            settings.save(UserService.current(), code, form.toForm());
            return "redirect:/admin/tenants/" + tenant.code() + "/console?saved";
        } catch (FieldProblems problems) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            Map<String, String> errors = new LinkedHashMap<>();
            problems.problems().forEach(p -> errors.putIfAbsent(p.field(),
                    messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale)));
            return page(model, tenant, form, errors);
        }
    }

    private String page(Model model, Tenant tenant, PageForm form, Map<String, String> errors) {
        model.addAttribute("tenant", tenant);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("usbModes", UsbControl.Mode.values());
        model.addAttribute("layouts", KeyboardLayouts.ALL);
        model.addAttribute("maxRetention", ConsoleSettingsService.MAX_RETENTION_DAYS);
        return "tenants/console";
    }
}
