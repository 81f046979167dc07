package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OperationDispatcherTest {

    @Test
    void retriesAnUnreachablePlatformWithDoublingPausesUpToHalfAMinute() {
        assertThat(OperationDispatcher.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(OperationDispatcher.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(OperationDispatcher.backoff(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(OperationDispatcher.backoff(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(OperationDispatcher.backoff(1000)).isEqualTo(Duration.ofSeconds(30));
        assertThat(OperationDispatcher.backoff(0)).isEqualTo(Duration.ofSeconds(1));
    }
}
