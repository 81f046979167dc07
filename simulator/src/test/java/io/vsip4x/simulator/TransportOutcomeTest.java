package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.Vsip4xOutcomeUnknownException;
import io.vsip4x.sdk.Vsip4xSettings;
import io.vsip4x.sdk.Vsip4xUnreachableException;
import io.vsip4x.sdk.http.HttpVsip4xClient;
import io.vsip4x.simulator.faults.MethodFault;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter tells a call that never reached the platform (connection refused, HTTP 503) from
 * one that was sent and whose answer never came (read time-out): only the first is safe to send
 * again whatever the method.
 */
class TransportOutcomeTest {

    private TestPlatform platform;
    private HttpVsip4xClient impatient;

    @BeforeEach
    void start() {
        platform = new TestPlatform();
        impatient = new HttpVsip4xClient(new Vsip4xSettings("127.0.0.1", platform.simulator.baseUrl(), "portal",
                "portal-secret", null, platform.receiver.url(), Duration.ofSeconds(1), Duration.ofMillis(400)));
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void aCallWhoseAnswerNeverCameHasAnUnknownOutcome() {
        platform.createStopped("pool-prod", "vm-lost");
        platform.simulator.faults().slow("startVm", Duration.ofMillis(900), 1);

        assertThatThrownBy(() -> impatient.startVm("vm-lost"))
                .isInstanceOfSatisfying(Vsip4xOutcomeUnknownException.class,
                        e -> assertThat(e.method()).isEqualTo("startVm"));
        // The platform did act on it: the answer was lost, not the call.
        platform.awaitStatus("vm-lost", 1);
    }

    @Test
    void aClientWithOneQueryAttemptAsksOnceAndGivesUp() {
        HttpVsip4xClient once = new HttpVsip4xClient(new Vsip4xSettings("127.0.0.1", platform.simulator.baseUrl(),
                "portal", "portal-secret", null, platform.receiver.url(), Duration.ofSeconds(1),
                Duration.ofMillis(400)), 1);
        platform.simulator.faults().silent("searchHostList", Duration.ofSeconds(5), 2);

        assertThatThrownBy(() -> once.searchHostList(Map.of()))
                .isInstanceOfSatisfying(Vsip4xOutcomeUnknownException.class,
                        e -> assertThat(e.method()).isEqualTo("searchHostList"));
        MethodFault left = platform.simulator.faults().view().plan().methods().get("searchHostList");
        assertThat(left.times()).as("silent calls left after one attempt").isEqualTo(1);
    }

    @Test
    void aCallAnswered503WasNotSentThrough() {
        platform.simulator.faults().platformDown(true);

        assertThatThrownBy(() -> impatient.startVm("vm-any"))
                .isInstanceOf(Vsip4xUnreachableException.class)
                .isNotInstanceOf(Vsip4xOutcomeUnknownException.class);
    }

    @Test
    void aRefusedConnectionWasNotSentThrough() {
        platform.simulator.stop();

        assertThatThrownBy(() -> impatient.startVm("vm-any"))
                .isInstanceOf(Vsip4xUnreachableException.class)
                .isNotInstanceOf(Vsip4xOutcomeUnknownException.class);
    }
}
