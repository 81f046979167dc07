package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.web.Browser.Language;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The NIC and guest pages in a real (headless) browser: a bad address shows its message beside
 * its field and a good NIC is added, each without a reload; the process table sorts by a column
 * from its header, without a reload either; the guest page follows its agent and its VM live; a file
 * too large to send is refused in the reader's language and stays in the form.
 */
class NicGuestBrowserTest extends VmBrowserTestSupport {

    @Test
    void addingANicShowsFieldMessagesThenTheNewNicWithoutAReload() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(t.requester(), PASSWORD).open("/vms/" + vmId + "/nics");
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("nic-list")));
        browser.markPage();

        browser.type(By.id("add-ipAddress"), "10.10.0.31");
        browser.type(By.id("add-subnetMask"), "255.255.255.0");
        browser.type(By.id("add-gateway"), "192.168.0.1");
        browser.click(By.id("nic-add"));
        WebElement error = browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("add-gateway-error")));
        assertThat(error.getText()).contains("192.168.0.1", "10.10.0.31/255.255.255.0");
        assertThat(browser.find(By.id("add-ipAddress")).getAttribute("value")).isEqualTo("10.10.0.31");

        new Select(browser.find(By.id("add-network"))).selectByValue("vnet-dmz");
        browser.type(By.id("add-ipAddress"), "");
        browser.type(By.id("add-subnetMask"), "");
        browser.type(By.id("add-gateway"), "");
        browser.click(By.id("nic-add"));
        browser.waitUntil(ExpectedConditions.visibilityOfElementLocated(By.id("nic-notice")));
        assertThat(browser.findAll(By.cssSelector("#nic-list tbody tr[data-mac]"))).hasSize(2);
        assertThat(browser.find(By.id("nic-list")).getText()).contains("DMZ", "172.16.10.");
        assertThat(browser.stillMarked()).as("the page was not reloaded").isTrue();
    }

    @Test
    void theProcessTableSortsByTheColumnOfItsHeader() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(t.requester(), PASSWORD).open("/vms/" + vmId + "/guest");
        assertThat(browser.find(By.id("guest-agent")).getText()).isEqualTo("Running");
        browser.markPage();

        browser.click(By.id("guest-processes"));
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("guest-process-table")));
        browser.click(By.id("sort-processes-cpu"));
        browser.waitUntil(d -> "ascending".equals(header("cpu")));
        browser.click(By.id("sort-processes-cpu"));
        browser.waitUntil(d -> "descending".equals(header("cpu")));
        List<Double> cpu = browser.findAll(By.cssSelector("#guest-process-table td.cpu")).stream()
                .map(td -> Double.parseDouble(td.getText())).toList();
        assertThat(cpu).hasSizeGreaterThan(1).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(browser.findAll(By.cssSelector("#guest-process-table td.memory")))
                .allSatisfy(td -> assertThat(td.getText()).containsPattern("^[0-9.,]+ (KiB|MiB) \\("));
        assertThat(browser.stillMarked()).as("the page was not reloaded").isTrue();
    }

    @Test
    void theGuestPageFollowsTheAgentAndTheVmWithoutAReload() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        browser = Browser.start(port, Language.ENGLISH);
        browser.signIn(t.requester(), PASSWORD).open("/vms/" + vmId + "/guest");
        assertThat(browser.find(By.id("guest-agent")).getText()).isEqualTo("Running");
        assertThat(browser.find(By.id("guest-dhcp")).isEnabled()).isTrue();
        browser.markPage();

        simulator.simulator().guestAgents().setRunning(vmId, false);
        browser.waitUntil(d -> "Not running".equals(d.findElement(By.id("guest-agent")).getText()));
        assertThat(browser.find(By.id("guest-dhcp")).isEnabled()).isFalse();
        assertThat(browser.find(By.id("guest-refusal")).getText()).contains("guest agent");

        simulator.simulator().guestAgents().setRunning(vmId, true);
        browser.waitUntil(d -> d.findElement(By.id("guest-dhcp")).isEnabled());

        assertThat(act(t.requester(), vmId, "shutdown", null).getStatusCode().value()).isEqualTo(202);
        browser.waitUntil(d -> "2050".equals(d.findElement(By.id("guest-refusal")).getDomAttribute("data-code")));
        for (String task : List.of("guest-dhcp", "guest-read-ip", "guest-processes", "guest-software", "guest-login",
                "guest-push-file")) {
            assertThat(browser.find(By.id(task)).isEnabled()).as(task).isFalse();
        }
        String why = browser.find(By.id("guest-tasks")).getDomAttribute("title");
        assertThat(why).isNotBlank();
        assertThat(browser.find(By.id("guest-refusal")).getText()).startsWith(why);
        assertThat(browser.stillMarked()).as("the page was not reloaded").isTrue();
    }

    @Test
    void aFileTooLargeToSendIsRefusedInTheReadersLanguageAndTheFormKeepsIt() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        browser = Browser.start(port, Language.CHINESE);
        browser.signIn(t.requester(), PASSWORD).open("/vms/" + vmId + "/guest");
        browser.markPage();

        browser.type(By.id("guest-path"), "/tmp/big.txt");
        browser.script("document.getElementById('guest-content').value = 'x'.repeat(arguments[0]);",
                RequestSizeFilter.MAX_BYTES + 1);
        browser.click(By.id("guest-push-file"));
        assertThat(browser.textWhen(By.cssSelector("#flash [role=alert]"), "请求内容过大")).isEqualTo("请求内容过大。");
        assertThat(browser.script("return document.getElementById('guest-content').value.length;"))
                .isEqualTo(RequestSizeFilter.MAX_BYTES + 1);
        assertThat(browser.find(By.id("guest-path")).getAttribute("value")).isEqualTo("/tmp/big.txt");
        assertThat(browser.stillMarked()).as("the page was not reloaded").isTrue();
    }

    private String header(String column) {
        return browser.find(By.id("sort-processes-" + column)).findElement(By.xpath(".."))
                .getAttribute("aria-sort");
    }
}
