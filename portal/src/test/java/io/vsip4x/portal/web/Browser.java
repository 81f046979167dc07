package io.vsip4x.portal.web;

import io.vsip4x.portal.TestUkeys;
import io.vsip4x.simulator.ukey.IssuedUkey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium session (Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}),
 * with a profile of its own, pointed at the portal on loopback. The driver and browser paths are
 * given explicitly, so Selenium Manager never runs. Chromium's own calls home are switched off or
 * sent to a closed loopback port, and no host name resolves but loopback's, so the browser talks
 * to nothing but the portal under test (checked with a net log: what remains is Chromium's IPv6
 * reachability check, a UDP {@code connect()} that looks up a route and sends no packet).
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration PATIENCE = Duration.ofSeconds(20);
    /** A closed port on loopback (discard), for the Google services Chromium would otherwise call. */
    private static final String NOWHERE = "http://127.0.0.1:9";

    /** Chinese (the portal's default) and English, as the browser's preferred languages. */
    enum Language {
        CHINESE("zh-CN", "zh-CN,zh"), ENGLISH("en-US", "en-US,en");

        final String ui;
        final String acceptLanguages;

        Language(String ui, String acceptLanguages) {
            this.ui = ui;
            this.acceptLanguages = acceptLanguages;
        }
    }

    /**
     * Skips the calling tests, loudly, when Chromium or its driver is missing: the reason goes
     * to the test report and to standard error, so a CI log shows the browser test did not run.
     */
    static void assumeInstalled() {
        check(CHROMIUM, "Chromium");
        check(CHROMEDRIVER, "ChromeDriver");
    }

    private static void check(Path path, String what) {
        if (!Files.isExecutable(path)) {
            String message = "SKIPPED: no " + what + " at " + path + " — the browser test did not run";
            System.err.println(message);
            System.err.flush();
            Assumptions.abort(message);
        }
    }

    private final String baseUrl;
    private final Path profile;
    private final ChromeDriver driver;

    private Browser(String baseUrl, Path profile, ChromeDriver driver) {
        this.baseUrl = baseUrl;
        this.profile = profile;
        this.driver = driver;
    }

    /** Starts a fresh browser for the portal at {@code http://127.0.0.1:port}. */
    static Browser start(int port, Language language) {
        Path profile;
        try {
            profile = Files.createTempDirectory("portal-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--no-default-browser-check", "--disable-default-apps",
                "--disable-extensions", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
                "--disable-features=NetworkTimeServiceQuerying,PasswordLeakDetection,OptimizationHints,Translate,"
                        + "MediaRouter,AutofillServerCommunication",
                // Services Chromium calls on its own even so (Google sign-in, the component updater): on a
                // closed loopback port instead.
                "--gaia-url=" + NOWHERE, "--component-updater=url-source=" + NOWHERE + "/",
                // And should anything else try: no proxy, and no host name resolves but loopback's.
                "--no-proxy-server", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
                "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=" + language.ui);
        options.setExperimentalOption("prefs", Map.of(
                "intl.accept_languages", language.acceptLanguages,
                // No password manager (and so no leak check of the test password), no spelling service.
                "credentials_enable_service", false,
                "profile.password_manager_enabled", false,
                "profile.password_manager_leak_detection", false,
                "browser.enable_spellchecking", false,
                "signin.allowed", false,
                // Debian's default search engine makes the first tab load its start page: use none.
                "default_search_provider_data", Map.of("template_url_data", Map.of(
                        "short_name", "none", "keyword", "none",
                        "url", NOWHERE + "/?q={searchTerms}", "new_tab_url", "about:blank"))));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        try {
            return new Browser("http://127.0.0.1:" + port, profile, new ChromeDriver(service, options));
        } catch (RuntimeException e) {
            service.stop();
            delete(profile);
            throw e;
        }
    }

    WebDriver driver() {
        return driver;
    }

    /** Opens {@code path} of the portal and waits until the page has loaded. */
    Browser open(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    String path() {
        return driver.getCurrentUrl().substring(baseUrl.length());
    }

    /**
     * Signs in on the sign-in page and waits until the portal shows its header. When the account
     * also needs its UKEY, completes the second step on the page: the key whose certificate user
     * is {@code username} in the software middleware, and its PIN.
     */
    Browser signIn(String username, String password) {
        open("/login");
        type(By.id("username"), username);
        type(By.id("password"), password);
        driver.findElement(By.id("sign-in")).click();
        waitUntil(ExpectedConditions.or(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")),
                ExpectedConditions.presenceOfElementLocated(By.id("second-factor-page"))));
        if (!driver.findElements(By.id("second-factor-page")).isEmpty()) {
            // The key is issued and bound on first use, maybe after the page listed the keys.
            TestUkeys.forUser(username);
            waitUntil(d -> !"loading".equals(d.findElement(By.id("ukey-panel")).getDomAttribute("data-keys")));
            if (driver.findElements(ukeyOf(username)).isEmpty()) {
                click(By.id("ukey-refresh"));
            }
            signWithUkey(username);
        }
        return this;
    }

    /** Signs in on the sign-in page's UKEY tab with the key of {@code username}, and waits for the header. */
    Browser signInWithUkey(String username) {
        open("/login");
        driver.findElement(By.id("tab-ukey")).click();
        signWithUkey(username);
        return this;
    }

    private void signWithUkey(String username) {
        chooseUkey(username);
        type(By.id("ukey-pin"), IssuedUkey.DEMO_PIN);
        driver.findElement(By.id("ukey-sign-in")).click();
        waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("header.topbar")));
    }

    /** Waits until the UKEY chooser lists the key whose certificate user is {@code certUser}, and chooses it. */
    void chooseUkey(String certUser) {
        By option = ukeyOf(certUser);
        waitUntil(ExpectedConditions.presenceOfElementLocated(option));
        String sid = driver.findElement(option).getDomAttribute("value");
        new Select(driver.findElement(By.id("ukey-key"))).selectByValue(sid);
    }

    private static By ukeyOf(String certUser) {
        return By.cssSelector("#ukey-key option[data-cert-user='" + certUser + "']");
    }

    /**
     * Makes the browser fail every request to URLs matching {@code patterns} ({@code *} wildcards)
     * as if nothing listened there, for this page and the next ones.
     */
    void block(String... patterns) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of(patterns)));
    }

    /** Signs out with the header's button and waits for the sign-in page. */
    Browser signOut() {
        driver.findElement(By.cssSelector("header.topbar form[action$='/logout'] button")).click();
        waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
        return this;
    }

    void type(By field, String text) {
        WebElement element = driver.findElement(field);
        element.clear();
        element.sendKeys(text);
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /** Waits up to {@link #PATIENCE} for {@code condition}, retrying while htmx swaps elements away. */
    <T> T waitUntil(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /**
     * What {@code reading} reads from the page once {@code holds} is true of it, read again (from
     * elements found afresh) until then: a live update may re-render the section between finding an
     * element and reading its text or attributes, so both happen inside the wait. Waits up to
     * {@link #PATIENCE}; a reading of {@code null} does not hold. (The reading is wrapped while waiting:
     * the wait would take a reading of {@code false} for "not yet".)
     */
    <T> T readWhen(Function<? super WebDriver, T> reading, Predicate<? super T> holds) {
        return waitUntil(d -> {
            T value = reading.apply(d);
            return value != null && holds.test(value) ? Optional.of(value) : null;
        }).get();
    }

    /** {@link #readWhen} for a string (so that it can go straight into an assertion). */
    String stringWhen(Function<? super WebDriver, String> reading, Predicate<String> holds) {
        return readWhen(reading, holds);
    }

    /** The text of the first displayed element {@code by} finds once it contains every part. */
    String textWhen(By by, String... parts) {
        return readWhen(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst()
                .map(WebElement::getText).orElse(null), text -> Stream.of(parts).allMatch(text::contains));
    }

    /** Clicks what {@code by} finds, finding it again if htmx replaced it meanwhile. */
    void click(By by) {
        waitUntil(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    /** Waits for the page's confirmation dialog, accepts it, and returns its text. */
    String acceptConfirmation() {
        org.openqa.selenium.Alert alert = waitUntil(ExpectedConditions.alertIsPresent());
        String text = alert.getText();
        alert.accept();
        return text;
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * Puts a marker into the current page's window: a page that is reloaded or left loses it, so
     * finding it later proves that what changed on the page came without a reload.
     */
    void markPage() {
        script("window.__portalTestMarker = 'still-here';");
    }

    boolean stillMarked() {
        return "still-here".equals(script("return window.__portalTestMarker || null;"));
    }

    /**
     * Waits until every htmx server-sent event stream of the page (the page's own and the top
     * bar's inbox badge) is open, so no live update is missed. Reads where the htmx 2 SSE
     * extension keeps its {@code EventSource} (the element's internal data).
     */
    void awaitLiveStream() {
        waitUntil(d -> Boolean.TRUE.equals(script(
                "var all = Array.from(document.querySelectorAll('[sse-connect]'));"
                        + "return all.length > 0 && all.every(function (el) {"
                        + "  var data = el['htmx-internal-data'];"
                        + "  return !!(data && data.sseEventSource && data.sseEventSource.readyState === 1); });")));
    }

    /** Saves a PNG of the viewport to {@code file}, making its folder. */
    Path screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String pageSource() {
        return driver.getPageSource();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary profile left behind does no harm.
        }
    }

    /** The ids of elements matching {@code css}, in page order. */
    List<String> ids(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(e -> e.getDomAttribute("id")).toList();
    }
}
