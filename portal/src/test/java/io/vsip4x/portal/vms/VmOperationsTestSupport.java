package io.vsip4x.portal.vms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.platform.PlatformClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Helpers of the VM operation tests: running VMs made through a request, waiting for a status,
 * and deleting every VM a test made afterwards (the simulator's hosts are shared by the tests of
 * one JVM).
 */
public abstract class VmOperationsTestSupport extends PortalTestSupport {

    @Autowired
    protected PlatformClient platform;

    private final List<String> made = new ArrayList<>();

    /** Deletes the test's VMs on the platform: resumed or shut down first, as the platform needs. */
    @AfterEach
    void deleteTheTestsVms() {
        simulator.simulator().pauseCallbacks(false);
        for (String vmId : made) {
            await().atMost(PATIENCE).until(() -> simulator.simulator().vm(vmId).map(vm -> !vm.busy()).orElse(true));
            if (simulator.simulator().vm(vmId).isEmpty()) {
                continue;
            }
            int status = simulator.simulator().vm(vmId).orElseThrow().status();
            if (status == 4) {
                platform.call(c -> c.resumeVm(vmId));
                awaitPlatform(vmId, 1);
                status = 1;
            }
            if (status == 1) {
                platform.call(c -> c.shutdownVm(vmId));
                awaitPlatform(vmId, 0);
            }
            platform.call(c -> c.deleteVm(vmId));
            await().atMost(PATIENCE).until(() -> simulator.simulator().vm(vmId).isEmpty());
        }
        made.clear();
    }

    /** {@code count} running VMs of {@code t}'s requester, from one approved request. */
    protected List<String> runningVms(TestTenant t, int count) {
        long id = submit(t.requester(), smallRequest(count));
        post(t.approver(), "/requests/" + id + "/approve", null);
        await().atMost(PATIENCE).until(() -> ((List<?>) request(t.requester(), id).get("vmIds")).size() == count);
        List<String> vmIds = ((List<?>) request(t.requester(), id).get("vmIds")).stream().map(Object::toString)
                .toList();
        made.addAll(vmIds);
        for (String vmId : vmIds) {
            awaitSettled(t.requester(), vmId, 1);
        }
        return vmIds;
    }

    /** One running VM of {@code t}'s requester. */
    protected String runningVm(TestTenant t) {
        return runningVms(t, 1).get(0);
    }

    /** One stopped VM of {@code t}'s requester. */
    protected String stoppedVm(TestTenant t) {
        String vmId = runningVm(t);
        assertThat(act(t.requester(), vmId, "shutdown", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(t.requester(), vmId, 0);
        return vmId;
    }

    /** Waits until the portal shows {@code vmId} in {@code status} with no operation under way. */
    protected void awaitSettled(String user, String vmId, int status) {
        await().atMost(PATIENCE).until(() -> {
            Map<String, Object> vm = vm(user, vmId);
            return Integer.valueOf(status).equals(vm.get("status")) && Boolean.FALSE.equals(vm.get("busy"));
        });
    }

    /** Waits until the platform shows {@code vmId} in {@code status} with nothing in flight. */
    protected void awaitPlatform(String vmId, int status) {
        await().atMost(PATIENCE).until(() -> simulator.simulator().vm(vmId)
                .filter(vm -> vm.status() == status && !vm.busy()).isPresent());
    }

    /** POSTs operation {@code op} on {@code vmId} through the API. */
    protected ResponseEntity<Map<String, Object>> act(String user, String vmId, String op, Object body) {
        return post(user, "/vms/" + vmId + "/" + op, body);
    }

    /** Asserts a 409 carrying the spec's {@code code}; returns its text. */
    protected String assertRefused(ResponseEntity<Map<String, Object>> answer, String code) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(409);
        assertThat(answer.getBody()).containsEntry("code", code);
        return answer.getBody().get("detail").toString();
    }

    /** How many operations the portal holds for {@code vmId}. */
    protected int operationCount(String vmId) {
        return jdbc.sql("SELECT COUNT(*) FROM operation WHERE vm_id = :id").param("id", vmId).query(Integer.class)
                .single();
    }

    /** A platform admin of its own. */
    protected String platformAdmin(TestTenant t) {
        String name = t.code() + "-ops";
        users.create(name, PASSWORD, "运维 " + t.code(), null, Set.of(Role.PLATFORM_ADMIN));
        return name;
    }

    /**
     * An address of a simulator network ({@code prefix} such as {@code "10.10.0."}) that no VM of
     * the platform holds: the test database and platform are shared by every test of the run.
     */
    protected String freeAddress(String prefix) {
        Set<String> used = simulator.simulator().vms().stream().flatMap(v -> v.nics().stream())
                .map(n -> n.ipAddress()).collect(Collectors.toSet());
        for (int host = 250; host > 10; host--) {
            if (!used.contains(prefix + host)) {
                return prefix + host;
            }
        }
        throw new IllegalStateException("No free address left in " + prefix + "0/24");
    }
}
