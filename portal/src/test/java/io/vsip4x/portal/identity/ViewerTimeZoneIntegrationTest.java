package io.vsip4x.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.audit.AuditTestData;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A person's own time zone, chosen on their account page: checked against the zones Java knows
 * (a refusal in their language), and then every page shows times in it, the operation log too.
 */
class ViewerTimeZoneIntegrationTest extends AccountTestSupport {

    @Test
    void aChosenZoneChangesTheTimesOfThePagesAndAnUnknownOneIsRefused() {
        TestTenant t = newTenant();
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);
        String action = AuditTestData.unique("TZ_");
        AuditTestData.insert(jdbc, AuditTestData.Row.of(Instant.parse("2026-11-20T08:00:00Z"), t.requester(),
                action, "x"));
        assertThat(page.get("/audit?action=" + action).body()).as("the portal's zone by default")
                .contains("2026-11-20 16:00:00 +08:00");

        String form = page.get("/account/password").body();
        assertThat(form).contains("id=\"time-zone-form\"").contains("<option value=\"America/New_York\">");
        HttpResponse<String> refused = page.postForm("/account/time-zone", "timeZone=Mars%2FOlympus&_csrf="
                + PageClient.enc(PageClient.csrfOf(form)));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Unknown time zone: Mars/Olympus.").contains("value=\"Mars/Olympus\"");
        assertThat(column(t.requester(), "time_zone", String.class)).isNull();

        HttpResponse<String> saved = page.postForm("/account/time-zone", "timeZone=America%2FNew_York&_csrf="
                + PageClient.enc(PageClient.csrfOf(form)));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.uri().toString()).endsWith("/account/password?zoneSaved");
        assertThat(saved.body()).contains("Saved: pages show times in America/New_York.")
                .contains("value=\"America/New_York\"");
        assertThat(column(t.requester(), "time_zone", String.class)).isEqualTo("America/New_York");
        assertThat(page.get("/audit?action=" + action).body()).contains("2026-11-20 03:00:00 -05:00")
                .doesNotContain("+08:00");

        page.postForm("/account/time-zone", "timeZone=&_csrf=" + PageClient.enc(PageClient.csrfOf(form)));
        assertThat(column(t.requester(), "time_zone", String.class)).as("blank: the portal's zone again").isNull();
        assertThat(page.get("/audit?action=" + action).body()).contains("2026-11-20 16:00:00 +08:00");
    }

    @Test
    void auditorsMayChooseTheirZoneThoughTheyChangeNothingElse() {
        String auditor = newAccount("aud", Role.AUDITOR);
        PageClient page = new PageClient(port, "zh-CN");
        page.signIn(auditor, PASSWORD);
        String form = page.get("/account/password").body();
        HttpResponse<String> saved = page.postForm("/account/time-zone", "timeZone=Europe%2FBerlin&_csrf="
                + PageClient.enc(PageClient.csrfOf(form)));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("已保存：页面时间按 Europe/Berlin 显示。");
        assertThat(column(auditor, "time_zone", String.class)).isEqualTo("Europe/Berlin");
        HttpResponse<String> refused = page.postForm("/account/time-zone", "timeZone=Europe%2FNowhere&_csrf="
                + PageClient.enc(PageClient.csrfOf(form)));
        assertThat(refused.body()).contains("未知的时区：Europe/Nowhere。");
    }
}
