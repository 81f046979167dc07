package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.Logs;
import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.inventory.Pool;
import io.vsip4x.simulator.lifecycle.CreateOrder;
import io.vsip4x.simulator.lifecycle.Shape;
import io.vsip4x.simulator.lifecycle.VmLifecycle;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code createVm} (queued) and {@code getCreateRemainder}. */
public final class VmCreateMethods {

    private static final Logger log = LoggerFactory.getLogger(VmCreateMethods.class);

    private final Inventory inventory;
    private final VmLifecycle lifecycle;

    public VmCreateMethods(Inventory inventory, VmLifecycle lifecycle) {
        this.inventory = inventory;
        this.lifecycle = lifecycle;
    }

    /** Serves this group's methods through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        registry.register("createVm", this::createVm, ArgType.MAP);
        registry.register("getCreateRemainder", this::getCreateRemainder, ArgType.MAP);
    }

    /** Accepts the order, or refuses it with 2003 (parameters) or the lifecycle's code. */
    private Object createVm(Call call) {
        CreateOrder order = CreateVmParser.parse(call.map(0));
        return Answers.result(lifecycle.create(order, call.callbackUrl()));
    }

    /**
     * Room for {@code totalVms} (default 1) VMs of the given shape in pool {@code repName}
     * (a name per the spec, an id accepted too), or in the roomiest pool when none is named;
     * with {@code vmHA=true} only HA pools count.
     */
    private Object getCreateRemainder(Call call) {
        Params p = new Params(call.map(0));
        Shape shape;
        long wanted;
        try {
            shape = CreateVmParser.shape(p, false);
            wanted = p.number("totalVms", 1);
        } catch (InvalidParamsException e) {
            log.info("Refused getCreateRemainder with invalid parameters: {}", Logs.safe(e.getMessage()));
            return remainder(Answers.INVALID, 0, 1);
        }
        if (wanted < 1) {
            return remainder(Answers.INVALID, 0, 1);
        }
        String poolRef = p.text("repName", "repoName", "repoId", "repold", "repositoryId");
        List<Pool> pools = poolRef == null
                ? inventory.pools()
                : inventory.pool(poolRef).stream().toList();
        if (pools.isEmpty()) {
            return remainder(Answers.NO_POOL, 0, wanted);
        }
        boolean ha = p.flag("vmHA");
        long available = pools.stream()
                .filter(pool -> !ha || pool.ha())
                .mapToLong(pool -> lifecycle.available(pool, shape))
                .max()
                .orElse(0);
        return remainder(Answers.OK, available, wanted);
    }

    private static Map<String, Object> remainder(String code, long available, long wanted) {
        Map<String, Object> answer = Answers.result(code);
        answer.put("rs", Answers.OK.equals(code) && available >= wanted ? "1" : "0");
        answer.put("availableNum", Long.toString(available));
        return answer;
    }
}
