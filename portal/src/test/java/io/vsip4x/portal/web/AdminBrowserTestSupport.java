package io.vsip4x.portal.web;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/**
 * What the browser tests of platform admin pages share (as {@link VmBrowserTestSupport} for VM pages):
 * skipped without Chromium, one browser per test that the test starts into {@link #browser} and that is
 * closed afterwards, a screenshot of what it showed when the test fails, and a platform admin of the
 * test's own.
 */
abstract class AdminBrowserTestSupport extends PortalTestSupport implements ChromiumBrowserTest {

    /** The test's browser, started by the test; closed after it. */
    protected Browser browser;

    @Override
    public Browser currentBrowser() {
        return browser;
    }

    @AfterEach
    void quitBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    /** A new platform admin named {@code prefix} and a random suffix, with {@code name} as display name. */
    protected String newPlatformAdmin(String prefix, String name) {
        String login = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        users.create(login, PASSWORD, name == null ? login : name, null, Set.of(Role.PLATFORM_ADMIN));
        return login;
    }
}
