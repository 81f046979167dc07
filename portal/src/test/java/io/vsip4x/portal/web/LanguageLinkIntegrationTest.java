package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import org.junit.jupiter.api.Test;

/** The header's language link keeps the page's filters and sort, so switching loses nothing chosen. */
class LanguageLinkIntegrationTest extends PortalTestSupport {

    @Test
    void theOtherLanguageLinkKeepsTheQueryAndReplacesOnlyTheLanguage() {
        TestTenant t = newTenant();
        PageClient page = new PageClient(port, "zh-CN");
        page.signIn(t.requester(), PASSWORD);

        String chinese = page.get("/vms?q=web&sort=name").body();
        assertThat(chinese).contains("class=\"lang\" href=\"?q=web&amp;sort=name&amp;lang=en\"");

        String english = page.get("/vms?q=web&lang=en&sort=name").body();
        assertThat(english).contains("class=\"lang\" href=\"?q=web&amp;sort=name&amp;lang=zh_CN\"");

        assertThat(page.get("/vms").body()).contains("class=\"lang\" href=\"?lang=");
    }
}
