package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.vms.VmService;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.model.CreateVmSpec;
import io.vsip4x.simulator.state.Nic;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The periodic comparison of the platform's VMs with the inventory: a VM deleted or created behind
 * the portal's back, a status that drifted, the addresses, and a platform whose answer cannot be
 * read (which must never look like every VM gone).
 */
class PipelineInventoryIntegrationTest extends PipelineTestSupport {

    private static final long GIB = 1024L * 1024L * 1024L;

    @Autowired
    private VmService vms;

    @Test
    void vmDeletedBehindThePortalsBackBecomesDeletedAndFreesItsQuota() throws Exception {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        assertThat(usedVms(t)).isEqualTo(1);

        // Deleted on the platform by someone else: the portal hears nothing of it.
        faults("{\"callbacks\": {\"drop\": 1.0, \"seed\": 3}}");
        deleteOnPlatform(List.of(vmId));
        InventoryReconciler.Outcome outcome = inventory.reconcile();

        assertThat(outcome.vanished()).isGreaterThanOrEqualTo(1);
        assertThat(row(vmId)).containsEntry("lifecycle", "DELETED");
        assertThat(status(t.requester(), "/vms/" + vmId)).isEqualTo(404);
        assertThat(usedVms(t)).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'VM_VANISHED' AND target = :vm")
                .param("vm", vmId).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void vmCreatedBehindThePortalsBackIsShownAsUnownedToPlatformAdminsOnly() throws Exception {
        TestTenant t = newTenant();
        String admin = t.code() + "-ops";
        users.create(admin, PASSWORD, "运维 " + t.code(), null, Set.of(Role.PLATFORM_ADMIN));
        String vmId = "vm-outside-" + UUID.randomUUID().toString().substring(0, 8);
        CreateVmSpec spec = new CreateVmSpec("tpl-centos7", "pool-test", 1, GIB, 20 * GIB, "vnet-office",
                List.of(vmId));
        assertThat(platform.call(c -> c.createVm(spec)).ok()).isTrue();
        awaitPlatformStatus(vmId, 0);

        assertThat(inventory.reconcile().unowned()).isGreaterThanOrEqualTo(1);

        List<Map<String, Object>> listed = getList(admin, "/admin/unowned-vms");
        assertThat(listed).anySatisfy(vm -> {
            assertThat(vm).containsEntry("vmId", vmId).containsEntry("pool", "pool-test").containsEntry("cpu", 1)
                    .containsEntry("memoryMb", 1024).containsEntry("diskGb", 20).containsEntry("status", 0);
        });
        assertThat(status(t.requester(), "/admin/unowned-vms")).isEqualTo(403);
        assertThat(status(t.approver(), "/admin/unowned-vms")).isEqualTo(403);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM vm WHERE vm_id = :id").param("id", vmId).query(Integer.class)
                .single()).as("not taken into the inventory").isZero();

        PageClient en = new PageClient(port, "en");
        en.signIn(admin, PASSWORD);
        String page = en.get("/admin/unowned-vms").body();
        assertThat(page).contains(vmId).contains("adopt-submit-" + vmId).doesNotContain("later version");
        PageClient user = new PageClient(port, "zh-CN");
        user.signIn(t.requester(), PASSWORD);
        assertThat(user.get("/admin/unowned-vms").statusCode()).isEqualTo(403);

        inventory.reconcile();
        assertThat(jdbc.sql("SELECT first_seen < last_seen FROM unowned_vm WHERE vm_id = :id").param("id", vmId)
                .query(Boolean.class).single()).as("seen again").isTrue();

        deleteOnPlatform(List.of(vmId));
        inventory.reconcile();
        assertThat(getList(admin, "/admin/unowned-vms")).noneSatisfy(vm -> assertThat(vm).containsEntry("vmId", vmId));
    }

    @Test
    void driftedStatusAndHostAreCorrectedAndAddressesCopiedAndUnchangedRowsAreNotWritten() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        String host = onPlatform(vmId).orElseThrow().hostId();
        String addresses = onPlatform(vmId).orElseThrow().nics().stream().map(Nic::ipAddress)
                .collect(Collectors.joining(","));
        // A report the portal missed: it believes the VM paused on another host, with no address.
        jdbc.sql("UPDATE vm SET status = 4, host_id = 'host-elsewhere', ip_addresses = NULL WHERE vm_id = :id")
                .param("id", vmId).update();

        InventoryReconciler.Outcome first = inventory.reconcile();

        assertThat(first.drifted()).isGreaterThanOrEqualTo(1);
        assertThat(first.addresses()).isGreaterThanOrEqualTo(1);
        assertThat(row(vmId)).containsEntry("status", 1).containsEntry("host_id", host)
                .containsEntry("ip_addresses", addresses).containsEntry("lifecycle", "ACTIVE");
        assertThat(addresses).isNotBlank();
        assertThat(vm(t.requester(), vmId)).containsEntry("status", 1);

        Object updated = jdbc.sql("SELECT updated_at FROM vm WHERE vm_id = :id").param("id", vmId).query()
                .singleValue();
        InventoryReconciler.Outcome second = inventory.reconcile();
        assertThat(second.drifted()).isZero();
        assertThat(second.addresses()).isZero();
        assertThat(jdbc.sql("SELECT updated_at FROM vm WHERE vm_id = :id").param("id", vmId).query().singleValue())
                .isEqualTo(updated);
        cleanUp(List.of(vmId));
    }

    @Test
    void anAnswerThatCannotBeReadOrAPlatformThatIsDownNeverDeletesAnything() throws Exception {
        TestTenant t = newTenant();
        String vmId = runningVm(t);

        faults("{\"methods\": {\"searchVmList\": {\"fault\": \"answer\", \"code\": \"2003\"}}}");
        assertThatThrownBy(() -> inventory.reconcile()).isInstanceOf(Vsip4xException.class);
        assertThat(row(vmId)).containsEntry("lifecycle", "ACTIVE");

        faults("{\"platformDown\": true}");
        assertThatThrownBy(() -> inventory.reconcile()).isInstanceOf(Vsip4xException.class);
        inventory.scheduled();
        assertThat(row(vmId)).containsEntry("lifecycle", "ACTIVE").containsEntry("status", 1);

        faults("{}");
        await().atMost(PATIENCE).until(() -> (Boolean) get(t.requester(), "/platform").get("reachable"));
        cleanUp(List.of(vmId));
    }

    private long usedVms(TestTenant t) {
        return vms.usage(t.id(), null).used().vms();
    }
}
