package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.simulator.faults.CallbackFate;
import io.vsip4x.simulator.faults.CallbackFaults;
import io.vsip4x.simulator.faults.DroppedEvent;
import io.vsip4x.simulator.faults.Faults;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Callbacks dropped, duplicated, delayed and reordered, as the portal's receiver sees them. */
class CallbackFaultTest {

    private static final long SEED = 42;

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
    void dropsEventsForGoodButCountsThem() {
        faults.callbacks(CallbackFaults.none().withDrop(1.0).withSeed(SEED));

        platform.createStopped("pool-prod", "vm-d");

        Await.never("an event arrived", Duration.ofMillis(300), () -> !platform.receiver.events().isEmpty());
        assertThat(faults.view().count(CallbackFate.DROP)).isEqualTo(2);
        assertThat(faults.view().droppedEvents()).extracting(DroppedEvent::vmId).containsExactly("vm-d", "vm-d");
        assertThat(faults.view().droppedEvents()).extracting(DroppedEvent::sequence).containsExactly(1L, 2L);
        assertThat(platform.simulator.pendingCallbacks()).isEmpty();
    }

    @Test
    void dropsTheShareTheSeedDecides() {
        faults.callbacks(CallbackFaults.none().withDrop(0.5).withSeed(SEED));
        int events = 2 * 6;
        Random replay = new Random(SEED);
        long expectedDropped = 0;
        for (int i = 0; i < events; i++) {
            expectedDropped += replay.nextDouble() < 0.5 ? 1 : 0;
        }

        platform.createStopped("pool-prod", "vm-1", "vm-2", "vm-3", "vm-4", "vm-5", "vm-6");

        long dropped = expectedDropped;
        Await.until("the events not dropped arrived",
                () -> platform.receiver.events().size() == events - dropped);
        assertThat(faults.view().count(CallbackFate.DROP)).isEqualTo(expectedDropped);
        assertThat(faults.view().droppedEvents()).hasSize((int) expectedDropped);
    }

    @Test
    void duplicatesEventsWithTheSameId() {
        faults.callbacks(CallbackFaults.none().withDuplicate(1.0).withSeed(SEED));

        platform.createStopped("pool-prod", "vm-u");

        Await.until("four deliveries arrived", () -> platform.receiver.events().size() == 4);
        List<Map<String, Object>> raw = platform.receiver.events();
        assertThat(raw).extracting(e -> e.get("sequence")).containsExactly(1, 1, 2, 2);
        assertThat(raw.get(0).get("eventId")).isEqualTo(raw.get(1).get("eventId"));
        assertThat(platform.receiver.eventsOf("vm-u")).hasSize(2);
        assertThat(faults.view().count(CallbackFate.DUPLICATE)).isEqualTo(2);
    }

    @Test
    void delaysEventsAndKeepsTheirOrder() {
        faults.callbacks(CallbackFaults.none().withDelay(1.0, Duration.ofMillis(600)).withSeed(SEED));

        platform.client.createVm(TestPlatform.spec("pool-prod", "vm-l"));

        Await.never("an event arrived before its delay", Duration.ofMillis(400),
                () -> !platform.receiver.events().isEmpty());
        List<Map<String, Object>> events = platform.awaitEvents("vm-l", 2);
        assertThat(events).extracting(e -> e.get("sequence")).containsExactly(1, 2);
        assertThat(faults.view().count(CallbackFate.DELAY)).isEqualTo(2);
    }

    @Test
    void reordersEventsOfAVm() {
        faults.callbacks(CallbackFaults.none().withReorder(1.0).withDelay(0.0, Duration.ofSeconds(3))
                .withSeed(SEED));

        platform.createStopped("pool-prod", "vm-o");

        List<Map<String, Object>> events = platform.awaitEvents("vm-o", 2);
        assertThat(events).extracting(e -> e.get("sequence")).containsExactly(2, 1);
        assertThat(faults.view().count(CallbackFate.REORDER)).isEqualTo(2);
    }

    @Test
    void deliversAHeldBackEventAloneWhenNoNextOneComes() {
        platform.createStopped("pool-prod", "vm-h");
        platform.awaitEvents("vm-h", 2);
        faults.callbacks(CallbackFaults.none().withReorder(1.0).withDelay(0.0, Duration.ofMillis(300)));

        platform.client.startVm("vm-h");

        assertThat(platform.awaitEvents("vm-h", 3).get(2).get("result")).isEqualTo("2010");
        assertThat(faults.view().count(CallbackFate.REORDER)).isEqualTo(1);
    }

    @Test
    void resetDeliversNormallyAgainAndForgetsTheCounts() {
        faults.callbacks(CallbackFaults.none().withDrop(1.0));
        platform.createStopped("pool-prod", "vm-x");

        faults.reset();
        platform.client.startVm("vm-x");

        assertThat(platform.awaitEvents("vm-x", 1).get(0).get("result")).isEqualTo("2010");
        assertThat(faults.view().count(CallbackFate.DROP)).isZero();
        assertThat(faults.view().droppedEvents()).isEmpty();
    }
}
