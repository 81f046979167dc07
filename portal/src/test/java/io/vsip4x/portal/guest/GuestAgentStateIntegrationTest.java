package io.vsip4x.portal.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.vms.VmOperationsTestSupport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The guest page and API beside the platform's guest agent: a running VM whose agent is off shows
 * it and refuses the tasks, an unreachable platform is a 503 (not "agent off"), reading the guest
 * takes no lock on the VM, and a change holds none while the platform works on it, so the
 * platform's callbacks about the VM never wait for the guest.
 */
class GuestAgentStateIntegrationTest extends VmOperationsTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {
            };

    @Autowired
    TransactionTemplate transactions;

    @AfterEach
    void clearFaults() {
        simulator.simulator().faults().reset();
        simulator.simulator().faults().platformDown(false);
    }

    @Test
    void aRunningVmWhoseAgentIsOffShowsItAndTheApiRefusesTheTasks() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        simulator.simulator().guestAgents().setRunning(vmId, false);
        try {
            assertThat(get(t.requester(), "/vms/" + vmId + "/guest")).containsEntry("status", 1)
                    .containsEntry("agentOn", false).containsEntry("tasksEnabled", false);
            String body = signedIn(t.requester()).get("/vms/" + vmId + "/guest").body();
            assertThat(body).contains("data-agent-on=\"false\"", "id=\"guest-refusal\"",
                    "is not running, so no guest task can be done now");
            assertThat(body).containsPattern("<fieldset[^>]*id=\"guest-tasks\"[^>]*disabled");

            ResponseEntity<Map<String, Object>> processes = api(t.requester()).get()
                    .uri("/vms/" + vmId + "/guest/processes").retrieve().toEntity(JSON);
            assertThat(processes.getStatusCode().value()).isEqualTo(409);
            assertThat(processes.getBody().get("detail").toString()).contains("guest agent is not running");
            ResponseEntity<Map<String, Object>> login = post(t.requester(), "/vms/" + vmId + "/guest/login",
                    Map.of("username", "administrator", "credential", "Agent-0ff!"));
            assertThat(login.getStatusCode().value()).isEqualTo(409);
            assertThat(simulator.simulator().guest(vmId).session()).isNull();
        } finally {
            simulator.simulator().guestAgents().setRunning(vmId, true);
        }
        assertThat(api(t.requester()).get().uri("/vms/" + vmId + "/guest/processes").retrieve()
                .toEntity(String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void anUnreachablePlatformIsA503AndNotAnAgentThatIsOff() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        simulator.simulator().faults().platformDown(true);
        try {
            ResponseEntity<Map<String, Object>> processes = api(t.requester()).get()
                    .uri("/vms/" + vmId + "/guest/processes").retrieve().toEntity(JSON);
            assertThat(processes.getStatusCode().value()).isEqualTo(503);
            assertThat(processes.getBody().get("detail").toString()).doesNotContain("agent");
            ResponseEntity<Map<String, Object>> lock = post(t.requester(), "/vms/" + vmId + "/guest/lock", null);
            assertThat(lock.getStatusCode().value()).isEqualTo(503);

            String body = signedIn(t.requester()).get("/vms/" + vmId + "/guest").body();
            assertThat(body).contains("The platform cannot be reached right now")
                    .doesNotContain("is not running, so no guest task");
            assertThat(body).containsPattern("<fieldset[^>]*id=\"guest-tasks\"[^>]*disabled");
        } finally {
            simulator.simulator().faults().platformDown(false);
        }
        assertThat(auditRows(vmId)).anySatisfy(r -> assertThat(r).contains("VM_GUEST_PROCESSES", "FAILURE",
                "platform unreachable"));
    }

    @Test
    void readingTheGuestTakesNoLockAndAChangeHoldsNoneWhileThePlatformWorks() throws Exception {
        TestTenant t = newTenant();
        String vmId = runningVm(t);

        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(s -> {
            jdbc.sql("SELECT vm_id FROM vm WHERE vm_id = :id FOR UPDATE").param("id", vmId).query(String.class)
                    .single();
            locked.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<ResponseEntity<List<Map<String, Object>>>> read = CompletableFuture.supplyAsync(
                    () -> api(t.requester()).get().uri("/vms/" + vmId + "/guest/software").retrieve()
                            .toEntity(LIST));
            ResponseEntity<List<Map<String, Object>>> software = read.get(15, TimeUnit.SECONDS);
            assertThat(software.getStatusCode().value())
                    .as("the software list answers while another transaction holds the VM's row").isEqualTo(200);
            assertThat(software.getBody()).isNotEmpty();
        } finally {
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
        }

        simulator.simulator().faults().slow("logoutVmOS", Duration.ofSeconds(6), 1);
        CompletableFuture<ResponseEntity<Map<String, Object>>> logout = CompletableFuture.supplyAsync(
                () -> post(t.requester(), "/vms/" + vmId + "/guest/logout", null));
        await().atMost(PATIENCE).until(() -> !simulator.simulator().faults().view().plan().methods()
                .containsKey("logoutVmOS"));
        String row = transactions.execute(s -> jdbc.sql("SET STATEMENT innodb_lock_wait_timeout = 2 FOR "
                + "SELECT vm_id FROM vm WHERE vm_id = :id FOR UPDATE").param("id", vmId).query(String.class)
                .single());
        assertThat(row).isEqualTo(vmId);
        assertThat(logout).as("the platform was still working on the logout").isNotDone();
        assertThat(logout.get(30, TimeUnit.SECONDS).getStatusCode().value()).isEqualTo(200);
    }

    private PageClient signedIn(String user) {
        PageClient page = new PageClient(port, "en");
        page.signIn(user, PASSWORD);
        return page;
    }

    private List<String> auditRows(String vmId) {
        return new ArrayList<>(jdbc.sql("SELECT * FROM audit_event WHERE target = :vm ORDER BY id")
                .param("vm", vmId).query().listOfRows().stream().map(Object::toString).toList());
    }
}
