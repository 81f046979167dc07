package io.vsip4x.portal.web;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the browser tests of platform admin pages share (as {@link VmBrowserTestSupport} for VM pages):
 * skipped without Chromium, one browser per test that the test starts into {@link #browser} and that is
 * closed afterwards, a screenshot of what it showed when the test fails, and a platform admin of the
 * test's own.
 */
abstract class AdminBrowserTestSupport extends PortalTestSupport {

    /** Where the screenshots go. */
    protected static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Without Chromium each test is aborted before the portal is made (see {@link BrowserFlowTest}). */
    @RegisterExtension
    static final TestInstancePreConstructCallback CHROMIUM_INSTALLED = (factory, context) -> Browser.assumeInstalled();

    private final Logger log = LoggerFactory.getLogger(getClass());

    /** The test's browser, started by the test; closed after it. */
    protected Browser browser;

    /** When the test fails, what the browser showed. */
    @RegisterExtension
    final AfterTestExecutionCallback failureScreenshot = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            Path shot = browser.screenshot(SCREENSHOTS.resolve("failed-" + getClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName() + ".png"));
            log.warn("The browser was at {}; screenshot {}", browser.path(), shot);
        }
    };

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
