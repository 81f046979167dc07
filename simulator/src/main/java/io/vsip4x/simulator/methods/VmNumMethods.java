package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.Logs;
import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.inventory.Pool;
import io.vsip4x.simulator.lifecycle.Shape;
import io.vsip4x.simulator.lifecycle.VmLifecycle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code getCreateVmNumAvailable}: how many VMs of a shape a pool can still create. Unlike the
 * other methods it answers {@code result} {@code "1"} for any failure (catalog A18).
 */
public final class VmNumMethods {

    private static final Logger log = LoggerFactory.getLogger(VmNumMethods.class);
    private static final String FAILED = "1";

    private final Inventory inventory;
    private final VmLifecycle lifecycle;

    public VmNumMethods(Inventory inventory, VmLifecycle lifecycle) {
        this.inventory = inventory;
        this.lifecycle = lifecycle;
    }

    /** Serves this group's methods through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        registry.register("getCreateVmNumAvailable", this::getCreateVmNumAvailable, ArgType.MAP);
    }

    /**
     * {@code data}: the room in pool {@code repositoryId} (id or name) for VMs of {@code cpuNum}
     * vCPUs, {@code memSize} bytes and {@code diskSize} bytes of disk (optional), within
     * createVm's limits. Fails with {@code "1"} on a missing or unknown pool, a shape outside the
     * limits, or a {@code template} (ids; the spec says names, and templates have none) that
     * is unknown or not in the pool.
     */
    private Object getCreateVmNumAvailable(Call call) {
        Params p = new Params(call.map(0));
        Shape shape;
        List<String> templates;
        try {
            shape = CreateVmParser.shape(renamed(p), false);
            templates = p.strings("template", true);
        } catch (InvalidParamsException e) {
            log.info("Refused getCreateVmNumAvailable with invalid parameters: {}", Logs.safe(e.getMessage()));
            return failed();
        }
        Optional<Pool> pool = Optional.ofNullable(p.text("repositoryId", "repoId", "repold", "repoName", "repName"))
                .flatMap(inventory::pool);
        if (pool.isEmpty() || !templatesIn(templates, pool.get())) {
            log.info("Refused getCreateVmNumAvailable: pool or template unknown");
            return failed();
        }
        Map<String, Object> answer = Answers.result(Answers.OK);
        answer.put("data", lifecycle.available(pool.get(), shape));
        return answer;
    }

    /** This method's keys under createVm's names, so that createVm's limits apply. */
    private static Params renamed(Params p) {
        Map<String, Object> keys = new HashMap<>();
        putIfPresent(keys, "vmCPUNum", p.raw("cpuNum"));
        putIfPresent(keys, "vmMemSize", p.raw("memSize"));
        putIfPresent(keys, "vmDiskSize", p.raw("diskSize"));
        return new Params(keys);
    }

    private static void putIfPresent(Map<String, Object> keys, String key, Object value) {
        if (value != null) {
            keys.put(key, value);
        }
    }

    private boolean templatesIn(List<String> templates, Pool pool) {
        return templates == null || templates.stream()
                .allMatch(id -> lifecycle.templates().find(id).filter(t -> t.availableIn(pool.id())).isPresent());
    }

    private static Map<String, Object> failed() {
        Map<String, Object> answer = Answers.result(FAILED);
        answer.put("resultinfo", "失败");
        answer.put("data", 0L);
        return answer;
    }
}
