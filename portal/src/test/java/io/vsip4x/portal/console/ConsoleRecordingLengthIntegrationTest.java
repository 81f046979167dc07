package io.vsip4x.portal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A recording lasts as long as its console was open, idle time included: guacd sends {@code sync}s
 * only while the screen changes, so the recording notes the time itself while idle and at the end.
 */
class ConsoleRecordingLengthIntegrationTest extends ConsoleTestSupport {

    private static final Pattern SYNC = Pattern.compile("4\\.sync,\\d+\\.(\\d+)[;,]");

    @Autowired
    private ConsoleSettingsRepository settings;

    @Test
    void anIdleConsolesRecordingLastsAsLongAsTheConsoleWasOpen() throws IOException {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        TenantConsoleSettings defaults = TenantConsoleSettings.defaults(t.id());
        settings.save(new TenantConsoleSettings(t.id(), defaults.usbControl(), false, false, true,
                defaults.keyboardLayout(), true, 7), 1L);

        long opened = System.nanoTime();
        TunnelClient client = openConsole(signIn(t.requester()), vmId);
        long idle = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        await().atMost(Duration.ofSeconds(10)).until(() -> System.nanoTime() >= idle);
        client.close();
        long closed = System.nanoTime();
        await().atMost(SOON).until(() -> "USER_CLOSED".equals(closeReason(vmId)));

        String path = jdbc.sql("SELECT recording_path FROM console_session WHERE vm_id = :vmId")
                .param("vmId", vmId).query(String.class).single();
        List<Long> syncs = syncs(Files.readString(Path.of(path), StandardCharsets.UTF_8));
        long played = syncs.get(syncs.size() - 1) - syncs.get(0);
        long open = Duration.ofNanos(closed - opened).toMillis();
        assertThat(played).as("the recording's length in ms against %d ms open", open)
                .isBetween(open - 2_000, open + 2_000);
        assertThat(syncs.size()).as("syncs while idle, every few seconds").isGreaterThanOrEqualTo(3);
        assertThat(syncs).isSorted();
    }

    private static List<Long> syncs(String recording) {
        Matcher m = SYNC.matcher(recording);
        List<Long> timestamps = new ArrayList<>();
        while (m.find()) {
            timestamps.add(Long.parseLong(m.group(1)));
        }
        return timestamps;
    }
}
