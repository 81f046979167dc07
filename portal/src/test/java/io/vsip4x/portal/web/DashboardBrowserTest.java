package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.identity.ViewerZones;
import io.vsip4x.portal.web.Browser.Language;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The platform dashboard in a real browser: a platform admin opens {@code /admin} and sees each section
 * with the platform's figures, the per-pool bars and the callback chart drawn to their values, the
 * licence banner when the licence expires in ten days, and the body refreshed by htmx without a reload.
 */
class DashboardBrowserTest extends AdminBrowserTestSupport {

    @Autowired
    Clock clock;
    @Autowired
    ViewerZones zones;

    private String admin;

    @AfterEach
    void restore() {
        simulator.simulator().faults().licenceExpiry(null);
        if (admin != null) {
            // The dashboard's read puts the restored licence in the layout's memory for the tests after.
            get(admin, "/admin/dashboard");
        }
    }

    @Test
    void platformAdminSeesTheFiguresChartsAndTheLicenceBanner() {
        admin = newPlatformAdmin("ops", "运维");
        LocalDate expiry = LocalDate.ofInstant(clock.instant(), zones.portalZone()).plusDays(10);
        simulator.simulator().faults().licenceExpiry(expiry);

        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(admin, PASSWORD).open("/admin");
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#dash-pools table")));

        assertThat(browser.find(By.cssSelector("#admin-tab-dashboard")).getDomAttribute("aria-current"))
                .isEqualTo("page");
        WebElement banner = browser.find(By.id("licence-banner"));
        assertThat(banner.isDisplayed()).isTrue();
        assertThat(banner.getText()).contains("10 days").contains(expiry.toString());
        assertThat(browser.find(By.id("dash-version")).getText()).contains("VSIP4X");
        assertThat(browser.find(By.id("dash-probe")).getText()).matches("The platform answers: \\d+ ms");

        Map<String, Object> dash = get(admin, "/admin/dashboard");
        Map<?, ?> hosts = (Map<?, ?>) dash.get("hosts");
        assertThat(((Number) hosts.get("total")).intValue()).isPositive();
        assertThat(browser.find(By.cssSelector("#dash-hosts .dash-figure")).getText())
                .isEqualTo(hosts.get("online") + " / " + hosts.get("total") + " online");
        assertThat(browser.find(By.cssSelector("#dash-vms .dash-figure")).getText()).matches("\\d+ / \\d+ running");

        List<WebElement> rows = browser.findAll(By.cssSelector("#dash-pools tr[data-pool]"));
        assertThat(rows).hasSize(((List<?>) dash.get("pools")).size()).isNotEmpty();
        assertBarsDrawnToTheirValues();
        assertThat(browser.find(By.cssSelector("#dash-pools td[data-bar='storage'] .dash-value")).getText())
                .matches("Storage \\d+% used \\([\\d,]+ / [\\d,]+ GiB\\)");

        List<WebElement> columns = browser.findAll(By.cssSelector("#dash-callbacks .dash-column"));
        assertThat(columns).hasSize(60);
        assertThat(browser.find(By.cssSelector("#dash-callbacks .dash-histogram")).getSize().getHeight())
                .isGreaterThan(40);
        assertThat(browser.find(By.id("dash-callbacks-total")).getText())
                .matches("[\\d,]+ callbacks in the last hour; the busiest minute had [\\d,]+\\.");
        browser.screenshot(SCREENSHOTS.resolve("dashboard.png"));

        // htmx fetches the body again within 15 s, in place: the page is not reloaded.
        String readAt = browser.find(By.id("dashboard")).getDomAttribute("data-read-at");
        browser.markPage();
        browser.waitUntil(d -> !readAt.equals(d.findElement(By.id("dashboard")).getDomAttribute("data-read-at")));
        assertThat(browser.stillMarked()).as("refreshed without a reload").isTrue();
        assertThat(browser.findAll(By.cssSelector("#dash-pools tr[data-pool]"))).hasSize(rows.size());
        assertThat(browser.findAll(By.id("admin-tabs"))).as("one sub-navigation after the swap").hasSize(1);
    }

    /** Every bar's filled part is as wide, relative to the bar, as the value written beside it. */
    private void assertBarsDrawnToTheirValues() {
        List<WebElement> cells = browser.findAll(By.cssSelector("#dash-pools td[data-bar]"));
        assertThat(cells).isNotEmpty();
        for (WebElement cell : cells) {
            int percent = Integer.parseInt(cell.getDomAttribute("data-percent"));
            double bar = cell.findElement(By.cssSelector(".dash-bar")).getRect().getWidth();
            double fill = cell.findElement(By.cssSelector(".dash-fill")).getRect().getWidth();
            assertThat(bar).isGreaterThan(50);
            assertThat(100 * fill / bar).as("bar %s", cell.getDomAttribute("data-bar")).isCloseTo(percent,
                    org.assertj.core.data.Offset.offset(2.0));
            assertThat(cell.findElement(By.cssSelector(".dash-value")).getText()).contains(percent + "%");
        }
    }
}
