package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.web.Browser.Language;
import io.vsip4x.portal.vms.VmSeeder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * An auditor plays a console recording back in Chromium: guacamole-common-js reads it, the page
 * shows its duration, seeking to the end draws its last frame (seen on screen, not only in the
 * canvas), and playing runs to the end.
 */
class ConsolePlayerBrowserTest extends PortalTestSupport {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Four seconds of a 200×100 screen: red at first, green from the second second on. */
    private static final String RECORDING = "4.size,1.0,3.200,3.100;"
            + "4.rect,1.0,1.0,1.0,3.200,3.100;5.cfill,2.14,1.0,3.255,1.0,1.0,3.255;4.sync,13.1733390000000;"
            + "4.rect,1.0,1.0,1.0,3.200,3.100;5.cfill,2.14,1.0,1.0,3.255,1.0,3.255;4.sync,13.1733390002000;"
            + "4.sync,13.1733390004000;";
    private static final String TIME = "return document.getElementById('player-time').textContent;";
    private static final String PIXEL = "var c = document.querySelector('#player-display canvas');"
            + "var d = c.getContext('2d').getImageData(10, 10, 1, 1).data;"
            + "return d[0] + ',' + d[1] + ',' + d[2];";

    @RegisterExtension
    static final TestInstancePreConstructCallback CHROMIUM_INSTALLED = (factory, context) -> Browser.assumeInstalled();

    @Value("${portal.data-dir}")
    Path dataDir;

    private Browser browser;

    @RegisterExtension
    final AfterTestExecutionCallback failureScreenshot = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            browser.screenshot(SCREENSHOTS.resolve("failed-" + context.getRequiredTestMethod().getName() + ".png"));
        }
    };

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anAuditorSeeksAndPlaysARecording() throws IOException {
        TestTenant t = newTenant();
        String auditor = t.code() + "-auditor";
        users.create(auditor, PASSWORD, "审计员", null, Set.of(Role.AUDITOR));
        long id = recording(t);

        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(auditor, PASSWORD).open("/audit/consoles/" + id);

        browser.waitUntil(d -> "0:00 / 0:04".equals(browser.script(TIME)));
        // The first frame shows before anything is pressed.
        browser.waitUntil(d -> "255,0,0".equals(browser.script(PIXEL)));
        assertThat(browser.find(By.id("player-toggle")).isEnabled()).isTrue();
        browser.script("var s = document.getElementById('player-seek'); s.value = '4000';"
                + "s.dispatchEvent(new Event('change'));");
        browser.waitUntil(d -> "0:04 / 0:04".equals(browser.script(TIME)));
        browser.waitUntil(d -> "0,255,0".equals(browser.script(PIXEL)));

        browser.script("var s = document.getElementById('player-seek'); s.value = '0';"
                + "s.dispatchEvent(new Event('change'));");
        browser.waitUntil(d -> "0:00 / 0:04".equals(browser.script(TIME)));
        browser.waitUntil(d -> "255,0,0".equals(browser.script(PIXEL)));
        browser.click(By.id("player-toggle"));
        assertThat(browser.find(By.id("player-toggle")).getText()).isEqualTo("Pause");
        browser.waitUntil(d -> "0:04 / 0:04".equals(browser.script(TIME))
                && "Play".equals(browser.find(By.id("player-toggle")).getText()));
        assertThat(browser.script(PIXEL)).isEqualTo("0,255,0");
        assertThat(greenPixelsSeen()).as("green pixels the auditor sees in the player").isGreaterThan(10_000);
        browser.screenshot(SCREENSHOTS.resolve("console-player.png"));
    }

    /**
     * Counts the green pixels of a screenshot of the player's display element: what the auditor
     * sees, after the page's styles (a canvas painted over by its container's background counts none).
     */
    private int greenPixelsSeen() throws IOException {
        byte[] png = browser.find(By.id("player-display")).getScreenshotAs(OutputType.BYTES);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int green = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                if ((rgb >> 16 & 0xff) < 60 && (rgb >> 8 & 0xff) > 200 && (rgb & 0xff) < 60) {
                    green++;
                }
            }
        }
        return green;
    }

    /**
     * A closed console session of the tenant's requester with {@link #RECORDING} as its recording,
     * its path relative to the recordings folder.
     */
    private long recording(TestTenant t) throws IOException {
        long userId = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", t.requester())
                .query(Long.class).single();
        String vmId = "vm-" + t.code() + "-rec";
        new VmSeeder(jdbc, t.id()).add(new VmSeeder.Seed(vmId, t.code() + "-rec", userId, 1, "pool-prod", "host-1",
                "tpl-centos7", 0, null, Instant.now()));
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO console_session (vm_id, vm_name, tenant_id, user_id, username, view_only, node,
                                             opened_at, closed_at, close_reason, recording_bytes, recording_until)
                VALUES (:vmId, :vmName, :tenantId, :userId, :username, FALSE, 'node-elsewhere',
                        NOW(3) - INTERVAL 1 MINUTE, NOW(3), 'USER_CLOSED', :bytes, :until)""")
                .param("vmId", vmId).param("vmName", t.code() + "-rec").param("tenantId", t.id())
                .param("userId", userId).param("username", t.requester()).param("bytes", RECORDING.length())
                .param("until", Timestamp.from(Instant.now().plus(Duration.ofDays(1))))
                .update(keys);
        long id = keys.getKey().longValue();
        Path file = dataDir.resolve("console-recordings").resolve(String.valueOf(t.id())).resolve(id + ".guac");
        Files.createDirectories(file.getParent());
        Files.writeString(file, RECORDING, StandardCharsets.UTF_8);
        jdbc.sql("UPDATE console_session SET recording_path = :path WHERE id = :id")
                .param("path", t.id() + "/" + id + ".guac")
                .param("id", id).update();
        return id;
    }
}
