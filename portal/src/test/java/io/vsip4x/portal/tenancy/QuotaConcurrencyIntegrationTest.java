package io.vsip4x.portal.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.requests.RequestForm;
import io.vsip4x.portal.requests.RequestService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import tools.jackson.databind.json.JsonMapper;

/**
 * Approvals racing for the same quota, through the public API: the tenant's quota row lock lets
 * exactly as many through as fit, and a request approved twice at once is provisioned once.
 */
class QuotaConcurrencyIntegrationTest extends PortalTestSupport {

    @Autowired
    private RequestService requests;
    @Autowired
    private JsonMapper json;
    @Autowired
    private PlatformClient platform;

    /** One small VM, left stopped: 1 vCPU, 512 MiB, 40 GiB. */
    private static final Map<String, Object> ONE_VM = Map.of("templateId", "tpl-centos7", "repoName", "pool-prod",
            "cpu", 1, "memoryMb", 512, "diskGb", 40, "count", 1, "network", "vnet-office", "reason", "并发测试",
            "powerOn", false);

    @Test
    void twoHundredConcurrentApprovalsAgainstRoomForFiftyLetExactlyFiftyThrough() throws Exception {
        TestTenant t = newTenant(new Quota(50, 50 * 512, 50 * 40, 50));
        List<Long> ids = submitDirectly(t.requester(), 200);

        List<ResponseEntity<Map<String, Object>>> answers = inParallel(24, ids.size(),
                i -> post(t.approver(), "/requests/" + ids.get(i) + "/approve", null));

        assertThat(answers).extracting(a -> a.getStatusCode().value()).filteredOn(s -> s == 200).hasSize(50);
        List<Map<String, Object>> refused = answers.stream().filter(a -> a.getStatusCode().value() != 200)
                .map(ResponseEntity::getBody).toList();
        assertThat(refused).hasSize(150).allSatisfy(problem -> {
            assertThat(problem).containsEntry("status", 409)
                    .containsEntry("type", "urn:vsip4x:problem:error.quota.exceeded");
            // The numbers: one more VM asked, none free of a limit of 50, all used or reserved.
            assertThat((String) problem.get("detail")).contains(
                    "VMs 1 asked, 0 free in the department quota (limit 50, used ");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> excesses = (List<Map<String, Object>>) problem.get("excesses");
            assertThat(excesses).anySatisfy(excess -> assertThat(excess)
                    .containsEntry("resource", "vms").containsEntry("limit", 50).containsEntry("free", 0)
                    .containsEntry("asked", 1).containsEntry("personal", false));
        });

        Map<String, Object> quota = get(t.requester(), "/quota");
        assertThat(total(quota)).isEqualTo(Map.of("cpu", 50L, "memoryMb", 50L * 512, "diskGb", 50L * 40,
                "dataDiskGb", 0L, "vms", 50L, "snapshots", 0L, "backups", 0L));
        assertThat(createOperations(ids)).isEqualTo(50);
        List<String> targets = ids.stream().map(id -> "POST /api/v1/requests/" + id + "/approve").toList();
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM audit_event
                 WHERE action = 'REFUSED' AND result = 'DENIED' AND target IN (:targets)
                   AND params LIKE 'error.quota.exceeded [%vms 1 > 0 (50 - %'""")
                .param("targets", targets).query(Integer.class).single()).as("refusals logged with the numbers")
                .isEqualTo(150);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM vm WHERE tenant_id = :t").param("t", t.id())
                .query(Integer.class).single()).isEqualTo(50);
        deleteVmsOf(t.id());
    }

    /**
     * Deletes a tenant's VMs on the platform once created, and waits for the platform's reports:
     * the simulator's hosts are shared by every test of the run, and fifty VMs left behind would
     * leave too little room for the tests after this one.
     */
    private void deleteVmsOf(long tenantId) {
        String unsettled = """
                SELECT COUNT(*) FROM vm
                 WHERE tenant_id = :t AND (lifecycle = 'PENDING' OR (lifecycle = 'ACTIVE' AND (status IS NULL
                       OR status <> 0)))""";
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(unsettled).param("t", tenantId)
                .query(Integer.class).single() == 0);
        List<String> created = jdbc.sql("SELECT vm_id FROM vm WHERE tenant_id = :t AND lifecycle = 'ACTIVE'")
                .param("t", tenantId).query(String.class).list();
        assertThat(platform.call(c -> c.deleteVmBatch(created, false)).ok()).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql("""
                SELECT COUNT(*) FROM vm WHERE tenant_id = :t AND lifecycle = 'DELETED'""")
                .param("t", tenantId).query(Integer.class).single() == created.size());
    }

    @Test
    void oneRequestApprovedByEightAtOnceIsDecidedOnceAndCreatedOnce() throws Exception {
        TestTenant t = newTenant();
        long id = submit(t.requester(), ONE_VM);

        List<ResponseEntity<Map<String, Object>>> answers = inParallel(8, 8,
                i -> post(t.approver(), "/requests/" + id + "/approve", null));

        assertThat(answers).extracting(a -> a.getStatusCode().value()).containsOnly(200, 409)
                .filteredOn(s -> s == 200).hasSize(1);
        assertThat(answers).filteredOn(a -> a.getStatusCode().value() == 409)
                .allSatisfy(a -> assertThat(a.getBody()).containsEntry("type",
                        "urn:vsip4x:problem:error.request.notPending"));
        assertThat(createOperations(List.of(id))).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM request_decision WHERE request_id = :id").param("id", id)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(total(get(t.requester(), "/quota"))).containsEntry("vms", 1L).containsEntry("cpu", 1L);
    }

    /**
     * Submits {@code count} one-VM requests through the service, as {@code username}: the same
     * checks as the API's, without a password check per request.
     */
    private List<Long> submitDirectly(String username, int count) {
        UserDetails details = users.loadUserByUsername(username);
        Authentication auth = UsernamePasswordAuthenticationToken.authenticated(details, null,
                details.getAuthorities());
        CurrentUser user = UserService.of(auth);
        RequestForm form = json.convertValue(ONE_VM, RequestForm.class);
        SecurityContextHolder.getContext().setAuthentication(auth);
        try {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ids.add(requests.submit(user, form));
            }
            return ids;
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Used plus reserved, per resource. */
    @SuppressWarnings("unchecked")
    static Map<String, Long> total(Map<String, Object> quota) {
        Map<String, Object> used = (Map<String, Object>) quota.get("used");
        Map<String, Object> reserved = (Map<String, Object>) quota.get("reserved");
        Map<String, Long> total = new java.util.TreeMap<>();
        used.forEach((k, v) -> total.put(k, ((Number) v).longValue() + ((Number) reserved.get(k)).longValue()));
        return total;
    }

    private int createOperations(List<Long> requestIds) {
        return jdbc.sql("SELECT COUNT(*) FROM operation WHERE kind = 'CREATE_VM' AND request_id IN (:ids)")
                .param("ids", requestIds).query(Integer.class).single();
    }

    /** A task per index.  */
    interface Task<T> {
        T run(int index) throws Exception;
    }

    /** Runs {@code count} tasks on {@code threads} threads, all released at once; their results in order. */
    private static <T> List<T> inParallel(int threads, int count, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<T> call = () -> {
                    start.await();
                    return task.run(index);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
