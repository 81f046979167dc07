package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.web.LiveStream.Event;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Live status through the portal's {@code /live} stream, read as a browser reads it: events
 * published in a transaction, or on another portal node, reach the open pages allowed to see
 * them within a second; bursts are coalesced; rolled-back changes announce nothing; a page that
 * reconnects after missing events is told to resynchronize.
 */
class LiveUpdatesIntegrationTest extends PortalTestSupport {

    private static final Duration SECOND = Duration.ofSeconds(1);

    @Autowired
    LiveUpdates live;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    LiveProperties properties;

    private long userId(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = ?").param(username).query(Long.class).single();
    }

    @Test
    void anEventPublishedInATransactionReachesAnOpenPageWithinASecond() {
        TestTenant t = newTenant();
        HttpClient http = LiveStream.signedIn(port, t.requester(), PASSWORD);
        try (LiveStream stream = LiveStream.open(http, port, null)) {
            assertThat(stream.response().statusCode()).isEqualTo(200);
            assertThat(stream.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            stream.awaitHello();

            long committed = System.nanoTime();
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                live.publish(t.id(), LiveUpdates.VMS, "vm-live-1");
                assertThat(stream.named(LiveUpdates.VMS)).as("nothing before the commit").isEmpty();
            });
            Event pushed = stream.await(e -> LiveUpdates.VMS.equals(e.name()), SECOND);
            assertThat(Duration.ofNanos(pushed.atNanos() - committed)).isLessThan(SECOND);
            assertThat(pushed.data()).isEqualTo("changed");
            long stored = jdbc.sql("SELECT MAX(id) FROM live_event WHERE vm_id = 'vm-live-1'")
                    .query(Long.class).single();
            assertThat(pushed.id()).isEqualTo(String.valueOf(stored));
        }
    }

    @Test
    void anEventPublishedOnAnotherNodeReachesThisNodesPagesAndOnlyThoseAllowed() {
        TestTenant t = newTenant();
        TestTenant other = newTenant();
        // A second portal node: its own LiveUpdates over the same database, not this node's bean.
        LiveUpdates secondNode = new LiveUpdates(new LiveEventWriter(new LiveEventLog(jdbc), transactions),
                properties);
        assertThat(secondNode).isNotSameAs(live);
        HttpClient http = LiveStream.signedIn(port, t.requester(), PASSWORD);
        try (LiveStream stream = LiveStream.open(http, port, null)) {
            stream.awaitHello();

            // Another tenant's change and another person's own event: not for this page.
            secondNode.publish(other.id(), LiveUpdates.REQUESTS);
            secondNode.publishToUser(userId(other.requester()), LiveUpdates.INBOX);
            long sent = System.nanoTime();
            secondNode.publish(t.id(), LiveUpdates.VMS, "vm-node-2");
            Event pushed = stream.await(e -> LiveUpdates.VMS.equals(e.name()), SECOND);
            assertThat(Duration.ofNanos(pushed.atNanos() - sent)).isLessThan(SECOND);

            // A row written by a node of another build, straight into the table: the person's own.
            jdbc.sql("INSERT INTO live_event (user_id, kind) VALUES (?, 'inbox')")
                    .param(userId(t.requester())).update();
            stream.await(e -> LiveUpdates.INBOX.equals(e.name()), SECOND);
            assertThat(stream.named(LiveUpdates.REQUESTS)).isEmpty();
            assertThat(stream.named(LiveUpdates.INBOX)).hasSize(1);
        }
    }

    @Test
    void aBurstOfAThousandChangesIsCoalescedIntoAFewPushesEndingWithTheLast() {
        TestTenant t = newTenant();
        HttpClient http = LiveStream.signedIn(port, t.requester(), PASSWORD);
        try (LiveStream stream = LiveStream.open(http, port, null)) {
            stream.awaitHello();
            long start = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                live.publish(t.id(), LiveUpdates.VMS, "vm-burst-" + i);
            }
            Duration burst = Duration.ofNanos(System.nanoTime() - start);
            long newest = jdbc.sql("SELECT MAX(id) FROM live_event WHERE tenant_id = ?").param(t.id())
                    .query(Long.class).single();
            // The page ends up told about the last change...
            stream.await(e -> LiveUpdates.VMS.equals(e.name()) && Long.parseLong(e.id()) == newest,
                    Duration.ofSeconds(2));
            // ...having been pushed at most once per window meanwhile.
            long windows = burst.toNanos() / properties.coalesceWindow().toNanos();
            assertThat(stream.named(LiveUpdates.VMS)).as("pushes for a burst of 1000 over %s", burst)
                    .hasSizeBetween(1, (int) windows + 2);
            for (int i = 1; i < stream.named(LiveUpdates.VMS).size(); i++) {
                long gap = stream.named(LiveUpdates.VMS).get(i).atNanos()
                        - stream.named(LiveUpdates.VMS).get(i - 1).atNanos();
                assertThat(Duration.ofNanos(gap)).as("time between pushes")
                        .isGreaterThanOrEqualTo(properties.coalesceWindow().minusMillis(50));
            }
        }
    }

    @Test
    void aRolledBackTransactionAnnouncesNothing() {
        TestTenant t = newTenant();
        HttpClient http = LiveStream.signedIn(port, t.requester(), PASSWORD);
        try (LiveStream stream = LiveStream.open(http, port, null)) {
            stream.awaitHello();
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                live.publish(t.id(), LiveUpdates.VMS, "vm-rolled-back");
                status.setRollbackOnly();
            });
            // A later committed change arrives; the rolled-back one never does.
            new TransactionTemplate(transactions).executeWithoutResult(status ->
                    live.publish(t.id(), LiveUpdates.REQUESTS));
            stream.await(e -> LiveUpdates.REQUESTS.equals(e.name()), SECOND);
            assertThat(stream.named(LiveUpdates.VMS)).isEmpty();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM live_event WHERE vm_id = 'vm-rolled-back'")
                    .query(Long.class).single()).isZero();
        }
    }

    @Test
    void aPageWhoseFirstStreamOpensAfterAChangeIsToldToResynchronize() {
        TestTenant t = newTenant();
        HttpClient http = LiveStream.signedIn(port, t.requester(), PASSWORD);
        java.util.regex.Matcher since = java.util.regex.Pattern.compile("name=\"live-since\" content=\"(\\d+)\"")
                .matcher(LiveStream.page(http, port, "/vms"));
        assertThat(since.find()).as("the page names the newest event when it was made").isTrue();
        // A change between making the page and its stream connecting.
        live.publish(t.id(), LiveUpdates.VMS, "vm-between");
        long between = jdbc.sql("SELECT MAX(id) FROM live_event WHERE vm_id = 'vm-between'")
                .query(Long.class).single();
        org.awaitility.Awaitility.await().atMost(SECOND).until(() -> live.lastId() >= between);
        try (LiveStream stream = LiveStream.open(http, port, "/live?since=" + since.group(1), null)) {
            stream.await(e -> LiveUpdates.RESYNC.equals(e.name()), SECOND);
        }
    }

    @Test
    void oldEventsArePrunedAndRecentOnesKept() {
        jdbc.sql("INSERT INTO live_event (tenant_id, kind, vm_id, created_at) "
                + "VALUES (NULL, 'vms', 'vm-old', NOW(3) - INTERVAL 10 MINUTE)").update();
        jdbc.sql("INSERT INTO live_event (tenant_id, kind, vm_id) VALUES (NULL, 'vms', 'vm-recent')").update();
        new LiveEventLog(jdbc).prune(properties.retention());
        assertThat(jdbc.sql("SELECT vm_id FROM live_event WHERE vm_id IN ('vm-old', 'vm-recent')")
                .query(String.class).list()).containsExactly("vm-recent");
    }

    @Test
    void aPageReconnectingAfterMissedEventsIsToldToResynchronizeAndOneThatMissedNoneIsNot() {
        TestTenant t = newTenant();
        HttpClient http = LiveStream.signedIn(port, t.requester(), PASSWORD);
        String seen;
        try (LiveStream first = LiveStream.open(http, port, null)) {
            seen = first.awaitHello();
        }
        // While the page is away, its VM changes.
        live.publish(t.id(), LiveUpdates.VMS, "vm-missed");
        long missed = jdbc.sql("SELECT MAX(id) FROM live_event WHERE vm_id = 'vm-missed'").query(Long.class).single();
        org.awaitility.Awaitility.await().atMost(SECOND).until(() -> live.lastId() >= missed);

        String caughtUp;
        try (LiveStream back = LiveStream.open(http, port, seen)) {
            Event resync = back.await(e -> LiveUpdates.RESYNC.equals(e.name()), SECOND);
            assertThat(resync.id()).isEqualTo(String.valueOf(live.lastId()));
            caughtUp = resync.id();
        }
        try (LiveStream again = LiveStream.open(http, port, caughtUp)) {
            again.awaitHello();
            live.publish(t.id(), LiveUpdates.REQUESTS);
            again.await(e -> LiveUpdates.REQUESTS.equals(e.name()), SECOND);
            assertThat(again.named(LiveUpdates.RESYNC)).as("nothing was missed").isEmpty();
        }
    }
}
