package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The licence expiry switch on {@code faults()}: {@code getSystemInfo} reports the date a test set until
 * it is set back, and keeps it across a fault reset.
 */
class LicenceExpiryTest {

    private static TestPlatform platform;

    @BeforeAll
    static void start() {
        platform = new TestPlatform();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void systemInfoReportsTheExpirySetUntilSetBack() {
        String fixed = platform.client.getSystemInfo().expiredDate();
        assertThat(fixed).isEqualTo("2030-12-31");

        platform.simulator.faults().licenceExpiry(LocalDate.of(2027, 1, 2));
        assertThat(platform.client.getSystemInfo().expiredDate()).isEqualTo("2027-01-02");
        assertThat(platform.client.getSystemInfo().version()).contains("VSIP4X");

        platform.simulator.faults().reset();
        assertThat(platform.client.getSystemInfo().expiredDate()).isEqualTo("2027-01-02");

        platform.simulator.faults().licenceExpiry(null);
        assertThat(platform.client.getSystemInfo().expiredDate()).isEqualTo(fixed);
    }
}
