package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PortalTestSupport;
import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;

/**
 * A node that stops (or drains) refuses traffic first: its live-update streams end at once so the
 * browsers reconnect through the proxy to another node instead of holding this node's shutdown,
 * and a stream opened meanwhile ends right after its hello (which tells the browser to come back
 * in a second). Once the node accepts traffic again, streams stay open and get events.
 */
class LiveDrainIntegrationTest extends PortalTestSupport {

    private static final Duration PROMPTLY = Duration.ofSeconds(5);

    @Autowired
    private ApplicationContext context;
    @Autowired
    private LiveUpdates live;

    @Test
    void refusingTrafficEndsOpenStreamsAndNewOnesUntilTrafficIsAcceptedAgain() {
        TestTenant t = newTenant();
        HttpClient http = LiveStream.signedIn(port, t.requester(), PASSWORD);
        try (LiveStream open = LiveStream.open(http, port, null)) {
            open.awaitHello();

            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
            try {
                await().atMost(PROMPTLY).until(open::ended);
                try (LiveStream meanwhile = LiveStream.open(http, port, null)) {
                    assertThat(meanwhile.response().statusCode()).isEqualTo(200);
                    meanwhile.awaitHello();
                    await().atMost(PROMPTLY).until(meanwhile::ended);
                }
                assertThat(live.subscriberCount()).isZero();
            } finally {
                AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
            }
        }

        try (LiveStream again = LiveStream.open(http, port, null)) {
            again.awaitHello();
            live.publish(t.id(), LiveUpdates.VMS, "vm-drain-1");
            again.await(e -> LiveUpdates.VMS.equals(e.name()), PROMPTLY);
            assertThat(again.ended()).isFalse();
        }
    }
}
