package io.vsip4x.simulator;

import static io.vsip4x.simulator.TestPlatform.GIB;

import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.model.CreateVmSpec;
import io.vsip4x.sdk.model.VmSummary;
import java.util.List;
import java.util.Map;

/** Running VMs of each template for the guest tests, and their NICs' MAC addresses. */
final class GuestVms {

    static final String CENTOS = "tpl-centos7";
    static final String KYLIN = "tpl-kylin10";
    static final String WINDOWS = "tpl-win2019";

    private GuestVms() {
    }

    /** Creates VM {@code vmId} of {@code template} in the production pool and waits until it runs. */
    static void running(TestPlatform platform, String template, String vmId) {
        SdkResult created = platform.client.createVm(new CreateVmSpec(template, "pool-prod", 4, 8 * GIB, 80 * GIB,
                "vnet-office", List.of(vmId)));
        if (!created.ok()) {
            throw new AssertionError("createVm refused: " + created.code());
        }
        platform.awaitStatus(vmId, 0);
        SdkResult started = platform.client.startVm(vmId);
        if (!started.ok()) {
            throw new AssertionError("startVm refused: " + started.code());
        }
        platform.awaitStatus(vmId, 1);
    }

    /** The MAC address of the first NIC of {@code vmId}, as {@code searchVmList} reports it. */
    static String mac(TestPlatform platform, String vmId) {
        return nic(platform, vmId).get("vnicMacAddr").toString();
    }

    /** The first NIC of {@code vmId}, in {@code searchVmList}'s keys. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> nic(TestPlatform platform, String vmId) {
        VmSummary vm = platform.client.searchVmList(Map.of("vmId", vmId)).get(0);
        return ((List<Map<String, Object>>) vm.raw().get("vmNics")).get(0);
    }
}
