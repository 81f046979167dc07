package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.console.ConsoleSessionRows;
import io.vsip4x.portal.console.ConsoleSessions;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.web.Browser.Language;
import io.vsip4x.simulator.console.SimulatedConsoles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The console page in a real (headless) browser against the simulator's guacd: alice (the demo
 * owner) sees her VM's login prompt drawn on the canvas pixel for pixel as the simulator sent it,
 * types a line that the VM echoes, and sees the console close, saying why, when she signs out in
 * another tab; the clipboard panel carries Chinese text and an emoji both ways; a dropped console
 * comes back by itself unless it was ended on purpose; a view-only share watches without input.
 */
class ConsoleBrowserTest extends PortalTestSupport {

    private static final Logger log = LoggerFactory.getLogger(ConsoleBrowserTest.class);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The simulator's text cells are this many pixels high. */
    private static final int ROW_HEIGHT = 20;
    private static final String CONFIRMED = "Sent to the VM's clipboard; the VM has it now.";
    private static final String RECEIVED = "Received the VM's clipboard.";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    /** Without Chromium each test is aborted before the portal is made (see {@link BrowserFlowTest}). */
    @RegisterExtension
    static final TestInstancePreConstructCallback CHROMIUM_INSTALLED = (factory, context) -> Browser.assumeInstalled();

    @Value("${portal.demo.password}")
    private String demoPassword;

    @Autowired
    private MessageSource messages;

    @Autowired
    private ConsoleSessions consoleSessions;

    private Browser browser;
    private final List<String> vmIds = new ArrayList<>();

    /** When the test fails, what the browser showed. */
    @RegisterExtension
    final AfterTestExecutionCallback failureScreenshot = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            Path shot = browser.screenshot(SCREENSHOTS.resolve(
                    "failed-" + context.getRequiredTestMethod().getName() + ".png"));
            log.warn("The browser was at {}; screenshot {}", browser.path(), shot);
        }
    };

    @AfterEach
    void cleanUp() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        // alice's VMs are not a test tenant's: discarded here as the base class discards those.
        if (!vmIds.isEmpty()) {
            vmIds.forEach(simulator.simulator()::discard);
            jdbc.sql("UPDATE vm SET lifecycle = 'DELETED' WHERE vm_id IN (:ids)").param("ids", vmIds).update();
            vmIds.clear();
        }
    }

    @Test
    void aliceSeesHerVmsLoginPromptTypesALineAndTheConsoleClosesWhenSheSignsOut() {
        String vmId = aliceRunningVm();
        SimulatedConsoles consoles = simulator.simulator().consoles();
        browser = Browser.start(port, Language.CHINESE);
        browser.signIn("alice", demoPassword).open("/vms/" + vmId);
        browser.click(By.id("action-console"));
        awaitState("connected");
        assertThat(browser.find(By.id("console-title")).getText()).contains(vmName(vmId));
        assertThat(browser.find(By.id("console-vm-status")).getText()).isEqualTo("运行中");
        assertThat(browser.find(By.id("console-state")).getText()).isEqualTo("已连接");
        assertThat(browser.driver().findElements(By.id("console-view-only"))).isEmpty();

        // The login prompt, drawn on the canvas exactly as the simulator sent it.
        await().atMost(PATIENCE).until(() -> consoles.screenText(vmId).contains("login:"));
        int row = rowOf(consoles.screenText(vmId), "login:");
        BufferedImage prompt = awaitCanvasShowsTheScreen(vmId);
        assertThat(differingPixels(prompt, consoles.screen(vmId), row)).isZero();

        // A line typed into the console: received as keys, echoed on the screen and the canvas.
        browser.click(By.id("console-screen"));
        new Actions(browser.driver()).sendKeys("root").sendKeys(Keys.ENTER).perform();
        await().atMost(PATIENCE).until(() -> consoles.typed(vmId).endsWith("root\n"));
        await().atMost(PATIENCE).until(() -> consoles.screenText(vmId).contains("login: root\nPassword:"));
        BufferedImage echoed = awaitCanvasShowsTheScreen(vmId);
        assertThat(differingPixels(echoed, prompt, row)).as("the prompt row changed on the canvas").isPositive();
        browser.waitUntil(d -> Boolean.TRUE.equals(browser.script(
                "return performance.getEntriesByType('resource').some(e => e.name.endsWith('/console/activity'));")));

        // Ctrl+Alt+Del from the key menu: pressed in order (and released) on the VM.
        browser.click(By.cssSelector("#console-keys summary"));
        browser.click(By.id("key-ctrl-alt-del"));
        await().atMost(PATIENCE).until(() -> consoles.keysPressed(vmId).size() >= 3 && consoles.keysPressed(vmId)
                .subList(consoles.keysPressed(vmId).size() - 3, consoles.keysPressed(vmId).size())
                .equals(List.of(0xffe3, 0xffe9, 0xffff)));
        assertThat(browser.find(By.id("console-keys")).getDomAttribute("open")).isNull();

        // Signing out in another tab closes the console, which says why and does not reconnect.
        String consoleTab = browser.driver().getWindowHandle();
        browser.driver().switchTo().newWindow(WindowType.TAB);
        browser.open("/vms").signOut();
        browser.driver().switchTo().window(consoleTab);
        awaitState("closed");
        WebElement state = browser.find(By.id("console-state"));
        assertThat(state.getDomAttribute("data-reason")).isEqualTo("SIGNED_OUT");
        assertThat(state.getText()).isEqualTo("已关闭");
        assertThat(browser.find(By.id("console-message")).getText())
                .isEqualTo(messages.getMessage("console.reason.SIGNED_OUT", null, Locale.SIMPLIFIED_CHINESE));
        assertThat(browser.find(By.id("console-sign-in")).isDisplayed()).isTrue();
        await().atMost(PATIENCE).until(() -> consoles.openConnections(vmId) == 0);
        assertThat(browser.path()).isEqualTo("/vms/" + vmId + "/console");
    }

    @Test
    void clipboardPanelCarriesChineseAndEmojiBothWaysAndTypesText() {
        String vmId = aliceRunningVm();
        SimulatedConsoles consoles = simulator.simulator().consoles();
        String text = "测试 ✓ 😀";
        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn("alice", demoPassword).open("/vms/" + vmId + "/console");
        awaitState("connected");
        String sender = browser.driver().getWindowHandle();
        browser.driver().switchTo().newWindow(WindowType.TAB);
        browser.open("/vms/" + vmId + "/console");
        awaitState("connected");
        String receiver = browser.driver().getWindowHandle();
        await().atMost(PATIENCE).until(() -> consoles.openConnections(vmId) == 2);

        // Sent from the first tab's panel: the VM's clipboard holds it, and the second tab shows it.
        browser.driver().switchTo().window(sender);
        browser.click(By.id("console-clipboard-toggle"));
        browser.script("document.getElementById('console-clipboard-text').value = arguments[0];", text);
        browser.click(By.id("console-clipboard-send"));
        await().atMost(PATIENCE).until(() -> consoles.clipboard(vmId).filter(text::equals).isPresent());
        browser.driver().switchTo().window(receiver);
        browser.waitUntil(d -> text.equals(
                browser.script("return document.getElementById('console-clipboard-text').value;")));
        assertThat(browser.script("return document.getElementById('console-clipboard-status').textContent;"))
                .as("the panel is closed in this tab; its status says").isEqualTo(RECEIVED);
        assertThat(browser.find(By.id("console-clipboard-status")).getDomAttribute("data-origin")).isEqualTo("remote");
        // The VM hands its clipboard to every connection, the sender's included: there its echo is no news
        // but the confirmation that the VM has the text.
        browser.driver().switchTo().window(sender);
        browser.waitUntil(d -> CONFIRMED.equals(d.findElement(By.id("console-clipboard-status")).getText()));
        assertThat(browser.script("return document.getElementById('console-clipboard-text').value;")).isEqualTo(text);
        assertThat(browser.find(By.id("console-clipboard-status")).getDomAttribute("data-origin")).isEqualTo("local");
        browser.driver().switchTo().window(receiver);

        // "Type it": the text as keystrokes, Latin-1 and Chinese alike, Return for the new line.
        browser.click(By.id("console-clipboard-toggle"));
        browser.script("document.getElementById('console-clipboard-text').value = arguments[0];", "ab测试\n");
        browser.click(By.id("console-clipboard-type"));
        await().atMost(PATIENCE).until(() -> consoles.typed(vmId).endsWith("ab测试\n"));
        browser.waitUntil(d -> "Typed 5 characters.".equals(
                d.findElement(By.id("console-clipboard-status")).getText()));

        // Too long a text is refused with a message instead of typed in part.
        browser.script("document.getElementById('console-clipboard-text').value = 'x'.repeat(2001);");
        browser.click(By.id("console-clipboard-type"));
        assertThat(browser.find(By.id("console-clipboard-status")).getText())
                .isEqualTo("The text has 2001 characters, more than the 2000 that can be typed: shorten it, or send it"
                        + " to the clipboard.");
        assertThat(consoles.typed(vmId)).doesNotContain("x");
    }

    @Test
    void reconnectsWithANewTokenAfterAStalledGuacdButNotAfterAnAdminEndedTheConsole() {
        String vmId = aliceRunningVm();
        SimulatedConsoles consoles = simulator.simulator().consoles();
        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn("alice", demoPassword).open("/vms/" + vmId + "/console");
        awaitState("connected");
        long firstSession = consoleSessions.open(vmId).get(0).id();

        // guacd goes silent: the tunnel gives up on it, and the page connects again by itself.
        consoles.stall(vmId, true);
        browser.waitUntil(d -> "reconnecting".equals(state()));
        consoles.stall(vmId, false);
        assertThat(browser.find(By.id("console-message")).getText())
                .startsWith(messages.getMessage("console.reason.GUACD_STALLED", null, Locale.ENGLISH));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(45)).until(d -> "connected".equals(state()));
        await().atMost(PATIENCE).until(() -> consoles.openConnections(vmId) == 1);
        List<ConsoleSessionRows.OpenConsole> open = consoleSessions.open(vmId);
        assertThat(open).hasSize(1);
        assertThat(open.get(0).id()).as("a new console session, opened with a new token").isNotEqualTo(firstSession);

        // An admin ends it: the page says so and stays closed.
        long bob = jdbc.sql("SELECT id FROM app_user WHERE username = 'bob'").query(Long.class).single();
        assertThat(consoleSessions.requestEnd(open.get(0).id(), "ENDED_BY_ADMIN", bob)).isTrue();
        awaitState("closed");
        assertThat(browser.find(By.id("console-state")).getDomAttribute("data-reason")).isEqualTo("ENDED_BY_ADMIN");
        assertThat(browser.find(By.id("console-message")).getText())
                .isEqualTo(messages.getMessage("console.reason.ENDED_BY_ADMIN", null, Locale.ENGLISH));
        assertThat(browser.find(By.id("console-reconnect")).isDisplayed()).isTrue();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> "closed".equals(state()) && consoles.openConnections(vmId) == 0);
    }

    @Test
    void aTeammateWithAViewOnlyShareWatchesTheScreenButSendsNoInput() {
        String vmId = aliceRunningVm();
        SimulatedConsoles consoles = simulator.simulator().consoles();
        long rd = jdbc.sql("SELECT tenant_id FROM vm WHERE vm_id = :id").param("id", vmId).query(Long.class).single();
        String viewer = "rdview" + System.nanoTime() % 1_000_000;
        users.create(viewer, PASSWORD, "观察者", rd, Set.of(Role.USER));
        jdbc.sql("""
                INSERT INTO console_share (vm_id, owner_id, user_id, expires_at)
                SELECT :vmId, v.owner_id, u.id, NOW(3) + INTERVAL 1 DAY FROM vm v, app_user u
                 WHERE v.vm_id = :vmId AND u.username = :viewer""")
                .param("vmId", vmId).param("viewer", viewer).update();

        browser = Browser.start(port, Language.CHINESE);
        browser.signIn(viewer, PASSWORD).open("/vms/" + vmId + "/console");
        awaitState("connected");
        assertThat(browser.find(By.id("console-view-only")).getText()).isEqualTo("仅查看");
        assertThat(browser.driver().findElements(By.id("console-keys"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("console-clipboard-send"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("console-shares"))).as("only the owner shares").isEmpty();
        await().atMost(PATIENCE).until(() -> consoles.screenText(vmId).contains("login:"));
        awaitCanvasShowsTheScreen(vmId);
        assertThat(consoles.connections(vmId).get(consoles.connections(vmId).size() - 1).readOnly()).isTrue();

        // Fit to the window, 1:1, and back.
        double fit = ((Number) browser.script("return window.portalConsole.scale();")).doubleValue();
        double expected = ((Number) browser.script("var s = document.getElementById('console-screen');"
                + "return Math.min(s.clientWidth / 960, s.clientHeight / 500);")).doubleValue();
        assertThat(fit).isCloseTo(expected, offset(0.001));
        browser.click(By.id("console-scale"));
        assertThat(((Number) browser.script("return window.portalConsole.scale();")).doubleValue()).isEqualTo(1.0);
        browser.click(By.id("console-scale"));
        assertThat(((Number) browser.script("return window.portalConsole.scale();")).doubleValue())
                .isCloseTo(fit, offset(0.001));

        browser.click(By.id("console-screen"));
        new Actions(browser.driver()).sendKeys("zz").sendKeys(Keys.ENTER).perform();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> consoles.keysPressed(vmId).isEmpty() && !consoles.screenText(vmId).contains("zz"));
        assertThat(state()).isEqualTo("connected");
    }

    /** Waits until the canvas shows exactly what the simulator sends now; returns the canvas. */
    private BufferedImage awaitCanvasShowsTheScreen(String vmId) {
        SimulatedConsoles consoles = simulator.simulator().consoles();
        BufferedImage[] last = new BufferedImage[1];
        await().atMost(PATIENCE).until(() -> {
            last[0] = canvas();
            BufferedImage screen = consoles.screen(vmId);
            return last[0] != null && last[0].getWidth() == screen.getWidth()
                    && last[0].getHeight() == screen.getHeight() && differingPixels(last[0], screen, -1) == 0;
        });
        return last[0];
    }

    /** The console's display as the browser holds it, flattened into one image. */
    private BufferedImage canvas() {
        Object url = browser.script("return window.portalConsole.snapshot();");
        if (!(url instanceof String dataUrl)) {
            return null;
        }
        byte[] png = Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1));
        try {
            return ImageIO.read(new ByteArrayInputStream(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many pixels differ in text row {@code row} (every row when negative). */
    private static int differingPixels(BufferedImage a, BufferedImage b, int row) {
        int top = row < 0 ? 0 : row * ROW_HEIGHT;
        int bottom = row < 0 ? Math.min(a.getHeight(), b.getHeight()) : top + ROW_HEIGHT;
        int width = Math.min(a.getWidth(), b.getWidth());
        int differing = 0;
        for (int y = top; y < bottom; y++) {
            for (int x = 0; x < width; x++) {
                if ((a.getRGB(x, y) & 0xffffff) != (b.getRGB(x, y) & 0xffffff)) {
                    differing++;
                }
            }
        }
        return differing;
    }

    private static int rowOf(String screenText, String text) {
        String[] rows = screenText.split("\n", -1);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].contains(text)) {
                return i;
            }
        }
        throw new AssertionError("No row shows '" + text + "' in:\n" + screenText);
    }

    private String state() {
        return browser.find(By.id("console-state")).getDomAttribute("data-state");
    }

    private void awaitState(String state) {
        browser.waitUntil(d -> state.equals(d.findElement(By.id("console-state")).getDomAttribute("data-state")));
    }

    private String vmName(String vmId) {
        return jdbc.sql("SELECT name FROM vm WHERE vm_id = :id").param("id", vmId).query(String.class).single();
    }

    /** A running VM of alice's, requested by her and approved by bob (the demo's rd approver). */
    private String aliceRunningVm() {
        ResponseEntity<Map<String, Object>> created = demo("alice").post().uri("/requests")
                .contentType(MediaType.APPLICATION_JSON).body(smallRequest(1)).retrieve().toEntity(JSON);
        assertThat(created.getStatusCode().value()).as("submit answer %s", created.getBody()).isEqualTo(201);
        long id = ((Number) created.getBody().get("id")).longValue();
        assertThat(demo("bob").post().uri("/requests/" + id + "/approve").contentType(MediaType.APPLICATION_JSON)
                .retrieve().toBodilessEntity().getStatusCode().is2xxSuccessful()).isTrue();
        String[] vmId = new String[1];
        await().atMost(PATIENCE).until(() -> {
            List<?> ids = (List<?>) demo("alice").get().uri("/requests/" + id).retrieve().body(JSON).get("vmIds");
            vmId[0] = ids == null || ids.isEmpty() ? null : ids.get(0).toString();
            return vmId[0] != null;
        });
        vmIds.add(vmId[0]);
        await().atMost(PATIENCE).until(() -> {
            Map<String, Object> vm = demo("alice").get().uri("/vms/" + vmId[0]).retrieve().body(JSON);
            return Integer.valueOf(1).equals(vm.get("status")) && Boolean.FALSE.equals(vm.get("busy"));
        });
        return vmId[0];
    }

    private RestClient demo(String username) {
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port + "/api/v1")
                .defaultHeaders(h -> h.setBasicAuth(username, demoPassword))
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }
}
