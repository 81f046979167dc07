package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.Vsip4xProtocolException;
import io.vsip4x.sdk.Vsip4xSettings;
import io.vsip4x.sdk.Vsip4xUnreachableException;
import io.vsip4x.sdk.http.HttpVsip4xClient;
import io.vsip4x.simulator.faults.Faults;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-method faults and a platform that is down, as the adapter's HTTP client sees them. */
class MethodFaultTest {

    private TestPlatform platform;
    private Faults faults;

    @BeforeEach
    void start() {
        platform = new TestPlatform();
        faults = platform.simulator.faults();
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void answersTheGivenCodeInsteadOfCreating() {
        faults.answer("createVm", "2002", null);

        assertThat(platform.client.createVm(TestPlatform.spec("pool-prod", "vm-a")).code()).isEqualTo("2002");
        assertThat(platform.client.createVm(TestPlatform.spec("pool-prod", "vm-b")).code()).isEqualTo("2002");
        assertThat(platform.simulator.vms()).isEmpty();
    }

    @Test
    void aQueryAnsweringACodeIsARefusalForTheClient() {
        faults.answer("searchVmList", "2003", null);

        assertThatThrownBy(() -> platform.client.searchVmList(Map.of()))
                .isInstanceOf(Vsip4xProtocolException.class)
                .hasMessageContaining("2003");
    }

    @Test
    void aFaultLimitedToNCallsEndsAfterThem() {
        faults.answer("createVm", "2002", 2);

        assertThat(platform.client.createVm(TestPlatform.spec("pool-prod", "vm-a")).code()).isEqualTo("2002");
        assertThat(faults.view().plan().methods().get("createVm").times()).isEqualTo(1);
        assertThat(platform.client.createVm(TestPlatform.spec("pool-prod", "vm-a")).code()).isEqualTo("2002");
        assertThat(faults.view().plan().methods()).doesNotContainKey("createVm");

        assertThat(platform.client.createVm(TestPlatform.spec("pool-prod", "vm-a")).ok()).isTrue();
        platform.awaitStatus("vm-a", 0);
    }

    @Test
    void aSlowMethodAnswersAfterItsDelay() {
        faults.slow("searchRepository", Duration.ofMillis(400), 1);

        long started = System.nanoTime();
        assertThat(platform.client.searchRepository(Map.of())).hasSize(2);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(faults.view().plan().methods()).isEmpty();
    }

    @Test
    void aSlowMethodStillRuns() {
        platform.createStopped("pool-prod", "vm-s");
        faults.slow("startVm", Duration.ofMillis(200), null);

        assertThat(platform.client.startVm("vm-s").ok()).isTrue();

        platform.awaitStatus("vm-s", 1);
    }

    @Test
    void aSilentMethodLeavesTheClientToTimeOutWithoutRunning() {
        platform.createStopped("pool-prod", "vm-t");
        faults.silent("startVm", Duration.ofSeconds(30), 1);
        HttpVsip4xClient impatient = impatientClient();

        assertThatThrownBy(() -> impatient.startVm("vm-t"))
                .isInstanceOfSatisfying(Vsip4xUnreachableException.class,
                        e -> assertThat(e.method()).isEqualTo("startVm"));
        assertThat(platform.simulator.vm("vm-t").orElseThrow().status()).isZero();

        // The fault was for one call: the next one runs.
        assertThat(impatient.startVm("vm-t").ok()).isTrue();
        platform.awaitStatus("vm-t", 1);
    }

    @Test
    void aSilentQueryIsAnsweredOnTheClientsNextAttemptUnlessEveryCallIsSilenced() {
        HttpVsip4xClient impatient = impatientClient();
        faults.silent("searchRepository", Duration.ofSeconds(30), 1);

        // The adapter tries a query again; the next attempt is answered.
        assertThat(impatient.searchRepository(Map.of())).hasSize(2);

        faults.silent("searchRepository", Duration.ofSeconds(30), null);
        assertThatThrownBy(() -> impatient.searchRepository(Map.of()))
                .isInstanceOfSatisfying(Vsip4xUnreachableException.class,
                        e -> assertThat(e.method()).isEqualTo("searchRepository"));
    }

    @Test
    void aDownPlatformAnswers503ToEveryCallUntilUp() {
        faults.platformDown(true);

        assertThatThrownBy(() -> platform.client.searchVmList(Map.of()))
                .isInstanceOf(Vsip4xUnreachableException.class)
                .hasMessageContaining("503");
        assertThatThrownBy(() -> platform.client.createVm(TestPlatform.spec("pool-prod", "vm-d")))
                .isInstanceOfSatisfying(Vsip4xUnreachableException.class,
                        e -> assertThat(e.method()).isEqualTo("createVm"));
        assertThat(platform.simulator.vms()).isEmpty();

        faults.platformDown(false);
        assertThat(platform.client.searchVmList(Map.of())).isEmpty();
    }

    @Test
    void failsAnOperationThroughTheFaults() {
        faults.failOperation("createVm", true);

        platform.client.createVm(TestPlatform.spec("pool-prod", "vm-f"));

        assertThat(platform.awaitEvents("vm-f", 2)).extracting(e -> e.get("result")).containsExactly("0", "2000");
        assertThat(platform.simulator.vm("vm-f")).isEmpty();
    }

    @Test
    void resetRestoresNormalBehaviour() {
        faults.answer("searchVmList", "2003", null);
        faults.platformDown(true);
        faults.exhaustCapacity("pool-prod", true);

        faults.reset();

        assertThat(platform.client.searchVmList(Map.of())).isEmpty();
        assertThat(platform.client.createVm(TestPlatform.spec("pool-prod", "vm-r")).ok()).isTrue();
    }

    @Test
    void refusesFaultsOnUnknownMethodsPoolsAndCodes() {
        assertThatThrownBy(() -> faults.answer("noSuchMethod", "2003", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("noSuchMethod");
        assertThatThrownBy(() -> faults.answer("createVm", "abc", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.answer("createVm", "2002", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> faults.exhaustCapacity("pool-nowhere", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pool-nowhere");
        assertThat(faults.view().plan().methods()).isEmpty();
    }

    /** A client that waits 300 ms for an answer. */
    private HttpVsip4xClient impatientClient() {
        return new HttpVsip4xClient(new Vsip4xSettings("127.0.0.1", platform.simulator.baseUrl(), "portal",
                "portal-secret", null, platform.receiver.url(), Duration.ofSeconds(1), Duration.ofMillis(300)));
    }
}
