package io.vsip4x.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformHealth;
import io.vsip4x.sdk.model.OperateLogEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * Forwarding to the platform's operateLog: every event arrives once, in chain order, with the
 * spec's keys, whatever the platform does meanwhile. Tests share the simulator, so each looks
 * only at the records of its own events (found by the event id that leads their content).
 */
class AuditForwarderIntegrationTest extends PortalTestSupport {

    /** An outage makes the forwarder pause up to 30 s between tries. */
    private static final Duration RECOVERY = Duration.ofSeconds(60);

    @Autowired
    AuditService audit;
    @Autowired
    AuditForwarder forwarder;
    @Autowired
    PlatformHealth health;
    @Autowired
    PlatformClient platform;

    @Test
    void eachEventArrivesOnceWithTheSpecsKeysAndItsTextIntact() {
        String vmId = "vm-fwd-" + UUID.randomUUID().toString().substring(0, 8);
        String correlation = UUID.randomUUID().toString();
        audit.event("START_VM").as("张三", "t-fwd", "USER").target("VM", vmId)
                .params("name=测试机 😀 [masked]")
                .result(AuditService.SUCCESS, "2010", "虚拟机启动成功 ✅").correlation(correlation).recordAlone();
        audit.event("ROLE_GRANT").as("李四", "t-fwd", "TENANT_ADMIN").target("ACCOUNT", vmId + "-王五")
                .result(AuditService.DENIED, "403", "没有权限 🚫").recordAlone();
        audit.event("DELETE_VM").as("system", null, null).target("VM", vmId)
                .result(AuditService.FAILURE, "2049", "状态不允许").recordAlone();
        List<Long> ids = eventIds(vmId);

        OperateLogEntry started = awaitOnce(ids.get(0));
        assertThat(started.username()).isEqualTo("张三");
        assertThat(started.resourceId()).isEqualTo(vmId);
        assertThat(started.operate()).isEqualTo("START_VM");
        assertThat(started.logLevel()).isEqualTo("INFO");
        assertThat(started.result()).isTrue();
        assertThat(started.ipAddress()).isNull();
        assertThat(started.content()).startsWith("event=" + ids.get(0) + " seq=" + seqOf(ids.get(0)) + " ")
                .contains(" tenant=t-fwd role=USER target=VM:" + vmId + " correlation=" + correlation)
                .contains(" code=2010 params=name=测试机 😀 [masked] message=虚拟机启动成功 ✅");

        OperateLogEntry denied = awaitOnce(ids.get(1));
        assertThat(denied.username()).isEqualTo("李四");
        assertThat(denied.resourceId()).isEqualTo("ACCOUNT:" + vmId + "-王五");
        assertThat(denied.operate()).isEqualTo("ROLE_GRANT");
        assertThat(denied.logLevel()).isEqualTo("WARN");
        assertThat(denied.result()).isFalse();
        assertThat(denied.content()).contains("code=403").endsWith("message=没有权限 🚫");

        OperateLogEntry failed = awaitOnce(ids.get(2));
        assertThat(failed.logLevel()).isEqualTo("ERROR");
        assertThat(failed.result()).isFalse();
        assertThat(failed.content()).contains("code=2049").endsWith("message=状态不允许");
        assertThat(positions(ids)).isSorted();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = :a AND target IN (:ids)")
                .param("a", AuditForwarder.REFUSED).param("ids", ids.stream().map(String::valueOf).toList())
                .query(Long.class).single()).as("accepted records write no event").isZero();
    }

    @Test
    void eventsRecordedWhileThePlatformIsDownArriveOnceAndInOrderWhenItReturns() {
        TestTenant t = newTenant();
        get(t.requester(), "/catalog");
        String target = "vm-out-" + UUID.randomUUID().toString().substring(0, 8);
        long before = lastEventId();

        simulator.simulator().stop();
        List<Long> ids;
        try {
            for (int i = 0; i < 5; i++) {
                audit.event("OUTAGE_" + i).as("tester", t.code(), null).target("VM", target).recordAlone();
            }
            long started = System.nanoTime();
            long requestId = submit(t.requester(), smallRequest(1));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the action is not held up")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(requestId).isPositive();
            ids = new ArrayList<>(eventIds(target));
            ids.addAll(jdbc.sql("SELECT id FROM audit_event WHERE actor = :a AND id > :before ORDER BY id")
                    .param("a", t.requester()).param("before", before).query(Long.class).list());
            assertThat(ids).as("the user's action committed its event while the platform is down")
                    .hasSizeGreaterThan(5);

            await().atMost(PATIENCE).until(() -> !health.reachable() && ids.stream().allMatch(this::sealed));
            await().during(Duration.ofSeconds(2)).atMost(PATIENCE)
                    .until(() -> forwarder.lag().forwardedSeq() < seqOf(ids.get(0)));
            AuditForwarder.Lag lag = forwarder.lag();
            assertThat(lag.behind()).isGreaterThanOrEqualTo(ids.size());
            assertThat(lag.oldestUnforwardedAt()).isNotNull();
        } finally {
            simulator.simulator().start();
        }

        await().atMost(RECOVERY).until(() -> ids.stream().allMatch(id -> !received(id).isEmpty()));
        for (Long id : ids) {
            assertThat(received(id)).as("records of event %d", id).hasSize(1);
        }
        assertThat(positions(ids)).as("chain order").isEqualTo(positions(ids).stream().sorted().toList());
        assertThat(ids.stream().map(this::seqOf).toList()).isSorted();
        OperateLogEntry action = received(ids.get(5)).get(0);
        assertThat(action.username()).isEqualTo(t.requester());
        assertThat(action.ipAddress()).isEqualTo("127.0.0.1");
        assertThat(forwarder.lag().forwardedSeq()).isGreaterThanOrEqualTo(seqOf(ids.get(ids.size() - 1)));
    }

    @Test
    void aRefusedRecordIsLoggedAsRefusedAndDoesNotHoldUpTheOnesAfterIt() {
        String target = "vm-ref-" + UUID.randomUUID().toString().substring(0, 8);
        audit.event("BEFORE").as("tester", null, null).target("VM", target).recordAlone();
        // A blank user is a record the platform refuses (2003: username is required).
        audit.event("BAD").as(" ", null, null).target("VM", target).recordAlone();
        audit.event("AFTER").as("tester", null, null).target("VM", target).recordAlone();
        List<Long> ids = eventIds(target);

        awaitOnce(ids.get(0));
        awaitOnce(ids.get(2));
        long refusal = await().atMost(PATIENCE).until(() -> refusalOf(ids.get(1)), r -> r != null);
        assertThat(received(ids.get(1))).isEmpty();
        assertThat(jdbc.sql("SELECT actor, target_type, code, result FROM audit_event WHERE id = :id")
                .param("id", refusal).query().singleRow())
                .containsEntry("actor", "system").containsEntry("target_type", "AUDIT_EVENT")
                .containsEntry("code", "2003").containsEntry("result", AuditService.FAILURE);
        OperateLogEntry forwardedRefusal = awaitOnce(refusal);
        assertThat(forwardedRefusal.operate()).isEqualTo(AuditForwarder.REFUSED);
        assertThat(forwardedRefusal.resourceId()).isEqualTo("AUDIT_EVENT:" + ids.get(1));
    }

    @Test
    void aRefusedRefusalIsNotRefusedAgainSoForwardingCatchesUp() {
        String target = "vm-loop-" + UUID.randomUUID().toString().substring(0, 8);
        simulator.simulator().faults().answer("operateLog", "2003", null);
        long refusal;
        try {
            audit.event("REFUSED_ONCE").as("tester", null, null).target("VM", target).recordAlone();
            long id = eventIds(target).get(0);
            refusal = await().atMost(PATIENCE).until(() -> refusalOf(id), r -> r != null);
            await().atMost(PATIENCE).until(() -> sealed(refusal) && forwarder.lag().forwardedSeq() >= seqOf(refusal));
        } finally {
            simulator.simulator().faults().clearMethod("operateLog");
        }
        assertThat(refusalOf(refusal)).as("no refusal of a refusal").isNull();
        assertThat(received(refusal)).isEmpty();
    }

    /**
     * Forwarding sends one record at a time, so its pace is the platform's answer time. The
     * simulator answers at once (no Nagle delay of ~25 ms a call on the JDK's HTTP server).
     */
    @Test
    void thePlatformAnswersARecordWithinMillisecondsSoForwardingKeepsPace() {
        String vmId = "vm-pace-" + UUID.randomUUID().toString().substring(0, 8);
        OperateLogEntry record = OperateLogEntry.of("tester", vmId, "PACE", "pace", null, "INFO", true);
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            long started = System.nanoTime();
            assertThat(platform.call(c -> c.operateLog(record)).ok()).isTrue();
            nanos.add(System.nanoTime() - started);
        }
        Collections.sort(nanos);
        assertThat(Duration.ofNanos(nanos.get(nanos.size() / 2))).as("median answer time")
                .isLessThan(Duration.ofMillis(20));
    }

    /** The events whose target starts with {@code target}, oldest first. */
    private List<Long> eventIds(String target) {
        return jdbc.sql("SELECT id FROM audit_event WHERE target LIKE :t ORDER BY id").param("t", target + "%")
                .query(Long.class).list();
    }

    private long lastEventId() {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM audit_event").query(Long.class).single();
    }

    private boolean sealed(long eventId) {
        return jdbc.sql("SELECT COUNT(*) FROM audit_seal WHERE event_id = :id").param("id", eventId)
                .query(Long.class).single() > 0;
    }

    private long seqOf(long eventId) {
        return jdbc.sql("SELECT seq FROM audit_seal WHERE event_id = :id").param("id", eventId).query(Long.class)
                .single();
    }

    private Long refusalOf(long eventId) {
        return jdbc.sql("SELECT id FROM audit_event WHERE action = :a AND target = :t").param("a",
                        AuditForwarder.REFUSED).param("t", Long.toString(eventId))
                .query(Long.class).optional().orElse(null);
    }

    /** The simulator's records of event {@code eventId}. */
    private List<OperateLogEntry> received(long eventId) {
        String prefix = "event=" + eventId + " ";
        return simulator.simulator().operateLogs().stream()
                .filter(r -> r.content() != null && r.content().startsWith(prefix)).toList();
    }

    private OperateLogEntry awaitOnce(long eventId) {
        await().atMost(PATIENCE).until(() -> !received(eventId).isEmpty());
        List<OperateLogEntry> records = received(eventId);
        assertThat(records).as("records of event %d", eventId).hasSize(1);
        return records.get(0);
    }

    /** Where the record of each event stands in the simulator's list, in the order of {@code ids}. */
    private List<Integer> positions(List<Long> ids) {
        List<OperateLogEntry> all = simulator.simulator().operateLogs();
        List<Integer> positions = new ArrayList<>();
        for (Long id : ids) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).content() != null && all.get(i).content().startsWith("event=" + id + " ")) {
                    positions.add(i);
                }
            }
        }
        return positions;
    }
}
