package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.web.Browser.Language;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.openqa.selenium.By;

/**
 * The pages a newcomer found crooked at 1280 px in English: nothing wider than the window, the
 * header on one line, quota bars of one length with room to show, and buttons of one size.
 */
class LayoutBrowserTest extends PortalTestSupport {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String OVERFLOW = "return document.documentElement.scrollWidth"
            + " - document.documentElement.clientWidth;";
    private static final String NAV_LINES = "const r = Array.from(document.querySelectorAll("
            + "'header.topbar .nav a')).map(a => a.getBoundingClientRect());"
            + "return Math.max(...r.map(b => b.top)) < Math.min(...r.map(b => b.bottom)) ? 1 : 2;";
    private static final String WIDTHS = "return Array.from(document.querySelectorAll(arguments[0]))"
            + ".map(e => Math.round(e.getBoundingClientRect().width));";
    private static final String HEIGHTS = "return Array.from(document.querySelectorAll(arguments[0]))"
            + ".map(e => Math.round(e.getBoundingClientRect().height));";

    @RegisterExtension
    static final TestInstancePreConstructCallback CHROMIUM_INSTALLED = (factory, context) -> Browser.assumeInstalled();

    private Browser browser;

    @AfterEach
    void quitBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void approvalQueueOfAnApproverWhoIsAlsoTenantAdminFitsTheWindow() {
        TestTenant t = newTenant();
        String boss = t.code() + "-boss";
        users.create(boss, PASSWORD, "鲍勃 " + t.code(), t.id(), Set.of(Role.USER, Role.APPROVER, Role.TENANT_ADMIN));
        submit(t.requester(), smallRequest(1));
        submit(t.requester(), Map.of("templateId", "tpl-centos7", "repoName", "pool-prod", "cpu", 2,
                "memoryMb", 2048, "diskGb", 40, "count", 2, "network", "vnet-office",
                "reason", "A longer reason for two machines that the newcomer wrote in full"));

        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(boss, PASSWORD).open("/approvals");
        browser.find(By.id("approve-selected"));
        browser.screenshot(SCREENSHOTS.resolve("layout-approvals.png"));

        assertThat(((Number) browser.script(OVERFLOW)).intValue()).as("horizontal overflow").isLessThanOrEqualTo(0);
        assertThat(((Number) browser.script(NAV_LINES)).intValue()).as("lines of the header's links").isEqualTo(1);
        // The filters share one line with the checkbox of "Reverse order".
        assertThat((Boolean) browser.script("const r = Array.from(document.querySelectorAll('#queue-filter > *'))"
                + ".map(e => e.getBoundingClientRect());"
                + "return Math.max(...r.map(b => b.top)) < Math.min(...r.map(b => b.bottom));")).isTrue();
        // The header's parts do not overlap: the links end before the inbox begins.
        assertThat((Boolean) browser.script("const links = document.querySelectorAll('header.topbar .nav a');"
                + "return links[links.length - 1].getBoundingClientRect().right"
                + " <= document.querySelector('#inbox-link').getBoundingClientRect().left;")).isTrue();
    }

    @Test
    void quotaBarsAreOfOneLengthAndButtonsOfOneSize() {
        TestTenant t = newTenant();
        String platform = "plat-" + t.code();
        users.create(platform, PASSWORD, "平台 " + t.code(), null, Set.of(Role.PLATFORM_ADMIN));

        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(t.requester(), PASSWORD).open("/vms");
        browser.find(By.id("quota-bars"));
        browser.screenshot(SCREENSHOTS.resolve("layout-vms.png"));
        assertThat(widths(".quota-bar")).isNotEmpty().allSatisfy(w -> assertThat(w).isEqualTo(
                widths(".quota-bar").get(0)));
        assertThat(((Number) browser.script(OVERFLOW)).intValue()).isLessThanOrEqualTo(0);
        browser.close();

        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(platform, PASSWORD).open("/admin/tenants");
        browser.find(By.id("tenant-table"));
        browser.screenshot(SCREENSHOTS.resolve("layout-tenants.png"));
        assertThat(widths("#tenant-table .quota-bar")).isNotEmpty().allSatisfy(w -> assertThat(w).isGreaterThan(60));
        assertThat(((Number) browser.script(OVERFLOW)).intValue()).as("horizontal overflow").isLessThanOrEqualTo(0);
        assertThat((Boolean) browser.script("const t = document.querySelector('#tenant-table');"
                + "return t.getBoundingClientRect().width <= t.parentElement.clientWidth"
                + " && Array.from(t.querySelectorAll('td')).every(c => c.scrollWidth <= c.clientWidth);"))
                .as("the table and the text in its cells fit").isTrue();
    }

    @Test
    void smallButtonsAndSmallLinkButtonsAreOfOneHeight() {
        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(newTenant().requester(), PASSWORD).open("/vms");
        browser.script("const b = document.createElement('button'); b.className = 'small'; b.textContent = 'Reboot';"
                + "const a = document.createElement('a'); a.className = 'button small'; a.textContent = 'Renew';"
                + "a.href = '#'; const td = document.createElement('div'); td.className = 'actions probe';"
                + "td.append(b, ' ', a); document.querySelector('main').append(td);");
        List<Long> heights = heights(".probe > *");
        assertThat(heights).hasSize(2);
        assertThat(heights.get(0)).isEqualTo(heights.get(1));
    }

    @Test
    void poolPagesFitTheWindowWithTheirShortHeadingsOnOneLine() {
        TestTenant t = newTenant();
        String platform = "plat-" + t.code();
        users.create(platform, PASSWORD, "平台 " + t.code(), null, Set.of(Role.PLATFORM_ADMIN));

        browser = Browser.start(port, Language.CHINESE);
        browser.signIn(platform, PASSWORD).open("/admin/pools");
        browser.find(By.id("pool-list"));
        browser.screenshot(SCREENSHOTS.resolve("layout-pools.png"));
        assertThat(((Number) browser.script(OVERFLOW)).intValue()).as("horizontal overflow").isLessThanOrEqualTo(0);
        List<Long> heads = heights("#pool-list thead th");
        assertThat(heads).isNotEmpty().allSatisfy(h -> assertThat(h).as("a heading on one line")
                .isLessThan(heads.get(0) * 3 / 2 + 1));
        // The type's own text, not its cell (as tall as the row's list of departments), stays on one line.
        assertThat((Boolean) browser.script("return Array.from(document.querySelectorAll('#pool-list td.pool-type'))"
                + ".every(td => { const r = document.createRange(); r.selectNodeContents(td);"
                + " return r.getClientRects().length > 0 && r.getBoundingClientRect().height < "
                + heads.get(0) + "; });")).as("pool types on one line").isTrue();

        browser.open("/admin/pools/pool-prod");
        browser.find(By.id("pool-figures"));
        assertThat(((Number) browser.script(OVERFLOW)).intValue()).as("horizontal overflow").isLessThanOrEqualTo(0);
    }

    @SuppressWarnings("unchecked")
    private List<Long> widths(String selector) {
        return (List<Long>) browser.script(WIDTHS, selector);
    }

    @SuppressWarnings("unchecked")
    private List<Long> heights(String selector) {
        return (List<Long>) browser.script(HEIGHTS, selector);
    }
}
