package io.vsip4x.portal.admin.pools;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A page's budget follows the configured page-read time-out: two reads and a little, never a fixed time. */
class PlatformReadsTest {

    @Test
    void theBudgetIsTwoPageReadsAndTheSlack() {
        assertThat(PlatformReads.budgetFor(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(8));
        assertThat(PlatformReads.budgetFor(Duration.ofSeconds(10))).as("a larger time-out is honoured")
                .isEqualTo(Duration.ofSeconds(22));
        assertThat(PlatformReads.budgetFor(Duration.ofSeconds(10)))
                .isGreaterThan(Duration.ofSeconds(10).multipliedBy(2));
    }
}
