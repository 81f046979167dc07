package io.vsip4x.portal.admin.placement;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.platform.VmClassificationsReported;
import io.vsip4x.portal.vms.VmPlatformCalls;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.SdkResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sets one attribute on several VMs at once ({@code setVmAttributes}, all or none): checked
 * first (the VMs must be the portal's and active, the value one the attribute takes for every
 * one of them), then asked of the platform, which names VMs by name; on this platform a VM's
 * name is its id (docs/platform-binding.md, catalog A21), so the ids are sent. The portal keeps
 * only the classification of a VM: it follows through {@link VmClassificationsReported}, as
 * when the platform reports a level. Each VM gets its own row in the operation log.
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

    private final PlacementRepository vms;
    private final PlatformClient platform;
    private final AuditService audit;
    private final ApplicationEventPublisher events;

    VmAttributeChanges(PlacementRepository vms, PlatformClient platform, AuditService audit,
            ApplicationEventPublisher events) {
        this.vms = vms;
        this.platform = platform;
        this.audit = audit;
        this.events = events;
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
    record Done(List<String> vmIds, String attribute, Object value) {
    }

    /**
     * Checks and carries out {@code change}.
     *
     * @throws FieldProblems               400 for a missing or wrong field (nothing asked of the platform)
     * @throws PortalException             404 for a VM the portal does not have, 409 for one not active,
     *                                     the platform's refusal with its code
     * @throws PlatformUnavailableException when the platform cannot be asked
     */
    @Transactional
    public Done apply(Change change) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        List<String> ids = ids(change.vmIds(), problems);
        Attribute attribute = Attribute.of(change.attribute() == null ? "" : change.attribute().strip());
        if (attribute == null) {
            problems.reject("attribute", "placement.attr.field.attribute");
        }
        refuseIf(problems, ids, change);
        List<PlacedVm> found = new ArrayList<>();
        for (String id : ids) {
            PlacedVm vm = vms.find(id).filter(v -> !"DELETED".equals(v.lifecycle())).orElse(null);
            if (vm == null) {
                denied(ids, change, null, "error.vm.notFound");
                throw PortalException.notFound("error.vm.notFound", id).audited();
            }
            if (!"ACTIVE".equals(vm.lifecycle())) {
                denied(ids, change, null, "placement.attr.notActive");
                throw PortalException.conflict("placement.attr.notActive", vm.name()).audited();
            }
            found.add(vm);
        }
        Object value = value(attribute, change.value(), found, problems);
        refuseIf(problems, ids, change);

        SdkResult result;
        try {
            result = platform.call(c -> c.setVmAttributes(ids, attribute.platformKey, value));
        } catch (Vsip4xException e) {
            log.warn("Could not reach the platform to set {} on {} VMs", attribute.platformKey, ids.size());
            for (String id : ids) {
                record(id, attribute, value, AuditService.FAILURE, null, "platform unreachable");
            }
            throw new PlatformUnavailableException(e);
        }
        if (!result.ok()) {
            log.info("The platform refused to set {} on {} with code {}", attribute.platformKey, ids, result.code());
            for (String id : ids) {
                record(id, attribute, value, AuditService.FAILURE, result.code(), result.info());
            }
            throw new PortalException(VmPlatformCalls.statusOf(result.code()), TEXTS.key(result.code()),
                    result.code(), result.code()).audited();
        }
        for (String id : ids) {
            audit.event(ACTION).target("VM", id).params(params(attribute, value, ids.size()))
                    .result(AuditService.SUCCESS, null, null).record();
        }
        if (attribute == Attribute.CLASSIFICATION) {
            Map<String, Integer> levels = new LinkedHashMap<>();
            ids.forEach(id -> levels.put(id, ((Long) value).intValue()));
            events.publishEvent(new VmClassificationsReported(levels));
        }
        log.info("Set {} to {} on {} VMs", attribute.platformKey, value, ids.size());
        return new Done(ids, attribute.apiName(), attribute == Attribute.MAX_MEMORY_MB
                ? (Long) value / MIB : value);
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
            if (!"true".equalsIgnoreCase(text) && !"false".equalsIgnoreCase(text)) {
                problems.reject("value", "placement.attr.field.usb");
                return null;
            }
            return text.toLowerCase();
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

    private static Long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void refuseIf(FieldProblems.Collector problems, List<String> ids, Change change) {
        if (!problems.isEmpty()) {
            denied(ids, change, null, "placement.attr.invalid");
            problems.throwIfAny();
        }
    }

    /** One row for a refused batch, naming its VMs, kept whatever becomes of the transaction. */
    private void denied(List<String> ids, Change change, String code, String reason) {
        String listed = String.join(",", ids);
        audit.event(ACTION).target("VM", ids.isEmpty() ? null : ids.get(0))
                .params("attribute=" + change.attribute() + ", vms="
                        + (listed.length() > 1500 ? listed.substring(0, 1500) + "…" : listed))
                .result(AuditService.DENIED, code, reason).recordAlone();
    }

    private void record(String id, Attribute attribute, Object value, String result, String code, String note) {
        audit.event(ACTION).target("VM", id).params(params(attribute, value, 0))
                .result(result, code, note).recordAlone();
    }

    private static String params(Attribute attribute, Object value, int batch) {
        return "attribute=" + attribute.platformKey + ", value=" + value + (batch > 0 ? ", batch=" + batch : "");
    }
}
