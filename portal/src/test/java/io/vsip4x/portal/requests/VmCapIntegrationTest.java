package io.vsip4x.portal.requests;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** A tenant's cap on the size of one VM holds for new VMs as for resizes. */
class VmCapIntegrationTest extends PortalTestSupport {

    @Test
    void newVmLargerThanTheTenantsCapIsRefusedFieldByFieldAndNothingIsSaved() {
        TestTenant t = newTenant();
        jdbc.sql("UPDATE tenant SET vm_max_cpu = 2, vm_max_memory_mb = 4096, vm_max_disk_gb = 60 WHERE id = :id")
                .param("id", t.id()).update();
        Map<String, Object> large = Map.of("templateId", "tpl-centos7", "repoName", "pool-prod", "cpu", 4,
                "memoryMb", 8192, "diskGb", 80, "count", 1, "network", "vnet-office", "reason", "超过上限");

        ResponseEntity<Map<String, Object>> refused = post(t.requester(), "/requests", large);

        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        @SuppressWarnings("unchecked")
        Map<String, String> errors = (Map<String, String>) refused.getBody().get("errors");
        assertThat(errors).containsKeys("cpu", "memoryMb", "diskGb");
        assertThat(errors.get("cpu")).contains("2");
        assertThat(errors.get("memoryMb")).contains("4096");
        assertThat(errors.get("diskGb")).contains("60");
        assertThat(getList(t.requester(), "/requests")).isEmpty();

        Map<String, Object> atTheCap = Map.of("templateId", "tpl-centos7", "repoName", "pool-prod", "cpu", 2,
                "memoryMb", 4096, "diskGb", 60, "count", 1, "network", "vnet-office", "reason", "上限之内");
        long id = submit(t.requester(), atTheCap);
        assertThat(request(t.requester(), id)).containsEntry("state", "PENDING").containsEntry("cpu", 2);
        assertThat(getList(t.requester(), "/requests")).extracting(r -> ((Number) r.get("id")).longValue())
                .isEqualTo(List.of(id));
    }
}
