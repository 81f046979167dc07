package io.vsip4x.portal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.TenantVmSettings;
import io.vsip4x.portal.tenancy.TenantVmSettingsService;
import io.vsip4x.portal.vms.VmOperationsTestSupport;
import io.vsip4x.sdk.model.DataDiskInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Helpers of the data-disk tests: tenants with a data-disk quota, disks made and awaited. */
public abstract class DataDiskTestSupport extends VmOperationsTestSupport {

    protected static final long GIB = 1L << 30;

    @Autowired
    protected TenantVmSettingsService vmSettings;
    @Autowired
    private PlatformTransactionManager transactions;

    /** A tenant with 20 GiB of data-disk quota, asking approval for disks or not. */
    protected TestTenant diskTenant(boolean approval) {
        TestTenant t = newTenant(new Quota(32, 64 * 1024, 1000, 20, 10, 10, 10));
        new TransactionTemplate(transactions).executeWithoutResult(status ->
                vmSettings.save(new TenantVmSettings(t.id(), 8, false, approval), userId(t.requester())));
        return t;
    }

    protected long userId(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class)
                .single();
    }

    protected String poolOf(String vmId) {
        return jdbc.sql("SELECT repo_id FROM vm WHERE vm_id = :v").param("v", vmId).query(String.class).single();
    }

    /** Asks for a disk on its own through the API; returns the answer. */
    protected ResponseEntity<Map<String, Object>> askDisk(String user, String name, long sizeGb, String repoId) {
        return post(user, "/disks", Map.of("name", name, "sizeGb", sizeGb, "repoId", repoId,
                "reason", "数据盘测试"));
    }

    /** A detached disk made at once (the tenant asks no approval), awaited until in use. */
    protected String detachedDisk(TestTenant t, String name, long sizeGb, String repoId) {
        ResponseEntity<Map<String, Object>> answer = askDisk(t.requester(), name, sizeGb, repoId);
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(202);
        String diskId = answer.getBody().get("diskId").toString();
        awaitState(t.requester(), diskId, "ACTIVE");
        return diskId;
    }

    /** The disk as {@code user} finds it in {@code /disks}, if they do. */
    protected Optional<Map<String, Object>> listed(String user, String diskId) {
        return getList(user, "/disks").stream().filter(d -> diskId.equals(d.get("diskId"))).findFirst();
    }

    protected void awaitState(String user, String diskId, String state) {
        await().atMost(PATIENCE).until(() -> listed(user, diskId).map(d -> state.equals(d.get("state")))
                .orElse(false));
    }

    /** The disk as the platform reports it, if it has it. */
    protected Optional<DataDiskInfo> onPlatform(String diskId) {
        List<DataDiskInfo> found = platform.call(c -> c.getDataDisks(List.of(diskId)));
        return found.stream().filter(d -> diskId.equals(d.name())).findFirst();
    }

    /** Asserts a refusal with {@code status} and the spec's {@code code}; returns its text. */
    protected String assertAnswer(ResponseEntity<Map<String, Object>> answer, int status, String code) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(status);
        if (code != null) {
            assertThat(answer.getBody()).containsEntry("code", code);
        }
        return String.valueOf(answer.getBody().get("detail"));
    }

    protected ResponseEntity<Map<String, Object>> attach(String user, String vmId, String diskId) {
        return post(user, "/vms/" + vmId + "/disks/" + diskId + "/attach", null);
    }

    protected ResponseEntity<Map<String, Object>> detach(String user, String vmId, String diskId) {
        return post(user, "/vms/" + vmId + "/disks/" + diskId + "/detach", null);
    }

    protected int delete(String user, String diskId) {
        return api(user).delete().uri("/disks/" + diskId).retrieve().toBodilessEntity().getStatusCode().value();
    }

    protected ResponseEntity<Map<String, Object>> deleteAnswer(String user, String diskId) {
        return api(user).delete().uri("/disks/" + diskId).retrieve()
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {
                });
    }
}
