package io.vsip4x.portal.web;

import io.vsip4x.portal.vms.VmOperationsTestSupport;
import org.junit.jupiter.api.AfterEach;

/**
 * What the browser tests of VM pages share: skipped without Chromium, one browser per test that
 * the test starts into {@link #browser} and that is closed afterwards (before the test's VMs are
 * deleted), and a screenshot of what it showed when the test fails.
 */
abstract class VmBrowserTestSupport extends VmOperationsTestSupport implements ChromiumBrowserTest {

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
}
