package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.inventory.Pool;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** {@code searchVmList} and {@code resynVm}. */
public final class VmQueryMethods {

    private final Inventory inventory;
    private final PlatformState state;
    private final VmRows rows;

    public VmQueryMethods(Inventory inventory, PlatformState state) {
        this.inventory = inventory;
        this.state = state;
        this.rows = new VmRows(inventory, state);
    }

    /** Serves this group's methods through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        registry.register("searchVmList", this::searchVmList, ArgType.MAP);
        registry.register("resynVm", this::resynVm, ArgType.STRING);
    }

    /**
     * The VMs matching every filter given: {@code vmId}, {@code vmIdList}, {@code repoName}
     * (pool id or name; {@code repName} accepted) and {@code serverstatus}. A bare list, as the
     * spec says; an unusable filter matches nothing.
     */
    private Object searchVmList(Call call) {
        Predicate<Vm> filter;
        try {
            filter = filter(new Params(call.map(0)));
        } catch (InvalidParamsException e) {
            return List.of();
        }
        return state.vms().stream().filter(filter).map(rows::row).toList();
    }

    private Predicate<Vm> filter(Params p) {
        Predicate<Vm> filter = vm -> true;
        String vmId = p.text("vmId");
        if (vmId != null) {
            filter = filter.and(vm -> vm.vmId().equals(vmId));
        }
        List<String> ids = p.strings("vmIdList", true);
        if (ids != null) {
            filter = filter.and(vm -> ids.contains(vm.vmId()));
        }
        String poolRef = p.text("repoName", "repName");
        if (poolRef != null) {
            Optional<String> poolId = inventory.pool(poolRef).map(Pool::id);
            filter = filter.and(vm -> poolId.isPresent() && poolId.get().equals(vm.poolId()));
        }
        String status = p.text("serverstatus");
        if (status != null) {
            filter = filter.and(vm -> Integer.toString(vm.status()).equals(status));
        }
        return filter;
    }

    /** The VM's current status as {@code status}, or 2004 when there is no such VM. */
    private Object resynVm(Call call) {
        Optional<Vm> vm = state.vm(call.string(0).trim());
        if (vm.isEmpty()) {
            return Answers.result(Answers.NO_VM);
        }
        Map<String, Object> answer = Answers.result(Answers.OK);
        answer.put("status", Integer.toString(vm.get().status()));
        return answer;
    }
}
