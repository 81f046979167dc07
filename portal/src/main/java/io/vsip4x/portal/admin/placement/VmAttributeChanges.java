package io.vsip4x.portal.admin.placement;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.platform.Catalog;
import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.platform.VmClassificationsReported;
import io.vsip4x.portal.vms.VmPlatformCalls;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.TemplateInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sets one attribute on several VMs at once ({@code setVmAttributes}, all or none): checked
 * first (the VMs must be the portal's and active, the value one the attribute takes for every
 * one of them), then asked of the platform, which names VMs by name; on this platform a VM's
 * name is its id (docs/platform-binding.md, catalog A21), so the ids are sent. The portal keeps
 * only the classification of a VM: it follows through {@link VmClassificationsReported}, as
 * when the platform reports a level. A level must stay within each VM's owner's clearance and its
 * tenant's ceiling (the owner would lose the VM) and not fall below its template's and pool's
 * levels. Each VM gets its own row in the operation log, under the VM's tenant.
 */
@Service
class VmAttributeChanges {

    private static final Logger log = LoggerFactory.getLogger(VmAttributeChanges.class);
    static final String ACTION = "VM_ATTRIBUTES";
    /** The highest classification level the portal labels ({@code classification.0} to {@code .4}). */
    static final int TOP_LEVEL = 4;
    static final int MAX_VMS = 100;
    static final int MAX_CPU = 16;
    static final long MAX_MEMORY_MB = 32 * 1024;
    static final long MEMORY_STEP_MB = 512;
    private static final long MIB = 1024L * 1024L;
    private static final VmPlatformCalls.Texts TEXTS = new VmPlatformCalls.Texts("placement.attr.code.",
            Set.of("2003", "2004"));

    /** VMs a refusal names at most. */
    private static final int NAMED = 10;
    private static final Pattern ASCII_NUMBER = Pattern.compile("-?[0-9]{1,15}");

    private final PlacementRepository vms;
    private final PlatformClient platform;
    private final AuditService audit;
    private final ApplicationEventPublisher events;
    private final CatalogService catalog;
    private final TransactionTemplate checks;
    private final TransactionTemplate recording;

    VmAttributeChanges(PlacementRepository vms, PlatformClient platform, AuditService audit,
            ApplicationEventPublisher events, CatalogService catalog, PlatformTransactionManager transactions) {
        this.vms = vms;
        this.platform = platform;
        this.audit = audit;
        this.events = events;
        this.catalog = catalog;
        this.checks = new TransactionTemplate(transactions);
        this.checks.setReadOnly(true);
        this.recording = new TransactionTemplate(transactions);
    }

    /**
     * The attributes a platform admin may set, by the name the portal's API gives them, with the
     * platform's key ({@code searchVmList} shows each under it). The keys are written in two parts
     * so that they are not taken for message keys.
     */
    enum Attribute {
        CLASSIFICATION("classification", "vm." + "classification"),
        MAX_CPU("maxCpu", "vm." + "vcpu.max"),
        MAX_MEMORY_MB("maxMemoryMb", "vm." + "memory.maxmem"),
        USB("usb", "usbEnable");

        private final String name;
        private final String platformKey;

        Attribute(String name, String platformKey) {
            this.name = name;
            this.platformKey = platformKey;
        }

        String apiName() {
            return name;
        }

        static Attribute of(String name) {
            return Arrays.stream(values()).filter(a -> a.name.equals(name)).findFirst().orElse(null);
        }
    }

    /** A change asked for; {@code value} as given (a number, a boolean or their text). */
    record Change(List<String> vmIds, String attribute, Object value) {
    }

    /** The change done: the VMs and the value the platform was given. */
    record Done(List<String> vmIds, String attribute, Object value) implements java.io.Serializable {
    }

    /**
     * Checks and carries out {@code change}: the checks in one short read-only transaction, the
     * platform's call outside any (no connection or lock held while it answers), then the outcome
     * recorded in a transaction of its own, so nothing the platform did is rolled back.
     *
     * @throws FieldProblems               400 for a missing or wrong field (nothing asked of the platform)
     * @throws PortalException             404 for a VM the portal does not have, 409 for one not active,
     *                                     the platform's refusal with its code
     * @throws PlatformUnavailableException when the platform cannot be asked
     */
    public Done apply(Change change) {
        CurrentUser user = UserService.current();
        // The levels of templates and pools are read first: no platform read inside the checks' transaction.
        Catalog offer = change.attribute() != null
                && Attribute.of(change.attribute().strip()) == Attribute.CLASSIFICATION ? catalog.all() : null;
        Checked checked = checks.execute(status -> check(change, user, offer));
        List<String> ids = checked.vms().stream().map(PlacedVm::vmId).toList();
        Attribute attribute = checked.attribute();
        Object value = checked.value();
        SdkResult result;
        try {
            result = platform.call(c -> c.setVmAttributes(ids, attribute.platformKey, value));
        } catch (Vsip4xException e) {
            log.warn("Could not reach the platform to set {} on {} VMs", attribute.platformKey, ids.size());
            for (PlacedVm vm : checked.vms()) {
                event(user, vm).params(params(attribute, value, 0))
                        .result(AuditService.FAILURE, null, "platform unreachable").recordAlone();
            }
            throw new PlatformUnavailableException(e);
        }
        if (!result.ok()) {
            log.info("The platform refused to set {} on {} with code {}", attribute.platformKey, ids, result.code());
            for (PlacedVm vm : checked.vms()) {
                event(user, vm).params(params(attribute, value, 0))
                        .result(AuditService.FAILURE, result.code(), result.info()).recordAlone();
            }
            throw new PortalException(VmPlatformCalls.statusOf(result.code()), TEXTS.key(result.code()),
                    result.code(), result.code()).audited();
        }
        recording.executeWithoutResult(status -> {
            for (PlacedVm vm : checked.vms()) {
                event(user, vm).params(params(attribute, value, ids.size()))
                        .result(AuditService.SUCCESS, null, null).record();
            }
            if (attribute == Attribute.CLASSIFICATION) {
                Map<String, Integer> levels = new LinkedHashMap<>();
                ids.forEach(id -> levels.put(id, ((Long) value).intValue()));
                events.publishEvent(new VmClassificationsReported(levels));
            }
        });
        log.info("Set {} to {} on {} VMs", attribute.platformKey, value, ids.size());
        Object shown = switch (attribute) {
            case MAX_MEMORY_MB -> (Long) value / MIB;
            case USB -> Boolean.valueOf((String) value);
            default -> value;
        };
        return new Done(ids, attribute.apiName(), shown);
    }

    /** A change that passed the checks: its VMs, its attribute and the value for the platform. */
    private record Checked(List<PlacedVm> vms, Attribute attribute, Object value) {
    }

    private Checked check(Change change, CurrentUser user, Catalog levels) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        List<String> ids = ids(change.vmIds(), problems);
        Attribute attribute = Attribute.of(change.attribute() == null ? "" : change.attribute().strip());
        if (attribute == null) {
            problems.reject("attribute", "placement.attr.field.attribute");
        }
        refuseIf(problems, ids, List.of(), change, user);
        List<PlacedVm> found = new ArrayList<>();
        for (String id : ids) {
            PlacedVm vm = vms.find(id).filter(v -> !"DELETED".equals(v.lifecycle())).orElse(null);
            if (vm == null) {
                denied(ids, found, change, user, "error.vm.notFound");
                throw PortalException.notFound("error.vm.notFound", id).audited();
            }
            found.add(vm);
            if (!"ACTIVE".equals(vm.lifecycle())) {
                denied(ids, found, change, user, "placement.attr.notActive");
                throw PortalException.conflict("placement.attr.notActive", vm.name()).audited();
            }
        }
        Object value = value(attribute, change.value(), found, problems);
        if (attribute == Attribute.CLASSIFICATION && value != null) {
            checkLevel(((Long) value).intValue(), found, levels, problems);
        }
        refuseIf(problems, ids, found, change, user);
        return new Checked(found, attribute, value);
    }

    /**
     * Refuses a level above a VM's owner's clearance or its tenant's ceiling (its owner would lose
     * it), or below the floor of its template's and its pool's levels (its data is of that level).
     */
    private static void checkLevel(int level, List<PlacedVm> found, Catalog all, FieldProblems.Collector problems) {
        List<String> aboveClearance = names(found, v -> level > v.ownerClearance());
        List<String> aboveCeiling = names(found, v -> level > v.tenantCeiling());
        List<String> belowFloor = names(found, v -> level < floor(all, v));
        if (!aboveClearance.isEmpty()) {
            problems.reject("value", "placement.attr.field.aboveClearance", level, String.join(", ", aboveClearance));
        }
        if (!aboveCeiling.isEmpty()) {
            problems.reject("value", "placement.attr.field.aboveCeiling", level, String.join(", ", aboveCeiling));
        }
        if (!belowFloor.isEmpty()) {
            problems.reject("value", "placement.attr.field.belowFloor", level, String.join(", ", belowFloor));
        }
    }

    /** The lowest level {@code vm} may carry: the higher of its template's and its pool's. */
    private static int floor(Catalog all, PlacedVm vm) {
        int template = vm.templateId() == null ? 0
                : all.template(vm.templateId()).map(TemplateInfo::classification).orElse(0);
        int pool = all.pool(vm.repoId()).map(PoolInfo::classification).orElse(0);
        return Math.max(template, pool);
    }

    private static List<String> names(List<PlacedVm> vms, Predicate<PlacedVm> test) {
        List<String> names = vms.stream().filter(test).map(v -> v.name() + " (" + v.vmId() + ")").toList();
        return names.size() <= NAMED ? names : java.util.stream.Stream.concat(names.stream().limit(NAMED),
                java.util.stream.Stream.of("…")).toList();
    }

    private static List<String> ids(List<String> given, FieldProblems.Collector problems) {
        Set<String> ids = new LinkedHashSet<>();
        if (given != null) {
            given.stream().filter(id -> id != null && !id.isBlank()).map(String::strip).forEach(ids::add);
        }
        if (ids.isEmpty()) {
            problems.reject("vmIds", "placement.attr.field.vmIds");
        } else if (ids.size() > MAX_VMS) {
            problems.reject("vmIds", "placement.attr.field.tooMany", MAX_VMS);
        }
        return List.copyOf(ids);
    }

    /** The value to send, or {@code null} with a problem recorded when the attribute does not take it. */
    private static Object value(Attribute attribute, Object raw, List<PlacedVm> vms,
            FieldProblems.Collector problems) {
        String text = raw == null ? "" : String.valueOf(raw).strip();
        if (attribute == Attribute.USB) {
            if (raw instanceof Boolean given) {
                return given.toString();
            }
            if (!(raw instanceof String) || !"true".equalsIgnoreCase(text) && !"false".equalsIgnoreCase(text)) {
                problems.reject("value", "placement.attr.field.usb");
                return null;
            }
            return text.toLowerCase(java.util.Locale.ROOT);
        }
        Long number = number(text);
        switch (attribute) {
            case CLASSIFICATION -> {
                if (number == null || number < 0 || number > TOP_LEVEL) {
                    problems.reject("value", "placement.attr.field.classification", TOP_LEVEL);
                    return null;
                }
                return number;
            }
            case MAX_CPU -> {
                int least = vms.stream().mapToInt(PlacedVm::cpu).max().orElse(1);
                if (number == null || number < least || number > MAX_CPU) {
                    problems.reject("value", "placement.attr.field.maxCpu", least, MAX_CPU);
                    return null;
                }
                return number;
            }
            default -> {
                long least = vms.stream().mapToLong(PlacedVm::memoryMb).max().orElse(MEMORY_STEP_MB);
                if (number == null || number < least || number > MAX_MEMORY_MB || number % MEMORY_STEP_MB != 0) {
                    problems.reject("value", "placement.attr.field.maxMemoryMb", least, MAX_MEMORY_MB,
                            MEMORY_STEP_MB);
                    return null;
                }
                return number * MIB;
            }
        }
    }

    /** The whole number {@code text} says in ASCII digits only (not the fullwidth or Arabic-Indic ones Java reads). */
    private static Long number(String text) {
        return ASCII_NUMBER.matcher(text).matches() ? Long.valueOf(text) : null;
    }

    private void refuseIf(FieldProblems.Collector problems, List<String> ids, List<PlacedVm> found, Change change,
            CurrentUser user) {
        if (!problems.isEmpty()) {
            denied(ids, found, change, user, "placement.attr.invalid");
            problems.throwIfAny();
        }
    }

    /**
     * Logs a refused batch, kept whatever becomes of the transaction: one row per VM found so far
     * (each under its tenant), or one naming every VM asked for when none was found yet.
     */
    private void denied(List<String> ids, List<PlacedVm> found, Change change, CurrentUser user, String reason) {
        String listed = String.join(",", ids);
        String asked = change.attribute() == null || change.attribute().length() <= 100 ? change.attribute()
                : change.attribute().substring(0, 100) + "…";
        String params = "attribute=" + asked + ", vms="
                + (listed.length() > 1500 ? listed.substring(0, 1500) + "…" : listed);
        if (found.isEmpty()) {
            audit.event(ACTION).target("VM", ids.isEmpty() ? null : ids.get(0)).params(params)
                    .result(AuditService.DENIED, null, reason).recordAlone();
            return;
        }
        for (PlacedVm vm : found) {
            event(user, vm).params(params).result(AuditService.DENIED, null, reason).recordAlone();
        }
    }

    /** An event on {@code vm} by {@code user}, under the VM's tenant so that its admins see it. */
    private AuditService.Event event(CurrentUser user, PlacedVm vm) {
        return audit.event(ACTION).as(user == null ? "system" : user.username(), vm.tenantCode(),
                user == null ? null : user.roleList()).target("VM", vm.vmId());
    }

    private static String params(Attribute attribute, Object value, int batch) {
        return "attribute=" + attribute.platformKey + ", value=" + value + (batch > 0 ? ", batch=" + batch : "");
    }
}
