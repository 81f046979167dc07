package io.vsip4x.portal.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The licence's days are counted in the portal's time zone (China Standard Time by default), not in
 * UTC; its last day says "expires today", and English says "1 day" but "n days".
 */
class LicenceDaysIntegrationTest extends DashboardTestSupport {

    @Autowired
    TestClock clock;

    @AfterEach
    void restoreExpiry() {
        clock.reset();
        simulator.simulator().faults().licenceExpiry(null);
        dashboard(platformAdmin(newTenant()));
    }

    @Test
    void theLastDayIsCountedInThePortalsZoneWhenUtcIsStillOnTheDayBefore() {
        // From 16:00 to midnight UTC it is already the next day in Shanghai: the calendars disagree.
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (now.getHour() < 16 || now.getHour() >= 23) {
            ZonedDateTime evening = now.toLocalDate().atTime(17, 0).atZone(ZoneOffset.UTC);
            clock.advance(Duration.between(now, evening.isAfter(now) ? evening : evening.plusDays(1)));
        }
        Instant moved = clock.instant();
        LocalDate utcToday = LocalDate.ofInstant(moved, ZoneOffset.UTC);
        LocalDate portalToday = portalToday(clock);
        assertThat(portalToday).as("the portal's zone is ahead of UTC here").isEqualTo(utcToday.plusDays(1));
        String admin = platformAdmin(newTenant());

        simulator.simulator().faults().licenceExpiry(portalToday);
        assertThat(section(dashboard(admin), "licence")).containsEntry("daysLeft", 0)
                .containsEntry("level", "EXPIRING");

        simulator.simulator().faults().licenceExpiry(utcToday);
        assertThat(section(dashboard(admin), "licence")).as("UTC's today is yesterday in the portal's zone")
                .containsEntry("daysLeft", -1).containsEntry("level", "EXPIRED");
    }

    @Test
    void theLastDayExpiresTodayOnThePages() {
        String admin = platformAdmin(newTenant());
        LocalDate today = portalToday(clock);
        simulator.simulator().faults().licenceExpiry(today);

        String page = signedIn(admin).get("/admin").body();

        assertThat(page).contains("id=\"licence-banner\"")
                .contains("The platform&#39;s licence expires today (" + today + ")")
                .contains("Licence expires on " + today + " (expires today)").doesNotContain("0 days");
    }

    @Test
    void oneDayIsSingularInEnglishAndTodayIsSaidInBothLanguages() {
        assertThat(messages.getMessage("admin.dashboard.licence.bannerSoon", new Object[] {1L, "2027-01-01"},
                Locale.ENGLISH)).contains("expires in 1 day (").doesNotContain("1 days");
        assertThat(messages.getMessage("admin.dashboard.licence.bannerSoon", new Object[] {2L, "2027-01-01"},
                Locale.ENGLISH)).contains("expires in 2 days (");
        assertThat(messages.getMessage("admin.dashboard.licence.bannerSoon", new Object[] {0L, "2027-01-01"},
                Locale.ENGLISH)).contains("expires today").doesNotContain("0 days");
        assertThat(messages.getMessage("admin.dashboard.licence.expires", new Object[] {"2027-01-01", 1L},
                Locale.ENGLISH)).contains("(1 day left)");
        assertThat(messages.getMessage("admin.dashboard.licence.expires", new Object[] {"2027-01-01", 0L},
                Locale.ENGLISH)).contains("expires today");
        assertThat(messages.getMessage("admin.dashboard.licence.bannerSoon", new Object[] {0L, "2027-01-01"},
                Locale.SIMPLIFIED_CHINESE)).contains("今天").doesNotContain("0 天");
        assertThat(messages.getMessage("admin.dashboard.licence.bannerSoon", new Object[] {29L, "2027-01-01"},
                Locale.SIMPLIFIED_CHINESE)).isEqualTo("平台许可将在 29 天后（2027-01-01）到期，请及时续期。");
    }
}
