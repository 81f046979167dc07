package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * The adapter tries a read-only query again when the platform does not answer, and never a call
 * that changes something: the simulator's silent-call fault counts the attempts it received.
 */
class TransportRetryTest {

    private static final Duration HOLD = Duration.ofSeconds(5);

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
    void aQueryThatGetsNoAnswerIsTriedAgainAndSucceeds() {
        platform.simulator.faults().silent("searchRepository", HOLD, 2);

        assertThat(impatient.searchRepository(Map.of())).isNotEmpty();
        assertThat(platform.simulator.faults().view().plan().methods()).doesNotContainKey("searchRepository");
    }

    @Test
    void aQueryGivesUpAfterThreeAttemptsNamingTheMethod() {
        platform.simulator.faults().silent("searchHostList", HOLD, 4);

        assertThatThrownBy(() -> impatient.searchHostList(Map.of()))
                .isInstanceOfSatisfying(Vsip4xUnreachableException.class,
                        e -> assertThat(e.method()).isEqualTo("searchHostList"));
        MethodFault left = platform.simulator.faults().view().plan().methods().get("searchHostList");
        assertThat(left.times()).as("silent calls left after three attempts").isEqualTo(1);
    }

    @Test
    void aCallThatChangesSomethingIsSentOnlyOnce() {
        platform.createStopped("pool-prod", "vm-once");
        platform.simulator.faults().silent("startVm", HOLD, 2);

        assertThatThrownBy(() -> impatient.startVm("vm-once"))
                .isInstanceOfSatisfying(Vsip4xUnreachableException.class,
                        e -> assertThat(e.method()).isEqualTo("startVm"));
        MethodFault left = platform.simulator.faults().view().plan().methods().get("startVm");
        assertThat(left.times()).as("silent calls left after one attempt").isEqualTo(1);
        assertThat(platform.simulator.vm("vm-once")).get().extracting(vm -> vm.status()).isEqualTo(0);
    }
}
