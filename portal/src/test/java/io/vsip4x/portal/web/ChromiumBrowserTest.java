package io.vsip4x.portal.web;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestInstanceFactoryContext;
import org.junit.jupiter.api.extension.TestInstancePreConstructCallback;
import org.slf4j.LoggerFactory;

/**
 * A browser test with one browser per test ({@link AdminBrowserTestSupport}, {@link VmBrowserTestSupport}):
 * skipped without Chromium, before the portal is made (see {@link BrowserFlowTest}), and with a screenshot
 * of what the browser showed when the test fails.
 */
@ExtendWith(ChromiumBrowserTest.Chromium.class)
interface ChromiumBrowserTest {

    /** Where the screenshots go. */
    Path SCREENSHOTS = Path.of("target", "screenshots");

    /** The test's browser, or null when it has none (yet). */
    Browser currentBrowser();

    /** Aborts each test without Chromium; screenshots the browser of a failed test. */
    final class Chromium implements TestInstancePreConstructCallback, AfterTestExecutionCallback {

        @Override
        public void preConstructTestInstance(TestInstanceFactoryContext factory, ExtensionContext context) {
            Browser.assumeInstalled();
        }

        @Override
        public void afterTestExecution(ExtensionContext context) {
            Browser browser = ((ChromiumBrowserTest) context.getRequiredTestInstance()).currentBrowser();
            if (context.getExecutionException().isPresent() && browser != null) {
                Class<?> test = context.getRequiredTestClass();
                Path shot = browser.screenshot(SCREENSHOTS.resolve("failed-" + test.getSimpleName() + "-"
                        + context.getRequiredTestMethod().getName() + ".png"));
                LoggerFactory.getLogger(test).warn("The browser was at {}; screenshot {}", browser.path(), shot);
            }
        }
    }
}
