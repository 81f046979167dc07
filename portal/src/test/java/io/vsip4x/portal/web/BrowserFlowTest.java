package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.web.Browser.Language;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal in a real (headless) browser: requesting, approving and watching a VM come up
 * live; field errors in both languages; power actions from the VM list.
 */
class BrowserFlowTest extends PortalTestSupport {

    private static final Logger log = LoggerFactory.getLogger(BrowserFlowTest.class);

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Pattern REQUEST_PAGE = Pattern.compile("/requests/(\\d+)\\?submitted$");

    private final List<Browser> browsers = new ArrayList<>();

    /** When a test fails, what each of its browsers showed, for the person reading the report. */
    @RegisterExtension
    final AfterTestExecutionCallback failureScreenshots = context -> {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        for (int i = 0; i < browsers.size(); i++) {
            try {
                Path shot = browsers.get(i).screenshot(
                        SCREENSHOTS.resolve("failed-" + context.getRequiredTestMethod().getName() + "-" + i + ".png"));
                log.warn("Browser {} was at {}; screenshot {}", i, browsers.get(i).path(), shot);
            } catch (RuntimeException e) {
                log.warn("No screenshot of browser {}", i, e);
            }
        }
    };

    /**
     * Without Chromium each test is aborted, so the report counts them as skipped, and before
     * its instance (and so the portal) is made: a {@code @BeforeAll} abort would skip the class
     * silently, as "0 tests run".
     */
    @RegisterExtension
    static final TestInstancePreConstructCallback CHROMIUM_INSTALLED = (factory, context) -> Browser.assumeInstalled();

    @AfterEach
    void quitBrowsers() {
        for (Browser browser : browsers) {
            try {
                browser.close();
            } catch (RuntimeException e) {
                log.warn("Could not quit a browser", e);
            }
        }
        browsers.clear();
    }

    private Browser browser(Language language) {
        Browser browser = Browser.start(port, language);
        browsers.add(browser);
        return browser;
    }

    /** The issue's acceptance test: request, approve, and see the VM reach running without reloading. */
    @Test
    void requestedVmIsApprovedAndShowsUpRunningOnAnOpenPageWithoutReload() {
        TestTenant t = newTenant();
        Browser desk = browser(Language.CHINESE);

        desk.signIn(t.requester(), PASSWORD).open("/requests/new");
        fillRequest(desk, "2", "2048", "40", "1", "开发环境测试机，用于浏览器验收测试");
        desk.find(By.id("submit-request")).click();
        desk.waitUntil(ExpectedConditions.urlMatches(REQUEST_PAGE.pattern()));
        String requestPath = desk.path();
        Matcher matched = REQUEST_PAGE.matcher(requestPath);
        assertThat(matched.find()).as("request page path %s", requestPath).isTrue();
        long id = Long.parseLong(matched.group(1));

        assertThat(desk.find(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
        assertThat(desk.find(By.id("request-state")).getText()).isEqualTo("待审批");
        assertThat(desk.find(By.id("submitted")).isDisplayed()).isTrue();
        assertThat(desk.find(By.id("submitted")).getText()).isEqualTo("申请已提交，等待审批。");
        desk.signOut();
        assertThat(desk.find(By.cssSelector("p.notice")).getText()).isEqualTo("您已退出。");

        // The requester's VM list is open, and listening, before the approval.
        Browser watcher = browser(Language.CHINESE);
        watcher.signIn(t.requester(), PASSWORD).open("/vms");
        assertThat(watcher.find(By.id("vm-rows")).getText()).contains("暂无虚拟机");
        watcher.awaitLiveStream();
        watcher.markPage();
        Object timeOrigin = watcher.script("return window.performance.timeOrigin;");

        desk.signIn(t.approver(), PASSWORD).open("/approvals");
        desk.awaitLiveStream();
        By row = By.id("approval-" + id);
        assertThat(desk.find(row).getText()).contains("开发环境测试机");
        desk.click(By.cssSelector("#approval-" + id + " button.approve"));
        desk.waitUntil(ExpectedConditions.numberOfElementsToBe(row, 0));
        desk.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("decided-" + id)));

        String vmId = await().atMost(PATIENCE).until(() -> jdbc.sql("SELECT vm_id FROM vm WHERE request_id = :id")
                .param("id", id).query(String.class).optional().orElse(null), v -> v != null);
        awaitRow(watcher, vmId, 1, "运行中");
        assertThat(watcher.stillMarked()).as("the VM list was not reloaded").isTrue();
        assertThat(watcher.script("return window.performance.timeOrigin;")).isEqualTo(timeOrigin);
        assertThat(watcher.ids("tr[id^='vm-']")).containsExactly("vm-" + vmId);
        WebElement vmRow = watcher.find(By.id("vm-" + vmId));
        assertThat(ungrouped(vmRow.getText()))
                .contains(t.code() + "-r" + id + "-1", "2 核 / 2048 MiB 内存 / 40 GiB 磁盘");
        assertThat(vmRow.findElement(By.cssSelector("button.shutdown")).getText()).isEqualTo("关机");
        watcher.screenshot(SCREENSHOTS.resolve("vms-running.png"));

        // The queue page followed the request to completed live, and the approver's confirmation
        // outlived that refresh.
        desk.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("decided-" + id), "已完成"));
        assertThat(desk.find(By.cssSelector("#flash p.notice")).getText())
                .isEqualTo("申请 #" + id + " 已批准，正在创建。");

        // And the requester, signing in again in the first browser, finds it running too.
        desk.signOut().signIn(t.requester(), PASSWORD).open("/vms");
        awaitRow(desk, vmId, 1, "运行中");
    }

    /** Field errors beside their fields, in Chinese by default and in English when the browser asks. */
    @Test
    void fieldErrorsAreShownBesideTheirFieldsInTheBrowsersLanguageAndNothingIsCreated() {
        TestTenant t = newTenant();

        Browser chinese = browser(Language.CHINESE);
        submitOutOfRange(chinese, t.requester());
        assertThat(chinese.find(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
        assertFieldErrors(chinese, "vCPU 须为 1 到 16 之间的整数。",
                "内存须为 512 MiB 的整数倍，且不超过 32768 MiB。");
        assertThat(chinese.find(By.cssSelector("main p.error")).getText()).isEqualTo("请检查标出的各项。");

        Browser english = browser(Language.ENGLISH);
        submitOutOfRange(english, t.requester());
        assertThat(english.find(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
        assertFieldErrors(english, "vCPU must be a whole number from 1 to 16.",
                "Memory must be a multiple of 512 MiB and at most 32768 MiB.");
        assertThat(english.find(By.cssSelector("main p.error")).getText()).isEqualTo("Please check the marked fields.");

        assertThat(jdbc.sql("SELECT COUNT(*) FROM vm_request WHERE requester_id = "
                        + "(SELECT id FROM app_user WHERE username = ?)")
                .param(t.requester()).query(Long.class).single()).isZero();
    }

    /** Shutting down and starting from the VM list; each new status arrives without a reload. */
    @Test
    void vmIsShutDownAndStartedFromTheListWithoutReload() {
        TestTenant t = newTenant();
        long id = submit(t.requester(), smallRequest(1));
        assertThat(post(t.approver(), "/requests/" + id + "/approve", null).getStatusCode().value()).isEqualTo(200);
        String vmId = await().atMost(PATIENCE).until(() -> {
            List<?> vmIds = (List<?>) request(t.requester(), id).get("vmIds");
            return vmIds == null || vmIds.isEmpty() ? null : vmIds.get(0).toString();
        }, v -> v != null);
        await().atMost(PATIENCE).until(() -> {
            Map<String, Object> vm = vm(t.requester(), vmId);
            return Integer.valueOf(1).equals(vm.get("status")) && !(Boolean) vm.get("busy");
        });

        Browser browser = browser(Language.CHINESE);
        browser.signIn(t.requester(), PASSWORD).open("/vms");
        awaitRow(browser, vmId, 1, "运行中");
        browser.awaitLiveStream();
        browser.markPage();

        By shutdown = By.cssSelector("#vm-" + vmId + " button.shutdown");
        assertThat(browser.find(shutdown).getText()).isEqualTo("关机");
        browser.click(shutdown);
        assertThat(browser.acceptConfirmation()).contains("关闭虚拟机").contains(t.code() + "-r");
        awaitRow(browser, vmId, 0, "已停止");
        assertThat(browser.stillMarked()).as("the VM list was not reloaded").isTrue();

        By start = By.cssSelector("#vm-" + vmId + " button.start");
        browser.waitUntil(ExpectedConditions.elementToBeClickable(start));
        assertThat(browser.find(start).getText()).isEqualTo("启动");
        browser.click(start);
        awaitRow(browser, vmId, 1, "运行中");
        assertThat(browser.stillMarked()).as("the VM list was not reloaded").isTrue();
        assertThat(vm(t.requester(), vmId)).containsEntry("status", 1);
    }

    private static void fillRequest(Browser b, String cpu, String memoryMb, String diskGb, String count,
            String reason) {
        new Select(b.find(By.id("templateId"))).selectByValue("tpl-centos7");
        new Select(b.find(By.id("repoName"))).selectByValue("pool-prod");
        new Select(b.find(By.id("network"))).selectByValue("vnet-office");
        b.type(By.id("cpu"), cpu);
        b.type(By.id("memoryMb"), memoryMb);
        b.type(By.id("diskGb"), diskGb);
        b.type(By.id("count"), count);
        b.type(By.id("reason"), reason);
    }

    private static void submitOutOfRange(Browser b, String requester) {
        b.signIn(requester, PASSWORD).open("/requests/new");
        fillRequest(b, "20", "1000", "40", "1", "字段校验 / field check");
        b.find(By.id("submit-request")).click();
        b.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("cpu-error")));
        assertThat(b.path()).isEqualTo("/requests");
        // What was typed stays in the form.
        assertThat(new Select(b.find(By.id("templateId"))).getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo("tpl-centos7");
        assertThat(b.find(By.id("cpu")).getDomProperty("value")).isEqualTo("20");
        assertThat(b.find(By.id("memoryMb")).getDomProperty("value")).isEqualTo("1000");
    }

    private static void assertFieldErrors(Browser b, String cpu, String memory) {
        WebElement cpuError = b.find(By.id("cpu-error"));
        WebElement memoryError = b.find(By.id("memoryMb-error"));
        assertThat(cpuError.isDisplayed()).isTrue();
        assertThat(memoryError.isDisplayed()).isTrue();
        assertThat(ungrouped(cpuError.getText())).isEqualTo(cpu);
        assertThat(ungrouped(memoryError.getText())).isEqualTo(memory);
        // Beside their fields: in the same cell as the input, right below it.
        assertThat(b.find(By.xpath("//input[@id='cpu']/following-sibling::p[1]")).getDomAttribute("id"))
                .isEqualTo("cpu-error");
        assertThat(b.find(By.xpath("//input[@id='memoryMb']/following-sibling::p[1]")).getDomAttribute("id"))
                .isEqualTo("memoryMb-error");
        assertThat(cpuError.getRect().getY()).isGreaterThan(b.find(By.id("cpu")).getRect().getY());
        assertThat(b.ids("p.field-error")).containsExactlyInAnyOrder("cpu-error", "memoryMb-error");
    }

    /**
     * {@code text} without digit grouping ("32,768" becomes "32768"): the messages format their
     * numbers with the locale's grouping, which is not what these tests are about.
     */
    private static String ungrouped(String text) {
        return text.replaceAll("(\\d),(?=\\d{3}\\b)", "$1");
    }

    /** Waits until the VM's row shows {@code status} with {@code text} and no work under way. */
    private static void awaitRow(Browser b, String vmId, int status, String text) {
        By row = By.id("vm-" + vmId);
        b.waitUntil((WebDriver d) -> {
            WebElement tr = d.findElement(row);
            return String.valueOf(status).equals(tr.getDomAttribute("data-status"))
                    && text.equals(tr.findElement(By.cssSelector(".status")).getText())
                    && tr.findElements(By.cssSelector("button")).size() > 0;
        });
    }
}
