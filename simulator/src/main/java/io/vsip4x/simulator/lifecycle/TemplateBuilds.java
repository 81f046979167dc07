package io.vsip4x.simulator.lifecycle;

import io.vsip4x.simulator.Logs;
import io.vsip4x.simulator.inventory.Template;
import io.vsip4x.simulator.state.BuiltTemplate;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code buildTemplate}, synchronous as the spec marks it (catalog A22): a stopped VM becomes a
 * new template of its pool, kept in the state beside the inventory's. The spec names no
 * template; the new one is {@code tpl-<vmId>} ({@code -2}, {@code -3}... when taken).
 */
public final class TemplateBuilds {

    /** The SDK method making a template of a VM. */
    public static final String BUILD = "buildTemplate";

    private static final Logger log = LoggerFactory.getLogger(TemplateBuilds.class);
    private static final String NO_VM = "2004";
    private static final String BUILD_FAILED = "2005";
    private static final String NOT_STOPPED = "2049";
    private static final String BUSY = "2052";
    private static final int STOPPED = 0;

    private final VmLifecycle lifecycle;
    private final PlatformState state;
    private final Templates templates;

    public TemplateBuilds(VmLifecycle lifecycle) {
        this.lifecycle = lifecycle;
        this.state = lifecycle.state();
        this.templates = lifecycle.templates();
    }

    /**
     * What a build gave.
     *
     * @param code       {@code "0"} or the refusal
     * @param templateId the new template's id, or {@code null} when refused
     */
    public record Outcome(String code, String templateId) {
    }

    /**
     * Makes a template of VM {@code vmId}: {@code "0"} with its id, or 2004 (no such VM), 2052
     * (an operation in flight), 2049 (not stopped), 2005 (made to fail with
     * {@code setOperationFailing("buildTemplate")}).
     *
     * @param encryption disk encryption format of the template, or {@code null} for none
     * @param checksum   whether checksum data is made
     */
    public Outcome build(String vmId, String encryption, boolean checksum) {
        Outcome outcome;
        synchronized (state) {
            outcome = admit(vmId, encryption, checksum);
        }
        if (outcome.templateId() != null) {
            lifecycle.changed();
            log.info("Built template '{}' from VM '{}'", outcome.templateId(), vmId);
        } else {
            log.info("Refused buildTemplate of VM '{}' with code {}", Logs.safe(vmId), outcome.code());
        }
        return outcome;
    }

    private Outcome admit(String vmId, String encryption, boolean checksum) {
        Optional<Vm> found = state.vm(vmId);
        if (found.isEmpty()) {
            return new Outcome(NO_VM, null);
        }
        Vm vm = found.get();
        if (vm.busy()) {
            return new Outcome(BUSY, null);
        }
        if (vm.status() != STOPPED) {
            return new Outcome(NOT_STOPPED, null);
        }
        if (state.operationFailing(BUILD)) {
            return new Outcome(BUILD_FAILED, null);
        }
        Template template = templateOf(vm, freeId("tpl-" + vmId));
        state.put(new BuiltTemplate(template, vmId, encryption, checksum, Instant.now()));
        return new Outcome("0", template.id());
    }

    private String freeId(String base) {
        String id = base;
        for (int n = 2; templates.find(id).isPresent(); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    /**
     * A template of {@code vm}'s shape in its pool, with the OS of its attributes (an installed
     * VM's) or else of the template it was made from.
     */
    private Template templateOf(Vm vm, String id) {
        Optional<Template> source = templates.find(vm.templateId());
        Map<String, Object> attributes = state.vmAttributes(vm.vmId());
        String osType = text(attributes, "vmOSType", source.map(Template::osType));
        String osFamily = text(attributes, "osFamily", source.map(Template::osFamily));
        String osBits = text(attributes, "vmOSBits", source.map(Template::osBits));
        String cpuArch = text(attributes, "vmCPUArch", source.map(Template::cpuArch));
        Object level = attributes.get("vm.classification");
        long classification = level instanceof Number n ? n.longValue()
                : source.map(Template::classification).orElse(0L);
        return new Template(id, "Template of " + vm.vmId(), osType, osFamily, osBits,
                cpuArch.isEmpty() ? "x86_64" : cpuArch, vm.cpu(), vm.memoryBytes(), vm.diskBytes(),
                vm.vncPassword(), classification, List.of(vm.poolId()));
    }

    private static String text(Map<String, Object> attributes, String key, Optional<String> fallback) {
        Object value = attributes.get(key);
        return value != null ? value.toString() : fallback.orElse("");
    }
}
