package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code setMethodDelay} applies to the host methods too, as the README says of every asynchronous
 * method: a shutdown given ten seconds is still in flight after one and a half (no host event yet,
 * a start refused with 9004), where the power delay of the test platform would have finished it.
 * A host being shut down reads as not running meanwhile ({@code HostPowerTest}).
 */
class HostMethodDelayTest {

    private TestPlatform platform;

    @BeforeEach
    void start() {
        platform = new TestPlatform(s -> s.withPowerDelay(Duration.ofMillis(100)));
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void aMethodDelayKeepsAHostShutdownInFlight() {
        platform.simulator.setMethodDelay("shutdownHost", Duration.ofSeconds(10));
        assertThat(platform.client.shutdownHost("host-04").ok()).isTrue();

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> platform.receiver.hostEventsOf("host-04").isEmpty());
        assertThat(platform.client.startHost("host-04").code()).as("a start while the shutdown is in flight")
                .isEqualTo("9004");
    }
}
