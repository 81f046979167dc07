package io.vsip4x.portal.admin.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** What a licence expiry means on a given day: warned from 30 days before, expired after its last day. */
class LicenceTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

    @Test
    void warnsFromThirtyDaysBeforeTheExpiry() {
        assertThat(Licence.of("v", "2027-01-05", TODAY)).extracting(Licence::daysLeft, Licence::level)
                .containsExactly(31L, Licence.Level.VALID);
        assertThat(Licence.of("v", "2027-01-04", TODAY).level()).isEqualTo(Licence.Level.EXPIRING);
        assertThat(Licence.of("v", "2027-01-03", TODAY)).extracting(Licence::daysLeft, Licence::warns)
                .containsExactly(29L, true);
        assertThat(Licence.of("v", "2026-12-05", TODAY)).as("its last day").extracting(Licence::daysLeft,
                Licence::expired).containsExactly(0L, false);
    }

    @Test
    void expiredTheDayAfterAndErrorStyled() {
        Licence licence = Licence.of("v", "2026-12-04", TODAY);

        assertThat(licence.level()).isEqualTo(Licence.Level.EXPIRED);
        assertThat(licence.warns()).isTrue();
        assertThat(licence.expired()).isTrue();
        assertThat(licence.daysLeft()).isEqualTo(-1);
    }

    @Test
    void aTimeAfterTheDateIsIgnoredAndAnUnreadableExpiryWarnsNoOne() {
        assertThat(Licence.of("v", "2027-01-03 00:00:00", TODAY).daysLeft()).isEqualTo(29);
        for (String unreadable : new String[] {null, "", "never", "31/12/2030"}) {
            Licence licence = Licence.of("v", unreadable, TODAY);
            assertThat(licence.level()).as(unreadable).isEqualTo(Licence.Level.UNKNOWN);
            assertThat(licence.warns()).isFalse();
            assertThat(licence.daysLeft()).isNull();
        }
    }
}
