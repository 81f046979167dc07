package io.vsip4x.portal.console.settings;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.console.ConsoleSettingsRepository;
import io.vsip4x.portal.console.KeyboardLayouts;
import io.vsip4x.portal.console.TenantConsoleSettings;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.tenancy.Tenant;
import io.vsip4x.portal.tenancy.TenantAdmin;
import io.vsip4x.portal.tenancy.UserCaps;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.links.UsbControl;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A tenant's console settings, read and changed by platform admins for any tenant and by a
 * tenant's admins for their own (as the tenant's people page). Bad input changes nothing; every
 * change is audited.
 */
@Service
public class ConsoleSettingsService {

    /** The longest a tenant may keep its recordings, in days. */
    static final int MAX_RETENTION_DAYS = 3650;
    /** How many USB classes the field holds (two characters each after the mode, 64 in all). */
    static final int MAX_USB_CLASSES = 31;

    private final TenantAdmin tenants;
    private final ConsoleSettingsRepository repository;
    private final AuditService audit;

    ConsoleSettingsService(TenantAdmin tenants, ConsoleSettingsRepository repository, AuditService audit) {
        this.tenants = tenants;
        this.repository = repository;
        this.audit = audit;
    }

    /**
     * The settings as a form gives them; {@code null} where a value was not given.
     *
     * @param usbMode    {@code DISABLED}, {@code ENABLED}, {@code PARTIALLY_DISABLED} or
     *                   {@code PARTIALLY_ALLOWED} (or the field's two digits, {@code 00} to {@code 03})
     * @param usbClasses the USB class codes of the partial modes, two hex digits each
     */
    public record Form(String usbMode, List<String> usbClasses, Boolean usbReadWrite, Boolean smartcard,
            Boolean userControl, String keyboardLayout, Boolean recording, Integer recordingRetentionDays) {

        /** The form of saved settings. */
        public static Form of(TenantConsoleSettings s) {
            UsbControl usb = s.usb();
            return new Form(usb.mode().name(), usb.classes(), s.usbReadWrite(), s.smartcard(), s.userControl(),
                    s.keyboardLayout(), s.recording(), s.recordingRetentionDays());
        }
    }

    /**
     * The tenant {@code code} and its settings.
     *
     * @throws PortalException 404 when there is no such tenant, 403 unless {@code user} may manage it
     */
    @Transactional(readOnly = true)
    public TenantConsoleSettings get(CurrentUser user, String code) {
        return repository.forTenant(manageable(user, code).id());
    }

    /** The tenant {@code code}, when {@code user} may manage it. */
    public Tenant manageable(CurrentUser user, String code) {
        Tenant tenant = tenants.find(code);
        if (!UserCaps.mayManage(user, tenant)) {
            throw PortalException.forbidden("error.forbidden");
        }
        return tenant;
    }

    /**
     * Replaces the tenant's settings.
     *
     * @throws FieldProblems   one message per bad field; nothing is saved then
     * @throws PortalException 404 or 403 as {@link #get}
     */
    @Transactional
    public TenantConsoleSettings save(CurrentUser user, String code, Form form) {
        Tenant tenant = manageable(user, code);
        TenantConsoleSettings settings = validate(tenant.id(), form);
        repository.save(settings, user.id());
        audit.event("TENANT_CONSOLE_SETTINGS_CHANGED")
                .target("TENANT", "tenant:" + tenant.code())
                .params("usbControl=" + settings.usbControl() + ", usbReadWrite=" + settings.usbReadWrite()
                        + ", smartcard=" + settings.smartcard() + ", userControl=" + settings.userControl()
                        + ", keyboardLayout=" + settings.keyboardLayout() + ", recording=" + settings.recording()
                        + ", recordingRetentionDays=" + settings.recordingRetentionDays())
                .record();
        return settings;
    }

    /** The settings of {@code form}, or every problem it has. */
    static TenantConsoleSettings validate(long tenantId, Form form) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        UsbControl.Mode mode = mode(form.usbMode());
        if (mode == null) {
            problems.reject("usbMode", "tenant.console.error.usbMode");
        }
        List<String> classes = classes(form.usbClasses(), problems);
        boolean partial = mode == UsbControl.Mode.PARTIALLY_DISABLED || mode == UsbControl.Mode.PARTIALLY_ALLOWED;
        if (mode != null && !problems.has("usbClasses")) {
            if (partial && classes.isEmpty()) {
                problems.reject("usbClasses", "tenant.console.error.usbClassesNeeded");
            } else if (!partial && !classes.isEmpty()) {
                problems.reject("usbClasses", "tenant.console.error.usbClassesUnexpected");
            } else if (classes.size() > MAX_USB_CLASSES) {
                problems.reject("usbClasses", "tenant.console.error.usbClassesTooMany", MAX_USB_CLASSES);
            }
        }
        require("usbReadWrite", form.usbReadWrite(), problems);
        require("smartcard", form.smartcard(), problems);
        require("userControl", form.userControl(), problems);
        require("recording", form.recording(), problems);
        if (form.keyboardLayout() == null || !KeyboardLayouts.known(form.keyboardLayout())) {
            problems.reject("keyboardLayout", "tenant.console.error.keyboardLayout");
        }
        Integer days = form.recordingRetentionDays();
        if (days == null || days < 1 || days > MAX_RETENTION_DAYS) {
            problems.reject("recordingRetentionDays", "tenant.console.error.retention", MAX_RETENTION_DAYS);
        }
        problems.throwIfAny();
        return new TenantConsoleSettings(tenantId, new UsbControl(mode, classes).encode(), form.usbReadWrite(),
                form.smartcard(), form.userControl(), form.keyboardLayout(), form.recording(), days);
    }

    private static UsbControl.Mode mode(String given) {
        if (given == null) {
            return null;
        }
        for (UsbControl.Mode mode : UsbControl.Mode.values()) {
            if (mode.name().equalsIgnoreCase(given.strip()) || mode.code().equals(given.strip())) {
                return mode;
            }
        }
        return null;
    }

    /** The class codes, upper-case and each once, in the order given. */
    private static List<String> classes(List<String> given, FieldProblems.Collector problems) {
        LinkedHashSet<String> classes = new LinkedHashSet<>();
        for (String code : given == null ? List.<String>of() : given) {
            String c = code == null ? "" : code.strip();
            if (!c.matches("[0-9A-Fa-f]{2}")) {
                problems.reject("usbClasses", "tenant.console.error.usbClass", c);
                return List.of();
            }
            classes.add(c.toUpperCase(Locale.ROOT));
        }
        return new ArrayList<>(classes);
    }

    private static void require(String field, Boolean value, FieldProblems.Collector problems) {
        if (value == null) {
            problems.reject(field, "tenant.console.error.required");
        }
    }
}
