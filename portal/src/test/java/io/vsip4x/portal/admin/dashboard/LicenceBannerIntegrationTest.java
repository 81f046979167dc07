package io.vsip4x.portal.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.TestClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The licence banner: platform admins are warned on every page from 30 days before the licence expires
 * (29 days left: warned; 31: not), in an error style once it has expired; nobody else sees it.
 */
class LicenceBannerIntegrationTest extends DashboardTestSupport {

    private static final String BANNER = "id=\"licence-banner\"";

    @Autowired
    TestClock clock;

    @AfterEach
    void restoreExpiry() {
        clock.reset();
        simulator.simulator().faults().clearMethod("getSystemInfo");
        simulator.simulator().faults().licenceExpiry(null);
        // The dashboard's read puts the restored licence in the layout's memory for the tests after.
        dashboard(platformAdmin(newTenant()));
    }

    @Test
    void twentyNineDaysLeftWarnsAdminsOnEveryPageButNoOneElse() {
        TestTenant t = newTenant();
        String admin = platformAdmin(t);
        LocalDate expiry = portalToday(clock).plusDays(29);
        simulator.simulator().faults().licenceExpiry(expiry);

        Map<String, Object> licence = section(dashboard(admin), "licence");
        assertThat(licence).containsEntry("expiry", expiry.toString()).containsEntry("daysLeft", 29)
                .containsEntry("level", "EXPIRING");
        PageClient page = signedIn(admin);
        String warning = text("admin.dashboard.licence.bannerSoon", 29, expiry.toString());
        assertThat(page.get("/admin").body()).contains(BANNER).contains("class=\"banner warn\"").contains(warning)
                .contains(text("admin.dashboard.licence.expires", expiry.toString(), 29));
        assertThat(page.get("/vms").body()).as("another page, from the layout's memory").contains(BANNER)
                .contains(warning);

        assertThat(signedIn(t.requester()).get("/vms").body()).doesNotContain(BANNER);
        assertThat(signedIn(auditor(t)).get("/audit").body()).doesNotContain(BANNER);
    }

    @Test
    void thirtyOneDaysLeftDoesNotWarn() {
        String admin = platformAdmin(newTenant());
        LocalDate expiry = portalToday(clock).plusDays(31);
        simulator.simulator().faults().licenceExpiry(expiry);

        assertThat(section(dashboard(admin), "licence")).containsEntry("daysLeft", 31).containsEntry("level", "VALID");
        PageClient page = signedIn(admin);
        assertThat(page.get("/admin").body()).doesNotContain(BANNER)
                .contains(text("admin.dashboard.licence.expires", expiry.toString(), 31));
        assertThat(page.get("/vms").body()).doesNotContain(BANNER);
    }

    @Test
    void expiredLicenceIsAnErrorBanner() {
        String admin = platformAdmin(newTenant());
        LocalDate expiry = portalToday(clock).minusDays(1);
        simulator.simulator().faults().licenceExpiry(expiry);

        assertThat(section(dashboard(admin), "licence")).containsEntry("daysLeft", -1)
                .containsEntry("level", "EXPIRED");
        PageClient page = signedIn(admin);
        String error = text("admin.dashboard.licence.bannerExpired", expiry.toString());
        assertThat(page.get("/admin").body()).contains(BANNER).contains("class=\"banner error\"").contains(error);
        assertThat(page.get("/vms").body()).contains("class=\"banner error\"").contains(error);
    }

    @Test
    void otherPagesLearnANewExpiryInTheBackgroundAndNeverWaitForThePlatform() {
        String admin = platformAdmin(newTenant());
        PageClient page = signedIn(admin);
        dashboard(admin);
        LocalDate expiry = portalToday(clock).plusDays(5);
        simulator.simulator().faults().licenceExpiry(expiry);
        assertThat(page.get("/inbox").body()).as("what was read a moment ago still holds").doesNotContain(BANNER);

        // Once what was read is old, a page asks for it again in the background and a later page shows it.
        clock.advance(LicenceWatch.FRESH.plusMinutes(1));
        await().atMost(PATIENCE).until(() -> page.get("/inbox").body().contains(BANNER));
        // Counted from the moved clock's day, which may have turned in the portal's zone.
        long daysLeft = ChronoUnit.DAYS.between(portalToday(clock), expiry);
        assertThat(page.get("/inbox").body()).contains(text("admin.dashboard.licence.bannerSoon", daysLeft,
                expiry.toString()));

        // A platform that takes the read and never answers: pages neither wait for it nor lose the banner.
        simulator.simulator().faults().silent("getSystemInfo", Duration.ofSeconds(6), null);
        clock.advance(LicenceWatch.FRESH.plusMinutes(1));
        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            HttpResponse<String> answer = page.get("/inbox");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("below the page-read time-out")
                    .isLessThan(Duration.ofSeconds(3));
            assertThat(answer.body()).contains(BANNER);
        }
    }
}
