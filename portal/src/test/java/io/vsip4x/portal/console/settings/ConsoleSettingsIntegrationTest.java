package io.vsip4x.portal.console.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.console.ConsoleSettingsRepository;
import io.vsip4x.portal.identity.Role;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A tenant's console settings: platform admins set any tenant's, a tenant's admins their own; bad
 * values are refused field by field and change nothing.
 */
class ConsoleSettingsIntegrationTest extends PortalTestSupport {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    private ConsoleSettingsRepository repository;

    @Test
    void platformAdminSetsAnyTenantsSettingsAndTheyReachTheRepository() {
        TestTenant t = newTenant();
        String ops = t.code() + "-ops";
        users.create(ops, PASSWORD, "运维", null, Set.of(Role.PLATFORM_ADMIN));
        assertThat(get(ops, path(t))).containsEntry("usbMode", "DISABLED").containsEntry("usbControl", "00")
                .containsEntry("keyboardLayout", "en-us-qwerty").containsEntry("recordingRetentionDays", 30);

        ResponseEntity<Map<String, Object>> saved = put(ops, t, valid());

        assertThat(saved.getStatusCode().value()).as("answer %s", saved.getBody()).isEqualTo(200);
        assertThat(saved.getBody()).containsEntry("usbControl", "030B08").containsEntry("usbMode", "PARTIALLY_ALLOWED")
                .containsEntry("usbClasses", List.of("0B", "08"));
        assertThat(repository.forTenant(t.id())).satisfies(s -> {
            assertThat(s.usbControl()).isEqualTo("030B08");
            assertThat(s.usbReadWrite()).isTrue();
            assertThat(s.smartcard()).isTrue();
            assertThat(s.userControl()).isFalse();
            assertThat(s.keyboardLayout()).isEqualTo("de-de-qwertz");
            assertThat(s.recording()).isTrue();
            assertThat(s.recordingRetentionDays()).isEqualTo(90);
        });
        assertThat(jdbc.sql("""
                SELECT params FROM audit_event WHERE action = 'TENANT_CONSOLE_SETTINGS_CHANGED'
                   AND target = :t""").param("t", "tenant:" + t.code()).query(String.class).single())
                .contains("usbControl=030B08").contains("recordingRetentionDays=90");
    }

    @Test
    void tenantAdminSetsOnlyTheirOwnAndOthersNone() {
        TestTenant t = newTenant();
        TestTenant other = newTenant();
        String admin = t.code() + "-admin";
        users.create(admin, PASSWORD, "管理员", t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));

        assertThat(put(admin, t, valid()).getStatusCode().value()).isEqualTo(200);
        assertThat(put(admin, other, valid()).getStatusCode().value()).isEqualTo(403);
        assertThat(status(admin, path(other))).isEqualTo(403);
        assertThat(put(t.requester(), t, valid()).getStatusCode().value()).isEqualTo(403);
        assertThat(status(t.approver(), path(t))).isEqualTo(403);
        assertThat(status(admin, "/tenants/no-such-tenant/console-settings")).isEqualTo(404);
        assertThat(repository.forTenant(other.id()).usbControl()).as("unchanged").isEqualTo("00");
    }

    @Test
    @SuppressWarnings("unchecked")
    void badValuesAreRefusedFieldByFieldAndChangeNothing() {
        TestTenant t = newTenant();
        String admin = t.code() + "-admin";
        users.create(admin, PASSWORD, "管理员", t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));

        Map<String, Object> bad = new HashMap<>(valid());
        bad.put("usbMode", "SOMETIMES");
        bad.put("keyboardLayout", "xx-yy");
        bad.put("recordingRetentionDays", 3651);
        bad.remove("smartcard");
        ResponseEntity<Map<String, Object>> refused = put(admin, t, bad);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat((Map<String, Object>) refused.getBody().get("errors"))
                .containsOnlyKeys("usbMode", "keyboardLayout", "recordingRetentionDays", "smartcard");
        assertThat(((Map<String, Object>) refused.getBody().get("errors")).get("recordingRetentionDays"))
                .isEqualTo("Enter a number of days from 1 to 3650.");

        assertThat(errors(admin, t, Map.of("usbMode", "ENABLED", "usbClasses", List.of("08"))))
                .containsOnlyKeys("usbClasses");
        assertThat(errors(admin, t, Map.of("usbMode", "PARTIALLY_DISABLED", "usbClasses", List.of())))
                .containsOnlyKeys("usbClasses");
        assertThat(errors(admin, t, Map.of("usbClasses", List.of("8"), "recordingRetentionDays", 0)))
                .containsOnlyKeys("usbClasses", "recordingRetentionDays");
        assertThat(repository.forTenant(t.id()).usbControl()).isEqualTo("00");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM tenant_console_settings WHERE tenant_id = :t").param("t", t.id())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void tenantAdminUsesThePage() {
        TestTenant t = newTenant();
        String admin = t.code() + "-admin";
        users.create(admin, PASSWORD, "管理员", t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        PageClient page = new PageClient(port, "en");
        page.signIn(admin, PASSWORD);
        assertThat(page.get("/admin/tenants/" + t.code()).body()).contains("/admin/tenants/" + t.code() + "/console");
        HttpResponse<String> form = page.get("/admin/tenants/" + t.code() + "/console");
        assertThat(form.statusCode()).isEqualTo(200);
        String csrf = PageClient.enc(PageClient.csrfOf(form.body()));

        HttpResponse<String> refused = page.postForm("/admin/tenants/" + t.code() + "/console",
                "usbMode=PARTIALLY_DISABLED&usbClasses=&keyboardLayout=en-us-qwerty&recordingRetentionDays=0"
                        + "&_csrf=" + csrf);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("This USB control mode needs at least one USB class.")
                .contains("Enter a number of days from 1 to 3650.");

        HttpResponse<String> saved = page.postForm("/admin/tenants/" + t.code() + "/console",
                "usbMode=PARTIALLY_DISABLED&usbClasses=09+0d&usbReadWrite=true&userControl=true"
                        + "&keyboardLayout=fr-fr-azerty&recordingRetentionDays=7&_csrf=" + csrf);
        assertThat(saved.statusCode()).as("redirected to the page, followed").isEqualTo(200);
        assertThat(saved.uri().toString()).endsWith("/console?saved");
        assertThat(saved.body()).contains("The console settings were saved.").contains("value=\"09 0D\"");
        assertThat(repository.forTenant(t.id()).usbControl()).isEqualTo("02090D");
        assertThat(repository.forTenant(t.id()).smartcard()).isFalse();

        PageClient user = new PageClient(port, "en");
        user.signIn(t.requester(), PASSWORD);
        assertThat(user.get("/admin/tenants/" + t.code() + "/console").statusCode()).isEqualTo(403);
    }

    private static Map<String, Object> valid() {
        Map<String, Object> body = new HashMap<>();
        body.put("usbMode", "PARTIALLY_ALLOWED");
        body.put("usbClasses", List.of("0b", "08", "0B"));
        body.put("usbReadWrite", true);
        body.put("smartcard", true);
        body.put("userControl", false);
        body.put("keyboardLayout", "de-de-qwertz");
        body.put("recording", true);
        body.put("recordingRetentionDays", 90);
        return body;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> errors(String user, TestTenant t, Map<String, Object> changes) {
        Map<String, Object> body = new HashMap<>(valid());
        body.putAll(changes);
        ResponseEntity<Map<String, Object>> answer = put(user, t, body);
        assertThat(answer.getStatusCode().value()).as("answer %s", answer.getBody()).isEqualTo(400);
        return (Map<String, Object>) answer.getBody().get("errors");
    }

    private ResponseEntity<Map<String, Object>> put(String user, TestTenant t, Object body) {
        return api(user).put().uri(path(t)).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toEntity(JSON);
    }

    private static String path(TestTenant t) {
        return "/tenants/" + t.code() + "/console-settings";
    }
}
