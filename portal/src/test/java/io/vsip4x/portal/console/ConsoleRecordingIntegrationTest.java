package io.vsip4x.portal.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.identity.Role;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * Recording playback: auditors list the recorded sessions, open a player page and fetch the
 * recording (audited); a tenant's auditor sees their tenant's only; others none; retention
 * deletes recordings past their time, after which they are gone (404).
 */
class ConsoleRecordingIntegrationTest extends SharingTestSupport {

    private static final String INSTRUCTIONS = "4.sync,13.1733390000000;4.size,1.0,3.800,3.600;"
            + "4.sync,13.1733390001000;";

    @Autowired
    RecordingArchive recordings;
    @Autowired
    ConsoleProperties properties;
    @Value("${portal.data-dir}")
    Path dataDir;

    @Test
    void anAuditorListsPlaysAndFetchesARecordingAndItIsAudited() throws IOException {
        Team team = team();
        String auditor = team.tenant().code() + "-auditor";
        users.create(auditor, PASSWORD, "审计员", null, Set.of(Role.AUDITOR));
        long id = recorded(team, team.owner(), Instant.now().plus(Duration.ofDays(30)));
        PageClient page = new PageClient(port, "en");
        page.signIn(auditor, PASSWORD);

        String list = page.get("/audit/consoles?tenant=" + team.tenant().code()).body();
        assertThat(list).contains("id=\"recording-" + id + "\"").contains("href=\"/audit/consoles/" + id + "\"")
                .contains(team.owner()).contains(team.vmId()).contains("href=\"/audit/consoles\"");
        assertThat(page.get("/audit/consoles?tenant=" + team.tenant().code() + "&user=" + team.carol()).body())
                .doesNotContain("id=\"recording-" + id + "\"");
        assertThat(page.get("/audit/consoles?vm=" + team.tenant().code() + "-web").body())
                .contains("id=\"recording-" + id + "\"");
        assertThat(page.get("/audit/consoles?vm=%25").body()).as("a % in the VM filter is a character, not a wildcard")
                .doesNotContain("id=\"recording-" + id + "\"");
        assertThat(list).as("open five minutes, closed by its user, %d bytes", INSTRUCTIONS.length())
                .contains("<td class=\"recording-duration\">5 min 0 s</td>")
                .contains("<td class=\"recording-reason\">The console was closed.</td>")
                .contains("<td class=\"recording-size\">" + INSTRUCTIONS.length() + " B</td>");
        jdbc.sql("UPDATE console_session SET recording_bytes = 2621440 WHERE id = :id").param("id", id).update();
        assertThat(page.get("/audit/consoles?tenant=" + team.tenant().code()).body())
                .contains("<td class=\"recording-size\">2.5 MB</td>");
        jdbc.sql("UPDATE console_session SET recording_bytes = 1536 WHERE id = :id").param("id", id).update();
        assertThat(page.get("/audit/consoles?tenant=" + team.tenant().code()).body())
                .contains("<td class=\"recording-size\">1.5 KB</td>");

        String player = page.get("/audit/consoles/" + id).body();
        assertThat(player).contains("data-recording-url=\"/audit/consoles/" + id + "/recording\"")
                .contains("/guacamole-common-js/all.min.js").contains("/static/js/console-player.js")
                .contains("id=\"player-seek\"").contains("id=\"player-toggle\"");

        HttpResponse<String> bytes = page.get("/audit/consoles/" + id + "/recording");
        assertThat(bytes.statusCode()).isEqualTo(200);
        assertThat(bytes.body()).isEqualTo(INSTRUCTIONS);
        assertThat(audited(auditor, "CONSOLE_RECORDING_VIEWED", team.vmId())).singleElement().asString()
                .contains("session=" + id).contains("user=" + team.owner());

        String securityAdmin = team.tenant().code() + "-secadmin";
        users.create(securityAdmin, PASSWORD, "安全管理员", null, Set.of(Role.SECURITY_ADMIN));
        PageClient security = new PageClient(port, "en");
        security.signIn(securityAdmin, PASSWORD);
        assertThat(security.get("/audit/consoles").statusCode()).isEqualTo(403);
        assertThat(security.get("/audit/consoles/" + id + "/recording").statusCode()).isEqualTo(403);
    }

    @Test
    void aTenantsAuditorSeesItsOwnRecordingsOnlyAndOthersNone() throws IOException {
        Team team = team();
        Team other = team();
        long theirs = recorded(other, other.owner(), Instant.now().plus(Duration.ofDays(30)));
        long ours = recorded(team, team.owner(), Instant.now().plus(Duration.ofDays(30)));
        String tenantAuditor = team.tenant().code() + "-auditor";
        users.create(tenantAuditor, PASSWORD, "部门审计员", team.tenantId(), Set.of(Role.AUDITOR));
        PageClient page = new PageClient(port, "en");
        page.signIn(tenantAuditor, PASSWORD);

        String list = page.get("/audit/consoles").body();
        assertThat(list).contains("id=\"recording-" + ours + "\"").doesNotContain("id=\"recording-" + theirs + "\"");
        assertThat(page.get("/audit/consoles/" + theirs).statusCode()).isEqualTo(404);
        assertThat(page.get("/audit/consoles/" + theirs + "/recording").statusCode()).isEqualTo(404);
        assertThat(page.get("/audit/consoles/" + ours + "/recording").body()).isEqualTo(INSTRUCTIONS);

        PageClient admin = new PageClient(port, "en");
        admin.signIn(team.admin(), PASSWORD);
        assertThat(admin.get("/audit/consoles").statusCode()).isEqualTo(403);
        assertThat(admin.get("/audit/consoles/" + ours + "/recording").statusCode()).isEqualTo(403);
        assertThat(admin.get("/consoles").body()).doesNotContain("href=\"/audit/consoles\"");
    }

    @Test
    void retentionDeletesRecordingsPastTheirTimeAndTheyAreGone() throws IOException {
        Team team = team();
        String auditor = team.tenant().code() + "-auditor";
        users.create(auditor, PASSWORD, "审计员", null, Set.of(Role.AUDITOR));
        long expired = recorded(team, team.owner(), Instant.now().minus(Duration.ofMinutes(1)));
        long kept = recorded(team, team.carol(), Instant.now().plus(Duration.ofDays(1)));

        assertThat(recordings.purge()).isGreaterThanOrEqualTo(1);

        assertThat(Files.exists(file(team, expired))).isFalse();
        assertThat(Files.exists(file(team, kept))).isTrue();
        assertThat(jdbc.sql("SELECT recording_purged_at FROM console_session WHERE id = :id").param("id", expired)
                .query(Timestamp.class).single()).isNotNull();
        assertThat(jdbc.sql("SELECT recording_purged_at FROM console_session WHERE id = :id").param("id", kept)
                .query(Timestamp.class).optional()).isEmpty();
        PageClient page = new PageClient(port, "en");
        page.signIn(auditor, PASSWORD);
        assertThat(page.get("/audit/consoles/" + expired + "/recording").statusCode()).isEqualTo(404);
        assertThat(page.get("/audit/consoles/" + kept + "/recording").statusCode()).isEqualTo(200);
        String list = page.get("/audit/consoles?tenant=" + team.tenant().code()).body();
        assertThat(list).contains("id=\"recording-" + expired + "\"")
                .doesNotContain("href=\"/audit/consoles/" + expired + "\"").contains("Deleted at");
        assertThat(audited(auditor, "CONSOLE_RECORDING_VIEWED", team.vmId())).hasSize(1);
    }

    /** A closed session of {@code username} with its recording written where the tunnel writes it. */
    private long recorded(Team team, String username, Instant keptUntil) throws IOException {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO console_session (vm_id, vm_name, tenant_id, user_id, username, view_only, node,
                                             opened_at, closed_at, close_reason, recording_bytes, recording_until)
                VALUES (:vmId, :vmName, :tenantId, :userId, :username, FALSE, 'node-elsewhere',
                        NOW(3) - INTERVAL 5 MINUTE, NOW(3), 'USER_CLOSED', :bytes, :until)""")
                .param("vmId", team.vmId())
                .param("vmName", vm(team.vmId()).name())
                .param("tenantId", team.tenantId())
                .param("userId", idOf(username))
                .param("username", username)
                .param("bytes", INSTRUCTIONS.length())
                .param("until", Timestamp.from(keptUntil))
                .update(keys);
        long id = keys.getKey().longValue();
        Path file = file(team, id);
        Files.createDirectories(file.getParent());
        Files.writeString(file, INSTRUCTIONS, StandardCharsets.UTF_8);
        jdbc.sql("UPDATE console_session SET recording_path = :path WHERE id = :id")
                .param("path", file.toAbsolutePath().toString()).param("id", id).update();
        return id;
    }

    private Path file(Team team, long id) {
        return dataDir.resolve(properties.recordingDir()).resolve(String.valueOf(team.tenantId()))
                .resolve(id + ".guac");
    }
}
