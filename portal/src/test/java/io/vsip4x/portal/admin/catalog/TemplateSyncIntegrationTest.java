package io.vsip4x.portal.admin.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/** Syncing a template through the simulator: what the platform says, its codes, and the audit. */
class TemplateSyncIntegrationTest extends PortalTestSupport {

    private static final long GIB = 1L << 30;

    private int audited(String actor, String template, String result, String code) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM audit_event
                 WHERE action = 'TEMPLATE_SYNC' AND actor = :actor AND target = :target AND result = :result
                   AND (:code IS NULL OR code = :code)""")
                .param("actor", actor).param("target", template).param("result", result).param("code", code)
                .query(Integer.class).single();
    }

    @Test
    void aTemplateThePlatformHasIsReportedWithItsDiskSizeAndAudited() {
        String admin = newPlatformAdmin("sync");

        ResponseEntity<Map<String, Object>> synced = post(admin, "/admin/templates/tpl-centos7/sync", null);

        assertThat(synced.getStatusCode().value()).isEqualTo(200);
        assertThat(synced.getBody()).containsEntry("templateId", "tpl-centos7").containsEntry("exists", true)
                .containsEntry("status", "1").containsEntry("diskBytes", 40 * GIB);
        assertThat(audited(admin, "tpl-centos7", "SUCCESS", "0")).isEqualTo(1);
    }

    @Test
    void anUnknownTemplateIsReportedMissingWithThePlatformsStatus() {
        String admin = newPlatformAdmin("sync");

        ResponseEntity<Map<String, Object>> synced = post(admin, "/admin/templates/tpl-gone-1/sync", null);

        assertThat(synced.getStatusCode().value()).isEqualTo(200);
        assertThat(synced.getBody()).containsEntry("exists", false).containsEntry("status", "2")
                .containsEntry("diskBytes", 0);
        assertThat(audited(admin, "tpl-gone-1", "SUCCESS", null)).isEqualTo(1);
    }

    @Test
    void aRefusalIsAConflictWithThePlatformsCodeAndIsAudited() {
        String admin = newPlatformAdmin("sync");
        simulator.simulator().faults().answer("syncVmTemplate", "2004", 1);
        try {
            ResponseEntity<Map<String, Object>> refused = post(admin, "/admin/templates/tpl-kylin10/sync", null);

            assertThat(refused.getStatusCode().value()).isEqualTo(409);
            assertThat(refused.getBody()).containsEntry("code", "2004");
            assertThat(refused.getBody().get("detail").toString()).contains("refused to sync template tpl-kylin10");
            assertThat(audited(admin, "tpl-kylin10", "FAILURE", "2004")).isEqualTo(1);
        } finally {
            simulator.simulator().faults().clearMethod("syncVmTemplate");
        }
    }

    @Test
    void aMalformedIdIsRefusedAndAuditedBeforeThePlatformIsAsked() {
        String admin = newPlatformAdmin("sync");

        ResponseEntity<Map<String, Object>> bad = post(admin, "/admin/templates/bad$id/sync", null);

        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody().get("detail").toString()).contains("not a template id");
        assertThat(audited(admin, "bad$id", "SUCCESS", null) + audited(admin, "bad$id", "FAILURE", null)).isZero();
        assertThat(jdbc.sql("""
                SELECT message FROM audit_event
                 WHERE action = 'TEMPLATE_SYNC' AND actor = :actor AND target = 'bad$id' AND result = 'DENIED'""")
                .param("actor", admin).query(String.class).list()).as("audited as refused, with the reason")
                .containsExactly("malformed id");
    }

    @Test
    void theTemplatesPageSyncsAndShowsWhatThePlatformSaid() {
        String admin = newPlatformAdmin("sync");
        PageClient pages = signedInPages(admin);
        String token = PageClient.csrfOf(pages.get("/admin/templates").body());

        HttpResponse<String> page = pages.postForm("/admin/templates/tpl-win2019/sync", "_csrf=" + token);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/admin/templates");
        assertThat(page.body()).contains("id=\"sync-result\"")
                .contains("The platform has template tpl-win2019; its disk is 80.0 GiB.");
        assertThat(audited(admin, "tpl-win2019", "SUCCESS", "0")).isEqualTo(1);
    }
}
