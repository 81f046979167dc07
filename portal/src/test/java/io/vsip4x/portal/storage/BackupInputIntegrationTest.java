package io.vsip4x.portal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.sdk.codes.ResultCodes;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;

/**
 * What testers found in snapshots and backups, through the simulator over HTTP: a restore into
 * another pool is refused while data disks are attached (restoring where the VM is stays allowed),
 * texts with control, separator or direction characters and yes/no choices that are neither are
 * refused with field errors, a memory snapshot of a stopped VM says it needs a running VM (and the
 * page disables the box, saying why), snapshots carry a note, and the recent operations show each
 * code's meaning.
 */
class BackupInputIntegrationTest extends DataDiskTestSupport {

    /** What descriptions and notes refuse: C0, line separator, direction override and mark, a lone surrogate. */
    private static final List<String> BAD_TEXTS = List.of("a\u0007b", "two\nlines", "a\u2028b", "abc\u202Edef",
            "a\u200Fb", "half\uD83D", "x\u0000");

    @Test
    void aRestoreIntoAnotherPoolIsRefusedWhileDataDisksAreAttached() {
        TestTenant t = diskTenant(false);
        String vmId = stoppedVm(t);
        String pool = poolOf(vmId);
        String other = "pool-prod".equals(pool) ? "pool-test" : "pool-prod";
        String diskId = detachedDisk(t, "日志盘", 1, pool);
        assertThat(attach(t.requester(), vmId, diskId).getStatusCode().value()).isEqualTo(200);
        String backupId = backedUp(t, vmId, Map.of());

        ResponseEntity<Map<String, Object>> refused = post(t.requester(),
                "/vms/" + vmId + "/backups/" + backupId + "/restore", Map.of("repoId", other));
        assertThat(refused.getStatusCode().value()).as("answer %s", refused.getBody()).isEqualTo(409);
        assertThat(refused.getBody().get("detail").toString()).contains("日志盘").contains(other);
        ResponseEntity<Map<String, Object>> english = api(t.requester()).post()
                .uri("/vms/" + vmId + "/backups/" + backupId + "/restore").header("Accept-Language", "en")
                .body(Map.of("repoId", other)).retrieve()
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {
                });
        assertThat(english.getStatusCode().value()).isEqualTo(409);
        assertThat(english.getBody().get("detail").toString()).contains("日志盘").contains("Detach them first");
        assertThat(poolOf(vmId)).isEqualTo(pool);
        assertThat(simulator.simulator().vm(vmId).orElseThrow().poolId()).isEqualTo(pool);
        assertThat(auditedActions(vmId)).contains("BACKUP_RESTORE");

        // Where it is (its own pool named, or none) stays allowed with the disk attached.
        assertThat(awaitFinished(operationOf(post(t.requester(),
                "/vms/" + vmId + "/backups/" + backupId + "/restore", Map.of("repoId", pool)))))
                .containsExactly("DONE", "2016");
        awaitSettled(t.requester(), vmId, 0);
        // Detached, the VM moves, and the disk is still in its pool to be dealt with.
        assertThat(detach(t.requester(), vmId, diskId).getStatusCode().value()).isEqualTo(200);
        assertThat(awaitFinished(operationOf(post(t.requester(),
                "/vms/" + vmId + "/backups/" + backupId + "/restore", Map.of("repoId", other)))))
                .containsExactly("DONE", "2016");
        await().atMost(PATIENCE).until(() -> other.equals(poolOf(vmId)));
    }

    @Test
    void descriptionsNotesAndYesNoChoicesAreChecked() {
        TestTenant t = diskTenant(false);
        String vmId = stoppedVm(t);
        int before = operationCount(vmId);
        for (String bad : BAD_TEXTS) {
            assertField(post(t.requester(), "/vms/" + vmId + "/backups", Map.of("description", bad)),
                    "description");
            assertField(post(t.requester(), "/vms/" + vmId + "/snapshots", Map.of("note", bad)), "note");
        }
        assertField(post(t.requester(), "/vms/" + vmId + "/snapshots", Map.of("note", "字".repeat(101))), "note");
        assertField(post(t.requester(), "/vms/" + vmId + "/backups", Map.of("memorySnapshot", "maybe")),
                "memorySnapshot");
        assertThat(operationCount(vmId)).isEqualTo(before);

        // The page's form: the same refusals, localized, nothing queued.
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String csrf = PageClient.enc(PageClient.csrfOf(page.get("/vms/" + vmId + "/backups").body()));
        HttpResponse<String> maybe = page.postForm("/vms/" + vmId + "/backups",
                "memorySnapshot=maybe&_csrf=" + csrf, "HX-Request", "true");
        assertThat(maybe.statusCode()).isEqualTo(400);
        assertThat(maybe.body()).contains("Choose yes or no");
        HttpResponse<String> bidi = page.postForm("/vms/" + vmId + "/backups",
                "description=" + PageClient.enc("abc\u202Edef") + "&_csrf=" + csrf, "HX-Request", "true");
        assertThat(bidi.statusCode()).isEqualTo(400);
        assertThat(bidi.body()).contains("characters that are not allowed");
        HttpResponse<String> checksum = page.postForm("/vms/" + vmId + "/backups",
                "checksum=1&_csrf=" + csrf, "HX-Request", "true");
        assertThat(checksum.statusCode()).isEqualTo(400);
        assertThat(operationCount(vmId)).isEqualTo(before);

        // Fine texts are kept as typed: a backup's description, a snapshot's note in the list and on the page.
        String backupId = backedUp(t, vmId, Map.of("description", "升级前 (v2) — ok"));
        assertThat(getList(t.requester(), "/vms/" + vmId + "/backups").get(0))
                .containsEntry("backupId", backupId).containsEntry("description", "升级前 (v2) — ok");
        String note = "升级前的快照 ✓ " + "n".repeat(91);
        assertThat(note.codePointCount(0, note.length())).isEqualTo(100);
        assertThat(awaitFinished(operationOf(post(t.requester(), "/vms/" + vmId + "/snapshots",
                Map.of("note", note))))).first().isEqualTo("DONE");
        awaitFinished(operationOf(post(t.requester(), "/vms/" + vmId + "/snapshots", null)));
        List<Map<String, Object>> snaps = getList(t.requester(), "/vms/" + vmId + "/snapshots");
        assertThat(snaps).extracting(s -> s.get("note")).containsExactly(note, null);
        String html = page.get("/vms/" + vmId + "/snapshots").body();
        assertThat(html).contains(note).contains("id=\"snapshot-note\"");
        html = page.postForm("/vms/" + vmId + "/snapshots", "note=" + PageClient.enc("页面备注") + "&_csrf="
                + PageClient.enc(PageClient.csrfOf(html)), "HX-Request", "true").body();
        long taking = jdbc.sql("SELECT MAX(id) FROM operation WHERE vm_id = :id").param("id", vmId)
                .query(Long.class).single();
        awaitFinished(taking);
        assertThat(getList(t.requester(), "/vms/" + vmId + "/snapshots")).extracting(s -> s.get("note"))
                .containsExactly(note, null, "页面备注");
    }

    @Test
    void aMemorySnapshotNeedsARunningVmAndThePageSaysSo() {
        TestTenant t = diskTenant(false);
        String vmId = stoppedVm(t);
        String detail = assertRefused(post(t.requester(), "/vms/" + vmId + "/backups",
                Map.of("memorySnapshot", true)), "2050");
        assertThat(detail).contains("A memory snapshot needs a running VM").doesNotContain("only when");
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String html = page.get("/vms/" + vmId + "/backups").body();
        assertThat(tag(html, "id=\"backup-memory\"")).contains("disabled");
        assertThat(tag(html, "id=\"backup-create\"")).doesNotContain("disabled");
        assertThat(html).contains("id=\"why-backup-memory\"").contains("A memory snapshot needs a running VM");
        // Stopped, it backs up fine without one.
        backedUp(t, vmId, Map.of("memorySnapshot", false));

        assertThat(act(t.requester(), vmId, "start", null).getStatusCode().value()).isEqualTo(202);
        awaitSettled(t.requester(), vmId, 1);
        html = page.get("/vms/" + vmId + "/backups").body();
        assertThat(tag(html, "id=\"backup-memory\"")).doesNotContain("disabled");
        assertThat(html).doesNotContain("id=\"why-backup-memory\"");
    }

    @Test
    void theRecentOperationsSayWhatEachCodeMeansAndReasonsAreShown() {
        TestTenant t = diskTenant(false);
        String vmId = runningVm(t);
        String backupId = backedUp(t, vmId, Map.of());
        long deleting = operationOf(deleteBackup(t.requester(), "/vms/" + vmId + "/backups/" + backupId));
        assertThat(awaitFinished(deleting)).containsExactly("DONE", "9003");

        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String html = page.get("/vms/" + vmId + "/backups").body();
        String text9003 = ResultCodes.find("9003").orElseThrow().text(Locale.ENGLISH);
        String text2015 = ResultCodes.find("2015").orElseThrow().text(Locale.ENGLISH);
        assertThat(row(html, deleting)).contains("9003 " + text9003);
        assertThat(html).contains("2015 " + text2015);

        // A running VM's snapshots cannot be restored: the reason is on the page, not only in a tooltip.
        awaitFinished(operationOf(post(t.requester(), "/vms/" + vmId + "/snapshots", null)));
        html = page.get("/vms/" + vmId + "/snapshots").body();
        assertThat(html).contains("id=\"why-snapshot-restore\"").contains("Restore is unavailable")
                .doesNotContain("<span hidden");
        assertThat(tag(html, "id=\"why-snapshot-restore\"")).contains("data-code=\"2049\"");
    }

    private String backedUp(TestTenant t, String vmId, Map<String, Object> choices) {
        assertThat(awaitFinished(operationOf(post(t.requester(), "/vms/" + vmId + "/backups", choices))))
                .containsExactly("DONE", "2015");
        return getList(t.requester(), "/vms/" + vmId + "/backups").get(0).get("backupId").toString();
    }

    private static void assertField(ResponseEntity<Map<String, Object>> answer, String field) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(400);
        assertThat(((Map<?, ?>) answer.getBody().get("errors")).containsKey(field)).as("answer %s", answer.getBody())
                .isTrue();
    }

    /** The opening tag holding {@code marker}. */
    static String tag(String html, String marker) {
        int at = html.indexOf(marker);
        assertThat(at).as("%s in the page", marker).isNotNegative();
        return html.substring(html.lastIndexOf('<', at), html.indexOf('>', at) + 1);
    }

    /** The recent operations' row of operation {@code id}. */
    static String row(String html, long id) {
        int at = html.indexOf("id=\"op-" + id + "\"");
        assertThat(at).as("operation %s on the page", id).isNotNegative();
        return html.substring(at, html.indexOf("</tr>", at));
    }

    private long operationOf(ResponseEntity<Map<String, Object>> answer) {
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(202);
        return ((Number) answer.getBody().get("operationId")).longValue();
    }

    private List<String> awaitFinished(long id) {
        await().atMost(PATIENCE).until(() -> List.of("DONE", "FAILED").contains(jdbc.sql(
                "SELECT state FROM operation WHERE id = :id").param("id", id).query(String.class).single()));
        return jdbc.sql("SELECT state, COALESCE(result_code, '') FROM operation WHERE id = :id").param("id", id)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2))).single();
    }

    private ResponseEntity<Map<String, Object>> deleteBackup(String user, String path) {
        return api(user).delete().uri(path).retrieve()
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() {
                });
    }

    private List<String> auditedActions(String vmId) {
        return jdbc.sql("SELECT action FROM audit_event WHERE target = :vm").param("vm", vmId).query(String.class)
                .list();
    }
}
