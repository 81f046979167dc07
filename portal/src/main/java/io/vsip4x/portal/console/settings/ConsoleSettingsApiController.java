package io.vsip4x.portal.console.settings;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.console.TenantConsoleSettings;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.sdk.links.UsbControl;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's console settings as JSON: platform admins for any tenant, tenant admins for their own. */
@RestController
@RequestMapping("/api/v1/tenants/{code}/console-settings")
@Tag(name = "Console settings", description = "What a department's native client links carry, its consoles' "
        + "keyboard layout and recording")
class ConsoleSettingsApiController {

    private final ConsoleSettingsService settings;

    ConsoleSettingsApiController(ConsoleSettingsService settings) {
        this.settings = settings;
    }

    /**
     * A tenant's settings.
     *
     * @param usbControl the fastrap link's USB control field they make, e.g. {@code 0308}
     */
    record SettingsView(String tenant, String usbMode, List<String> usbClasses, String usbControl,
            boolean usbReadWrite, boolean smartcard, boolean userControl, String keyboardLayout, boolean recording,
            int recordingRetentionDays) {

        static SettingsView of(String code, TenantConsoleSettings s) {
            UsbControl usb = s.usb();
            return new SettingsView(code, usb.mode().name(), usb.classes(), s.usbControl(), s.usbReadWrite(),
                    s.smartcard(), s.userControl(), s.keyboardLayout(), s.recording(), s.recordingRetentionDays());
        }
    }

    @GetMapping
    @Operation(summary = "The department's console settings; 403 unless a platform admin or the department's "
            + "admin, 404 when there is no such department")
    SettingsView get(@PathVariable String code) {
        return SettingsView.of(code, settings.get(UserService.current(), code));
    }

    @PutMapping
    @Operation(summary = "Replaces the console settings: usbMode (DISABLED, ENABLED, PARTIALLY_DISABLED, "
            + "PARTIALLY_ALLOWED), usbClasses (two hex digits each; only and at least one for the partial modes, "
            + "31 at most), usbReadWrite, smartcard, userControl, keyboardLayout (a guacd layout such as "
            + "en-us-qwerty), recording, recordingRetentionDays (1 to 3650); every key required. 400 with one "
            + "message per field (nothing changes then)")
    SettingsView put(@PathVariable String code, @RequestBody ConsoleSettingsService.Form form) {
        return SettingsView.of(code, settings.save(UserService.current(), code, form));
    }
}
