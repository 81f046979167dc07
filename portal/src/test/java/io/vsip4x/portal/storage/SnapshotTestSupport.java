package io.vsip4x.portal.storage;

import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.vms.VmOperationsTestSupport;
import io.vsip4x.sdk.model.SnapshotInfo;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;

/** Helpers of the snapshot and backup tests: tenants with room for both, answers, waiting for operations. */
abstract class SnapshotTestSupport extends VmOperationsTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    /** A tenant whose quota allows {@code snapshots} snapshots and {@code backups} backups. */
    protected TestTenant tenantWith(long snapshots, long backups) {
        return newTenant(new Quota(32, 64 * 1024, 1000, 0, 10, snapshots, backups));
    }

    /** DELETEs {@code path} through the API as {@code user}. */
    protected ResponseEntity<Map<String, Object>> delete(String user, String path) {
        return api(user).delete().uri(path).retrieve().toEntity(JSON);
    }

    /** The operation id of an accepted (202) answer. */
    protected static long operationOf(ResponseEntity<Map<String, Object>> answer) {
        org.assertj.core.api.Assertions.assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody())
                .isEqualTo(202);
        return ((Number) answer.getBody().get("operationId")).longValue();
    }

    /** Waits until operation {@code id} has finished; returns its state and result code. */
    protected List<String> awaitFinished(long id) {
        await().atMost(PATIENCE).until(() -> List.of("DONE", "FAILED").contains(operationState(id)));
        return jdbc.sql("SELECT state, COALESCE(result_code, '') FROM operation WHERE id = :id").param("id", id)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).single();
    }

    /** The state of operation {@code id}. */
    protected String operationState(long id) {
        return jdbc.sql("SELECT state FROM operation WHERE id = :id").param("id", id).query(String.class).single();
    }

    /** The VM's snapshots as the platform lists them. */
    protected List<SnapshotInfo> snapsOf(String vmId) {
        return platform.call(c -> c.getVmSnaps(vmId));
    }

    /** The actions the operation log holds for {@code vmId}. */
    protected List<String> auditedActions(String vmId) {
        return jdbc.sql("SELECT action FROM audit_event WHERE target = :vm").param("vm", vmId).query(String.class)
                .list();
    }
}
