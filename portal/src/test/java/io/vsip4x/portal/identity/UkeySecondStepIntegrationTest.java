package io.vsip4x.portal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.TestClock;
import io.vsip4x.portal.TestUkeys;
import io.vsip4x.simulator.ukey.IssuedUkey;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The second step as a person finds it: the sign-in page leads back to a step still pending, the
 * step's page says until when it holds (in the person's own time zone) and names the account's
 * keys, and once the step lapsed the page says so and leads back to the password.
 */
class UkeySecondStepIntegrationTest extends UkeyTestSupport {

    private static final Pattern UNTIL = Pattern.compile(
            "id=\"second-factor-until\">Sign in with your UKEY by (\\d{2}:\\d{2}:\\d{2}) ([+-]\\d{2}:\\d{2})\\.<");
    private static final Duration STEP = Duration.ofMinutes(5);

    @Autowired
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theSignInPageLeadsBackToASecondStepStillPending() {
        String auditor = person(Role.AUDITOR);
        PageClient client = client();
        assertThat(client.get("/login").body()).as("nothing pending yet").doesNotContain("id=\"pending-step\"");

        client.signInWithPassword(auditor, PASSWORD);
        String login = client.get("/login").body();
        assertThat(login).contains("id=\"pending-step-link\" href=\"/login/second-factor\"")
                .contains("Continue signing in as 测试 " + auditor + ": confirm with your UKEY");
        assertThat(client.get(TestUkeys.SECOND_FACTOR).uri().getPath()).isEqualTo(TestUkeys.SECOND_FACTOR);
        assertThat(new PageClient(port, "en").get("/login").body()).as("another browser has no step")
                .doesNotContain("id=\"pending-step\"");

        clock.advance(STEP.plusSeconds(1));
        assertThat(client.get("/login").body()).as("a lapsed step is no longer offered")
                .doesNotContain("id=\"pending-step\"");
    }

    @Test
    void theStepSaysUntilWhenInThePersonsZoneAndWhenItLapsedLeadsBackToThePassword() {
        String auditor = person(Role.AUDITOR);
        IssuedUkey key = ukeyFor(auditor);
        jdbc.sql("UPDATE app_user SET time_zone = 'America/New_York' WHERE username = :u")
                .param("u", auditor).update();
        ZoneId zone = ZoneId.of("America/New_York");
        PageClient client = client();

        Instant before = clock.instant();
        HttpResponse<String> second = client.signInWithPassword(auditor, PASSWORD);
        Instant after = clock.instant();
        assertThat(second.uri().getPath()).isEqualTo(TestUkeys.SECOND_FACTOR);
        Matcher until = UNTIL.matcher(second.body());
        assertThat(until.find()).as("the page says until when the step holds").isTrue();
        LocalTime shown = LocalTime.parse(until.group(1));
        ZonedDateTime earliest = before.plus(STEP).atZone(zone).withNano(0);
        ZonedDateTime latest = after.plus(STEP).atZone(zone);
        assertThat(until.group(2)).isEqualTo(earliest.getOffset().getId());
        assertThat(shown).isBetween(earliest.toLocalTime(), latest.toLocalTime());
        assertThat(second.body()).contains("data-ukey-account-sids=\"" + key.sid() + "\"")
                .contains("id=\"ukey-panel\"");

        clock.advance(STEP.plusSeconds(1));
        HttpResponse<String> lapsed = client.get(TestUkeys.SECOND_FACTOR);
        assertThat(lapsed.statusCode()).isEqualTo(200);
        assertThat(lapsed.uri().getPath()).isEqualTo(TestUkeys.SECOND_FACTOR);
        String time = DateTimeFormatter.ofPattern("HH:mm:ss").format(shown) + " " + until.group(2);
        assertThat(lapsed.body()).contains("This sign-in step lapsed at " + time + ".")
                .contains("id=\"second-factor-again\" href=\"/login\">Enter your password again</a>")
                .doesNotContain("id=\"ukey-panel\"").doesNotContain("id=\"second-factor-until\"");
        assertThat(lapsed.body()).as("shown, not hidden")
                .contains("id=\"second-factor-lapsed\" role=\"alert\">");
        notSignedIn(client);
    }
}
