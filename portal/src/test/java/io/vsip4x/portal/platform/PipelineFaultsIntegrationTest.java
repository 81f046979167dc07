package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.simulator.faults.CallbackFate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operation pipeline against a misbehaving platform, with faults set through the simulator's
 * admin endpoint: down while work is queued, callbacks dropped, duplicated, delayed and
 * reordered, and a {@code createVm} whose answer is lost.
 */
class PipelineFaultsIntegrationTest extends PipelineTestSupport {

    /** Rank of each status in a VM's creation and start: a report may skip ranks, never go back. */
    private static final Map<Integer, Integer> CREATION_RANK = Map.of(6, 1, 0, 2, 1, 3);

    @Autowired
    private PlatformProperties properties;

    @Test
    void operationsQueuedWhileThePlatformAnswers503AreAllDoneWhenItReturns() throws Exception {
        TestTenant t = newTenant();
        String running = runningVm(t);

        faults("{\"platformDown\": true}");
        assertThat(post(t.requester(), "/vms/" + running + "/shutdown", null).getStatusCode().value())
                .isEqualTo(202);
        long id = approved(t, 1, true);
        await().atMost(PATIENCE).until(() -> !(Boolean) get(t.requester(), "/platform").get("reachable"));
        await().atMost(PATIENCE).until(() -> jdbc.sql("""
                SELECT COUNT(*) FROM operation
                 WHERE (vm_id = :vm OR request_id = :id) AND state = 'QUEUED' AND last_error IS NOT NULL""")
                .param("vm", running).param("id", id).query(Integer.class).single() == 2);
        assertThat(request(t.requester(), id)).containsEntry("state", "APPROVED");

        faults("{}");

        await().atMost(LONG_PATIENCE).until(() -> "COMPLETED".equals(request(t.requester(), id).get("state")));
        String created = vmIds(t, id).get(0);
        await().atMost(PATIENCE).until(() -> Integer.valueOf(0).equals(row(running).get("status"))
                && Integer.valueOf(1).equals(row(created).get("status")));
        assertThat(jdbc.sql("""
                SELECT state FROM operation WHERE vm_id IN (:vms) OR request_id = :id""")
                .param("vms", List.of(running, created)).param("id", id).query(String.class).list())
                .as("nothing lost, nothing failed").isNotEmpty().allMatch(s -> s.equals("DONE"));
        cleanUp(List.of(running, created));
    }

    @Test
    void operationsWhoseCallbacksAreDroppedAreFinishedByReconciliationAsDoneOrWithAReason() throws Exception {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        faults("{\"callbacks\": {\"drop\": 1.0, \"seed\": 1}}");

        assertThat(post(t.requester(), "/vms/" + vmId + "/shutdown", null).getStatusCode().value()).isEqualTo(202);
        awaitPlatformStatus(vmId, 0);
        await().atMost(PATIENCE).until(() -> "SENT".equals(lastOperation(vmId).get("state")));
        timeouts.timeOutOlderThan(Duration.ZERO);
        assertThat(lastOperation(vmId)).containsEntry("state", "DONE")
                .containsEntry("result_info", OperationTimeouts.CONFIRMED);
        assertThat(row(vmId)).containsEntry("status", 0);

        // A start that fails, and whose failure is never reported, ends with a reason the user reads.
        faults("{\"callbacks\": {\"drop\": 1.0, \"seed\": 1}, \"failingOperations\": [\"startVm\"]}");
        assertThat(post(t.requester(), "/vms/" + vmId + "/start", null).getStatusCode().value()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> "SENT".equals(lastOperation(vmId).get("state")));
        awaitPlatformStatus(vmId, 0);
        timeouts.timeOutOlderThan(Duration.ZERO);
        assertThat(lastOperation(vmId)).containsEntry("state", "FAILED")
                .containsEntry("result_info", OperationTimeouts.TIMED_OUT);
        Map<?, ?> last = (Map<?, ?>) vm(t.requester(), vmId).get("lastOperation");
        assertThat(last.get("state")).isEqualTo("FAILED");
        assertThat(last.get("codeText").toString()).startsWith("The platform did not report this operation done");
        cleanUp(List.of(vmId));
    }

    @Test
    void duplicatedDelayedAndReorderedCallbacksLeaveTheRightStateAndNeverGoBackwards() throws Exception {
        TestTenant t = newTenant();
        faults("""
                {"callbacks": {"drop": 0, "duplicate": 0.3, "delay": 0.2, "reorder": 0.3, "delayMs": 400,
                 "seed": 42}}""");
        long id = approved(t, 2, true);
        List<String> vms = vmIds(t, id);
        Map<String, List<Integer>> seen = new HashMap<>();
        Map<String, List<Long>> seqs = new HashMap<>();
        await().atMost(LONG_PATIENCE).pollInterval(Duration.ofMillis(5)).until(() -> {
            vms.forEach(vm -> record(vm, seen, seqs));
            return vms.stream().allMatch(vm -> Integer.valueOf(1).equals(row(vm).get("status")))
                    && "COMPLETED".equals(request(t.requester(), id).get("state"));
        });
        for (String vm : vms) {
            assertThat(seqs.get(vm)).as("sequence of %s", vm).isSorted();
            List<Integer> ranks = seen.get(vm).stream().filter(s -> s != null).map(CREATION_RANK::get).toList();
            assertThat(ranks).as("statuses of %s: %s", vm, seen.get(vm)).doesNotContainNull().isSorted();
        }

        String first = vms.get(0);
        await().atMost(PATIENCE).until(() -> !(Boolean) vm(t.requester(), first).get("busy"));
        assertThat(post(t.requester(), "/vms/" + first + "/shutdown", null).getStatusCode().value()).isEqualTo(202);
        Map<String, List<Integer>> after = new HashMap<>();
        await().atMost(LONG_PATIENCE).pollInterval(Duration.ofMillis(5)).until(() -> {
            record(first, after, seqs);
            return Integer.valueOf(0).equals(row(first).get("status")) && !(Boolean) vm(t.requester(), first)
                    .get("busy");
        });
        assertThat(after.get(first)).as("never back to running once stopped").endsWith(0)
                .containsSubsequence(0).doesNotContainSequence(0, 1);
        assertThat(seqs.get(first)).isSorted();

        Map<CallbackFate, Long> counts = simulator.simulator().faults().view().callbackCounts();
        assertThat(counts.getOrDefault(CallbackFate.DUPLICATE, 0L) + counts.getOrDefault(CallbackFate.REORDER, 0L))
                .as("faults happened: %s", counts).isPositive();
        cleanUp(vms);
    }

    @Test
    void twentyVmsAtOnceWithThreeCallbacksDroppedAreExactlyTwentyAndAllActive() throws Exception {
        TestTenant t = newTenant(new Quota(40, 40 * 1024, 800, 20));
        int before = simulator.simulator().vms().size();
        // Seed 1 drops the 6th, 23rd and 33rd of the next 40 events (shares of 0.1).
        faults("{\"callbacks\": {\"drop\": 0.1, \"seed\": 1}}");

        long id = approved(t, 20, false);
        List<String> vms = vmIds(t, id);
        assertThat(vms).hasSize(20).doesNotHaveDuplicates();
        vms.forEach(vm -> awaitPlatformStatus(vm, 0));
        await().atMost(PATIENCE).until(() -> simulator.simulator().pendingCallbacks().isEmpty());
        assertThat(simulator.simulator().faults().view().callbackCounts()).containsEntry(CallbackFate.DROP, 3L);

        timeouts.timeOutOlderThan(Duration.ZERO);

        await().atMost(PATIENCE).until(() -> "COMPLETED".equals(request(t.requester(), id).get("state")));
        assertThat(vms).allSatisfy(vm -> assertThat(row(vm)).containsEntry("lifecycle", "ACTIVE")
                .containsEntry("status", 0));
        assertThat(simulator.simulator().vms()).hasSize(before + 20);
        assertThat(vms).allSatisfy(vm -> assertThat(onPlatform(vm)).isPresent());
        cleanUp(vms);
    }

    @Test
    void createVmRetriedAfterItsAnswerWasLostMakesNoExtraVm() throws Exception {
        TestTenant t = newTenant();
        Set<String> before = platformIds();
        // The first createVm runs two seconds after the portal gave up waiting for its answer; the
        // room check before each send takes 2.5 s, so the retry's createVm comes after the first ran.
        long slow = properties.readTimeout().toMillis() + 2000;
        faults("""
                {"methods": {"createVm": {"fault": "slow", "delayMs": %d, "times": 1},
                             "getCreateRemainder": {"fault": "slow", "delayMs": 2500}}}""".formatted(slow));

        long id = approved(t, 2, false);

        await().atMost(LONG_PATIENCE).until(() -> "COMPLETED".equals(request(t.requester(), id).get("state")));
        List<String> vms = vmIds(t, id);
        Map<String, Object> op = jdbc.sql("""
                SELECT state, attempts FROM operation WHERE request_id = :id AND kind = 'CREATE_VM'""")
                .param("id", id).query().singleRow();
        assertThat(op).containsEntry("state", "DONE");
        assertThat(((Number) op.get("attempts")).intValue()).as("sent again after the time-out").isGreaterThan(1);
        assertThat(vms).hasSize(2).allSatisfy(vm -> assertThat(onPlatform(vm)).isPresent());
        faults("{}");
        Set<String> added = platformIds();
        added.removeAll(before);
        List<String> ours = jdbc.sql("SELECT vm_id FROM vm WHERE vm_id IN (:ids) AND request_id = :id")
                .param("ids", added).param("id", id).query(String.class).list();
        List<String> unknown = jdbc.sql("SELECT vm_id FROM vm WHERE vm_id IN (:ids)").param("ids", added)
                .query(String.class).list();
        assertThat(ours).as("no extra VM for the request").containsExactlyInAnyOrderElementsOf(vms);
        assertThat(unknown).as("no VM the portal does not know").hasSameSizeAs(added);
        cleanUp(vms);
    }

    private Set<String> platformIds() {
        return simulator.simulator().vms().stream().map(io.vsip4x.simulator.state.Vm::vmId)
                .collect(Collectors.toCollection(HashSet::new));
    }

    private Map<String, Object> lastOperation(String vmId) {
        return jdbc.sql("SELECT state, result_code, result_info FROM operation WHERE vm_id = :id ORDER BY id DESC "
                + "LIMIT 1").param("id", vmId).query().singleRow();
    }

    /** Notes the VM's status and sequence when they changed since the last look. */
    private void record(String vmId, Map<String, List<Integer>> seen, Map<String, List<Long>> seqs) {
        Map<String, Object> now = jdbc.sql("SELECT status, status_seq FROM vm WHERE vm_id = :id")
                .param("id", vmId).query().singleRow();
        Integer status = (Integer) now.get("status");
        long seq = ((Number) now.get("status_seq")).longValue();
        List<Integer> statuses = seen.computeIfAbsent(vmId, k -> new ArrayList<>());
        if (statuses.isEmpty() || !java.util.Objects.equals(statuses.get(statuses.size() - 1), status)) {
            statuses.add(status);
        }
        List<Long> sequence = seqs.computeIfAbsent(vmId, k -> new ArrayList<>());
        if (sequence.isEmpty() || sequence.get(sequence.size() - 1) != seq) {
            sequence.add(seq);
        }
    }
}
