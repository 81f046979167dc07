package io.vsip4x.portal.storage;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.Clearance;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.platform.Catalog;
import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.tenancy.ResourceKind;
import io.vsip4x.portal.tenancy.Tenant;
import io.vsip4x.portal.tenancy.TenantService;
import io.vsip4x.portal.tenancy.TenantVmSettingsService;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmGuard;
import io.vsip4x.portal.vms.VmPlatformCalls;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.LiveUpdates;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.model.BuildTemplateSpec;
import io.vsip4x.sdk.model.BuiltTemplate;
import io.vsip4x.sdk.model.TemplateInfo;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Templates: made from a stopped VM ({@code buildTemplate}, synchronous) where the VM's tenant
 * allows it ({@code TenantVmSettings.templateBuilds}), then granted to that tenant and carrying the
 * VM's classification; and listed as a person may use them: their tenant's grants (platform admins
 * every template), none above their clearance (and their tenant's ceiling). One build per VM at a
 * time, within the tenant's {@code TenantVmSettings.templatesMax}; a maker may name the template.
 * The platform has no method to delete a template: withdrawing one takes back the tenant's grant
 * and hides it from the tenant, the platform keeping the image.
 */
@Service
class TemplateService {

    /** Audit action of making a template from a VM. */
    static final String BUILD = "VM_TEMPLATE_BUILD";
    /** Audit action of withdrawing a template made from a VM from its tenant. */
    static final String WITHDRAW = "VM_TEMPLATE_WITHDRAW";
    /** The longest name of a template. */
    static final int NAME_MAX = 64;
    /** The disk encryption formats the platform knows. */
    static final List<String> ENCRYPTIONS = List.of("sm4", "aes");

    private static final Logger log = LoggerFactory.getLogger(TemplateService.class);
    private static final Set<Integer> STOPPED = Set.of(0);
    /** {@code buildTemplate}'s refusals: {@code template.refused.{code}}, arguments the VM's name and the code. */
    private static final VmPlatformCalls.Texts TEXTS = new VmPlatformCalls.Texts("template.refused.",
            Set.of("2003", "2005", "2049", "2052"));
    /** Stands for "answered": the caller reads the code itself, as its texts name it. */
    private static final SdkResult ANSWERED = new SdkResult("0", "", Map.of());

    private final VmGuard guard;
    private final VmPlatformCalls calls;
    private final TemplateRecovery recovery;
    private final TransactionTemplate tx;
    private final CatalogService catalog;
    private final TenantService tenants;
    private final TenantVmSettingsService settings;
    private final TemplateStore store;
    private final AuditService audit;
    private final LiveUpdates live;

    TemplateService(VmGuard guard, VmPlatformCalls calls, TemplateRecovery recovery, TransactionTemplate tx,
            CatalogService catalog, TenantService tenants, TenantVmSettingsService settings, TemplateStore store,
            AuditService audit, LiveUpdates live) {
        this.live = live;
        this.guard = guard;
        this.calls = calls;
        this.recovery = recovery;
        this.tx = tx;
        this.catalog = catalog;
        this.tenants = tenants;
        this.settings = settings;
        this.store = store;
        this.audit = audit;
    }

    /**
     * A template as a person sees it.
     *
     * @param classification the higher of the platform's level and, for one made from a VM, that VM's
     * @param name           the name its maker gave it, or {@code null}
     * @param built          how it was made from a VM, or {@code null} for the platform's own
     * @param withdrawable   whether the reader may withdraw it (its maker, the tenant's admins, platform admins)
     */
    record TemplateView(String templateId, String name, String osType, String osFamily, String osBits, int cpu,
            long memoryMb, long diskGb, int classification, TemplateStore.Built built, boolean withdrawable) {
    }

    /** Whether {@code vm}'s tenant lets its people make templates. */
    boolean allowed(Vm vm) {
        return settings.forTenant(vm.tenantId()).templateBuilds();
    }

    /** Why {@code vm} cannot become a template now, or {@code null}: its state, or a build of it under way. */
    VmGuard.Refusal refusal(Vm vm) {
        VmGuard.Refusal refusal = guard.refusal(vm, STOPPED, "2049");
        if (refusal == null && store.building(vm.vmId())) {
            return new VmGuard.Refusal("2052", "template.why.building");
        }
        return refusal;
    }

    /** How many templates {@code vm}'s tenant may have made, and how many it has (builds under way included). */
    record Count(int made, int max) {
    }

    /** The templates {@code vm}'s tenant has made, and its limit. */
    Count count(Vm vm) {
        return new Count(store.counted(vm.tenantId(), TemplateRecovery.PATIENCE),
                settings.forTenant(vm.tenantId()).templatesMax());
    }

    /** The VM {@code user} may see, or a 404. */
    Vm visible(CurrentUser user, String vmId) {
        return guard.visible(user, vmId, BUILD);
    }

    /** The templates made from VM {@code vmId}. */
    List<TemplateStore.Built> builtFrom(String vmId) {
        return store.ofVm(vmId);
    }

    /**
     * Makes a template of VM {@code vmId}. The VM is checked under its row lock, and the platform
     * is asked after the lock is let go (a whole disk is copied; the platform refuses a race with
     * 2052 or 2049). When the answer is lost, the new template is looked for ({@link TemplateRecovery}).
     *
     * One build per VM at a time: a second one while the first runs is refused with 2052, and the
     * tenant's builds (made and not withdrawn, and under way) are counted against
     * {@code TenantVmSettings.templatesMax} under the tenant's row lock.
     *
     * @param name       the name the template is shown with (at most {@link #NAME_MAX} characters, no
     *                   control or bidirectional formatting characters), or {@code null} or blank for none
     * @param encryption {@code sm4}, {@code aes}, or {@code null} or blank for none
     * @throws PortalException 404/403 as {@link VmGuard#operable}; 403 when the tenant does not allow
     *                         template builds; 409 with 2049 when the VM is not stopped, 2052 when busy or
     *                         a build of it runs; 409 when the tenant made as many templates as it may;
     *                         503 when the answer is lost and the template is not found (yet)
     * @throws FieldProblems   for an unknown encryption format or a bad name
     */
    public TemplateStore.Built build(CurrentUser user, String vmId, String name, String encryption,
            boolean checksum) {
        String[] format = new String[2];
        Vm vm = tx.execute(s -> {
            Vm locked = guard.operable(user, vmId, "template-build", BUILD);
            if (!allowed(locked)) {
                guard.denied(BUILD, vmId, null, "template builds not allowed");
                throw PortalException.forbidden("template.refused.notAllowed", locked.name()).audited();
            }
            format[0] = encryption(encryption);
            format[1] = name(name);
            guard.require(locked, STOPPED, "2049", "template-build", BUILD);
            if (store.building(vmId)) {
                guard.denied(BUILD, vmId, "2052", "a template of the VM is being made");
                throw new PortalException(HttpStatus.CONFLICT, "template.refused.building", "2052", locked.name(),
                        "2052").audited();
            }
            store.lockTenant(locked.tenantId());
            int max = settings.forTenant(locked.tenantId()).templatesMax();
            if (store.counted(locked.tenantId(), TemplateRecovery.PATIENCE) >= max) {
                guard.denied(BUILD, vmId, null, "templates of the tenant: " + max);
                throw new PortalException(HttpStatus.CONFLICT, "template.refused.limit", null, locked.name(), max)
                        .audited();
            }
            store.startBuild(vmId, locked.tenantId(), user.id());
            return locked;
        });
        try {
            TemplateStore.Built built = make(user, vm, format[1], format[0], checksum);
            live.publish(vm.tenantId(), LiveUpdates.VMS, vmId);
            return built;
        } finally {
            store.endBuild(vmId);
        }
    }

    private TemplateStore.Built make(CurrentUser user, Vm vm, String name, String encryptionFormat,
            boolean checksum) {
        String vmId = vm.vmId();
        String[] format = {encryptionFormat};

        String params = "encryption=" + (format[0] == null ? "none" : format[0]) + ", checksum=" + checksum;
        BuildTemplateSpec spec = new BuildTemplateSpec(format[0], checksum);
        Set<String> before = calls.call(vm, BUILD, params, c -> TemplateRecovery.templatesOf(c, vm),
                a -> ANSWERED, TEXTS);
        BuiltTemplate answer;
        try {
            answer = calls.call(vm, BUILD, params, c -> c.buildTemplate(vmId, spec), a -> ANSWERED, TEXTS);
        } catch (PlatformUnavailableException e) {
            return recovery.lost(new TemplateRecovery.Lost(vm, name, format[0], checksum, user.id(), user.displayName(),
                    before, params, Instant.now().plus(TemplateRecovery.PATIENCE))).orElseThrow(() -> e);
        }
        if (!answer.ok()) {
            String code = answer.result().code();
            throw calls.refused(vm, BUILD, params, code, TEXTS, vm.name(), code);
        }
        if (answer.templateId() == null || answer.templateId().isBlank()) {
            log.warn("The platform made a template of VM '{}' but did not say which", vmId);
            throw new PortalException(HttpStatus.BAD_GATEWAY, "template.refused.unnamed", null, vm.name());
        }

        String templateId = answer.templateId();
        tx.executeWithoutResult(s -> {
            tenants.grant(vm.tenantId(), ResourceKind.TEMPLATE, templateId);
            store.insert(templateId, vm.tenantId(), vmId, vm.name(), vm.classification(), format[0], checksum,
                    user.id(), name);
            audit.event(BUILD)
                    .target("VM", vmId)
                    .params(params + ", template=" + templateId + ", classification=" + vm.classification())
                    .record();
        });
        catalog.forget();
        return new TemplateStore.Built(templateId, vm.tenantId(), vmId, vm.name(), vm.classification(), format[0],
                checksum, user.displayName(), Instant.now(), name, user.id(), null);
    }

    /**
     * Withdraws template {@code templateId}, made from a VM, from its tenant: the platform has no
     * method to delete a template, so the portal takes back the tenant's grant and no longer lists it
     * to the tenant's people (the platform keeps the image; VMs made from it are untouched).
     *
     * @throws PortalException 404 when it is not a template made from a VM that {@code user} may see;
     *                         403 unless its maker, an admin of its tenant or a platform admin;
     *                         409 when it is withdrawn already
     */
    public void withdraw(CurrentUser user, String templateId) {
        tx.executeWithoutResult(s -> {
            TemplateStore.Built built = store.lock(templateId)
                    .filter(b -> user.has(Role.PLATFORM_ADMIN) || Long.valueOf(b.tenantId()).equals(user.tenantId()))
                    .orElseThrow(() -> {
                        guard.denied(WITHDRAW, "TEMPLATE", templateId, null, "not found");
                        return PortalException.notFound("template.refused.unknown", templateId).audited();
                    });
            if (!mayWithdraw(user, built)) {
                guard.denied(WITHDRAW, "TEMPLATE", templateId, null, "not permitted");
                throw PortalException.forbidden("template.refused.notYours", label(built)).audited();
            }
            if (built.withdrawnAt() != null) {
                throw PortalException.conflict("template.refused.withdrawn", label(built));
            }
            tenants.revoke(built.tenantId(), ResourceKind.TEMPLATE, templateId);
            store.withdraw(templateId, user.id());
            audit.event(WITHDRAW).target("TEMPLATE", templateId)
                    .params("vm=" + built.vmId() + ", tenant grant taken back; the platform keeps the image")
                    .record();
            live.publish(built.tenantId(), LiveUpdates.VMS);
        });
        catalog.forget();
    }

    private static boolean mayWithdraw(CurrentUser user, TemplateStore.Built built) {
        if (built.withdrawnAt() != null && !user.has(Role.PLATFORM_ADMIN)) {
            return false;
        }
        return user.has(Role.PLATFORM_ADMIN) || user.id() == built.builtById()
                || user.has(Role.TENANT_ADMIN) && Long.valueOf(built.tenantId()).equals(user.tenantId());
    }

    private static String label(TemplateStore.Built b) {
        return b.displayName() == null ? b.templateId() : b.displayName();
    }

    /** The name as given, stripped; {@code null} for none. */
    static String name(String given) {
        if (given == null || given.isBlank()) {
            return null;
        }
        String name = given.strip();
        if (name.codePointCount(0, name.length()) > NAME_MAX) {
            throw FieldProblems.of("name", "template.error.nameLength", NAME_MAX);
        }
        if (name.codePoints().anyMatch(TemplateService::forbidden)) {
            throw FieldProblems.of("name", "template.error.nameChars");
        }
        return name;
    }

    /** Control characters, and the invisible formatting ones (bidirectional marks and overrides among them). */
    private static boolean forbidden(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE || type == Character.SURROGATE;
    }

    /**
     * The templates {@code user} may use: their tenant's grants, or every one for a platform admin;
     * none above their clearance.
     *
     * @throws PortalException 403 for accounts of neither a tenant nor the platform's admins
     */
    @Transactional(readOnly = true)
    public List<TemplateView> list(CurrentUser user) {
        Catalog offer;
        Map<String, TemplateStore.Built> built;
        int limit;
        if (user.tenantId() != null) {
            offer = catalog.forTenant(user.tenantId());
            built = store.ofTenant(user.tenantId());
            int ceiling = tenants.find(user.tenantId()).map(Tenant::ceiling).orElse(0);
            limit = Clearance.limit(user.clearance(), ceiling);
        } else if (user.has(Role.PLATFORM_ADMIN)) {
            offer = catalog.all();
            built = store.all();
            limit = user.clearance();
        } else {
            throw PortalException.forbidden("error.forbidden");
        }
        boolean admin = user.has(Role.PLATFORM_ADMIN);
        return offer.templates().stream()
                .map(t -> view(t, built.get(t.templateId()), user))
                .filter(v -> admin || v.built() == null || v.built().withdrawnAt() == null)
                .filter(v -> v.classification() <= limit)
                .sorted(Comparator.comparing(TemplateView::templateId))
                .toList();
    }

    private static TemplateView view(TemplateInfo t, TemplateStore.Built built, CurrentUser user) {
        int level = built == null ? t.classification() : Math.max(t.classification(), built.classification());
        return new TemplateView(t.templateId(), built == null ? null : built.displayName(), t.osType(),
                t.osFamily(), t.osBits(), t.cpu(), t.memoryBytes() / (1024 * 1024),
                t.diskBytes() / (1024L * 1024 * 1024), level, built,
                built != null && built.withdrawnAt() == null && mayWithdraw(user, built));
    }

    private static String encryption(String given) {
        if (given == null || given.isBlank() || "none".equalsIgnoreCase(given.strip())) {
            return null;
        }
        String format = given.strip().toLowerCase(Locale.ROOT);
        if (!ENCRYPTIONS.contains(format)) {
            throw FieldProblems.of("encryption", "template.error.encryption");
        }
        return format;
    }
}
