package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.VmSummary;
import java.time.Instant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A VM's way from createVm through start, reboot and shutdown, with its signed callbacks. */
class VmLifecycleTest {

    private TestPlatform platform;

    @BeforeEach
    void start() {
        platform = new TestPlatform();
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void createsVmInStateSixThenStopsItWithSignedCallbacks() {
        assertThat(platform.client.createVm(TestPlatform.spec("pool-prod", "vm-a")).ok()).isTrue();
        assertThat(platform.client.resynVm("vm-a").get("status")).isEqualTo("6");

        List<Map<String, Object>> events = platform.awaitEvents("vm-a", 2);

        assertThat(events).extracting(e -> e.get("status")).containsExactly("6", "0");
        assertThat(events).extracting(e -> e.get("result")).containsExactly("0", "0");
        assertThat(events).extracting(e -> e.get("operation")).containsOnly("createVm");
        assertThat(events).extracting(e -> ((Number) e.get("sequence")).longValue()).containsExactly(1L, 2L);
        assertThat(events.get(1)).containsKeys("eventId", "resultinfo", "hostId", "occurredAt");
        assertThat(events.get(1).get("resultinfo")).isEqualTo("成功");
        assertThat(events.get(1).get("hostId")).isIn("host-01", "host-02");
        assertThat(Instant.parse((String) events.get(1).get("occurredAt"))).isBefore(Instant.now().plusSeconds(1));
        assertThat(events.get(0).get("eventId")).isNotEqualTo(events.get(1).get("eventId"));
        assertThat(platform.receiver.badSignatures()).isZero();
    }

    @Test
    void listsCreatedVmWithSpecKeys() {
        platform.createStopped("pool-test", "vm-b");

        List<VmSummary> vms = platform.client.searchVmList(Map.of("vmId", "vm-b"));

        assertThat(vms).hasSize(1);
        VmSummary vm = vms.get(0);
        assertThat(vm.status()).isZero();
        assertThat(vm.repoName()).isEqualTo("pool-test");
        assertThat(vm.hostId()).isIn("host-03", "host-04");
        assertThat(vm.cpu()).isEqualTo(2);
        assertThat(vm.memoryBytes()).isEqualTo(4 * TestPlatform.GIB);
        assertThat(vm.diskBytes()).isEqualTo(40 * TestPlatform.GIB);
        assertThat(vm.raw()).containsKeys("vmName", "UUID", "agentOn", "vmCPUArch", "vmOSBits", "osFamily",
                "vmOSType", "vmLocal", "vmType", "vncPassword", "usbEnable", "vm.classification", "disklist");
        assertThat(vm.raw().get("vmLocal")).isEqualTo(vm.hostId());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> nics = (List<Map<String, Object>>) vm.raw().get("vmNics");
        assertThat(nics).singleElement().satisfies(nic -> {
            assertThat(nic).containsEntry("vnicBridge", "vnet-office");
            assertThat((String) nic.get("IPAddress")).startsWith("10.10.0.");
            assertThat((String) nic.get("vnicMacAddr")).startsWith("52:54:00:");
        });
    }

    @Test
    void filtersVmListByPoolStatusAndIdList() {
        platform.createStopped("pool-prod", "vm-p1", "vm-p2");
        platform.createStopped("pool-test", "vm-t1");
        platform.client.startVm("vm-p2");
        platform.awaitStatus("vm-p2", 1);

        assertThat(platform.client.searchVmList(Map.of("repoName", "pool-prod")))
                .extracting(VmSummary::vmId).containsExactly("vm-p1", "vm-p2");
        assertThat(platform.client.searchVmList(Map.of("serverstatus", "1")))
                .extracting(VmSummary::vmId).containsExactly("vm-p2");
        assertThat(platform.client.searchVmList(Map.of("vmIdList", List.of("vm-t1", "vm-p1"))))
                .extracting(VmSummary::vmId).containsExactly("vm-p1", "vm-t1");
        assertThat(platform.client.searchVmList(Map.of("repoName", "测试资源池", "serverstatus", "0")))
                .extracting(VmSummary::vmId).containsExactly("vm-t1");
    }

    @Test
    void startsRebootsAndShutsDownWithCompletionCodes() {
        platform.createStopped("pool-prod", "vm-c");
        platform.awaitEvents("vm-c", 2);

        assertThat(platform.client.startVm("vm-c").ok()).isTrue();
        platform.awaitStatus("vm-c", 1);
        assertThat(platform.client.rebootVm("vm-c").ok()).isTrue();
        platform.awaitStatus("vm-c", 1);
        assertThat(platform.client.shutdownVm("vm-c").ok()).isTrue();
        platform.awaitStatus("vm-c", 0);

        List<Map<String, Object>> events = platform.awaitEvents("vm-c", 5).subList(2, 5);
        assertThat(events).extracting(e -> e.get("operation"))
                .containsExactly("startVm", "rebootVm", "shutdownVm");
        assertThat(events).extracting(e -> e.get("result")).containsExactly("2010", "2010", "2011");
        assertThat(events).extracting(e -> e.get("status")).containsExactly("1", "1", "0");
        assertThat(events).extracting(e -> e.get("resultinfo")).containsExactly("虚拟机成功启动", "虚拟机成功启动",
                "虚拟机成功停止");
        assertThat(events).extracting(e -> ((Number) e.get("sequence")).longValue()).containsExactly(3L, 4L, 5L);
        assertThat(platform.client.resynVm("vm-c").get("status")).isEqualTo("0");
    }

    @Test
    void refusesPowerOperationsWhileOneIsInFlight() {
        // A start that takes a minute stays in flight for the whole test, however slow the machine.
        try (TestPlatform slow = new TestPlatform(s -> s.withMethodDelay("startVm", Duration.ofMinutes(1)))) {
            slow.createStopped("pool-prod", "vm-d");

            assertThat(slow.client.startVm("vm-d").code()).isEqualTo("0");
            assertThat(slow.client.startVm("vm-d").code()).isEqualTo("2052");
            assertThat(slow.client.shutdownVm("vm-d").code()).isEqualTo("2052");
            assertThat(slow.client.deleteVm("vm-d").code()).isEqualTo("2052");
        }
    }

    @Test
    void refusesPowerOperationsWhileCreating() {
        assertThat(platform.client.createVm(TestPlatform.spec("pool-prod", "vm-e")).ok()).isTrue();

        assertThat(platform.client.startVm("vm-e").code()).isEqualTo("2052");
        assertThat(platform.client.startVm("vm-e").info()).isEqualTo("虚拟机在当前状态下不能进行该操作");
    }

    @Test
    void reportsFailuresWhenAnOperationIsMadeToFail() {
        platform.createStopped("pool-prod", "vm-f");
        platform.simulator.setOperationFailing("startVm", true);

        platform.client.startVm("vm-f");

        Map<String, Object> event = platform.awaitEvents("vm-f", 3).get(2);
        assertThat(event).containsEntry("result", "2040").containsEntry("status", "0");
        assertThat(platform.simulator.vm("vm-f")).get().extracting(vm -> vm.status()).isEqualTo(0);
    }

    @Test
    void removesTheVmAndReportsNoStatusWhenCreationIsMadeToFail() {
        platform.simulator.setOperationFailing("createVm", true);

        platform.client.createVm(TestPlatform.spec("pool-test", "vm-h"));

        Map<String, Object> event = platform.awaitEvents("vm-h", 2).get(1);
        assertThat(event).containsEntry("result", "2000").containsEntry("resultinfo", "虚拟机创建错误");
        assertThat(event.get("status")).isNull();
        assertThat(platform.simulator.vm("vm-h")).isEmpty();
    }

    @Test
    void signsWithTheConfiguredSecret() {
        try (TestPlatform mismatched = new TestPlatform(s -> s.withCallbackSecret("another-secret"))) {
            mismatched.client.createVm(TestPlatform.spec("pool-prod", "vm-g"));

            Await.until("the receiver refused a signature", () -> mismatched.receiver.badSignatures() > 0);
            assertThat(mismatched.receiver.events()).isEmpty();
        }
    }
}
