package io.vsip4x.portal;

import io.vsip4x.portal.identity.ApiTokens;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.identity.SignInFactors;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.identity.ukey.SignInPolicies;
import io.vsip4x.portal.identity.ukey.UkeyBindings;
import io.vsip4x.portal.platform.EmbeddedSimulator;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.ResourceKind;
import io.vsip4x.portal.tenancy.TenantService;
import io.vsip4x.simulator.ukey.IssuedUkey;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * The base of integration tests: one portal per test JVM on a random port, with its embedded
 * MariaDB in a fresh data folder, the simulator in-process on its own port and short simulated
 * delays. Each test makes its own tenant and accounts, so tests do not share quota.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class PortalTestSupport {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    protected static final String PASSWORD = "test-pass-1";

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        removeOldRuns(Path.of("target", "test-data"));
        registry.add("portal.data-dir", () -> Path.of("target", "test-data", RUN).toString());
    }

    /** Each run leaves ~150 MB of database behind; runs older than an hour are removed. */
    private static void removeOldRuns(Path root) {
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        try (Stream<Path> runs = Files.exists(root) ? Files.list(root) : Stream.empty()) {
            runs.filter(run -> {
                try {
                    return Files.getLastModifiedTime(run).toInstant().isBefore(hourAgo);
                } catch (IOException e) {
                    return false;
                }
            }).forEach(PortalTestSupport::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected TenantService tenants;
    @Autowired
    protected UserService users;
    @Autowired
    protected JdbcClient jdbc;
    @Autowired
    protected EmbeddedSimulator simulator;
    @Autowired
    protected ApiTokens apiTokens;
    @Autowired
    private SignInPolicies signInPolicies;
    @Autowired
    private PasswordEncoder passwordEncoder;
    @Autowired
    protected UkeyBindings ukeyBindings;

    /** The API tokens {@link #apiToken} made, by port and username. */
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    /** The test people's UKEYs, per simulator and username. */
    private static final Map<String, IssuedUkey> UKEYS = new ConcurrentHashMap<>();

    /** The test clients' password sign-ins complete the UKEY step with {@link #ukeyFor}. */
    @BeforeEach
    void installTestUkeys() {
        TestUkeys.install(this::ukeyFor);
    }

    /**
     * The UKEY of {@code username}, issued by the embedded simulator on first use (certificate user
     * the username, sid {@code T-username}, platform user {@code tpu-username}, the account's display
     * name) and bound to the account; the same key afterwards.
     */
    protected IssuedUkey ukeyFor(String username) {
        return UKEYS.computeIfAbsent(System.identityHashCode(simulator.simulator()) + "/" + username, k -> {
            var account = jdbc.sql("SELECT id, display_name FROM app_user WHERE username = :username")
                    .param("username", username)
                    .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2))).optional()
                    .orElseThrow(() -> new AssertionError("No account " + username + " for a UKEY"));
            IssuedUkey key = simulator.simulator().issueUkey(username, "T-" + username, "tpu-" + username,
                    account.getValue());
            if (ukeyBindings.active(key.sid()).isEmpty()) {
                ukeyBindings.bind(account.getKey(), key.sid(), key.certUser(), key.userId(), "test", null);
            }
            return key;
        });
    }

    /** A tenant of the test's own, open to every demo resource, with a requester and an approver. */
    protected record TestTenant(long id, String code, String requester, String approver) {
    }

    /** The tenants this test made, whose VMs are discarded after it. */
    private final List<Long> madeTenants = new ArrayList<>();

    /**
     * Frees the simulator's shared hosts after each test: every VM of the tenants the test made
     * that is still on the platform is discarded there (no events), and ends deleted in the
     * portal with its open operations failed, so that later tests and reconciliations meet none.
     */
    @AfterEach
    void discardTheTenantsVms() {
        if (madeTenants.isEmpty()) {
            return;
        }
        List<String> vmIds = jdbc.sql("SELECT vm_id FROM vm WHERE tenant_id IN (:ids)")
                .param("ids", madeTenants).query(String.class).list();
        vmIds.forEach(simulator.simulator()::discard);
        if (!vmIds.isEmpty()) {
            jdbc.sql("""
                    UPDATE operation SET state = 'FAILED', result_info = 'discarded after the test',
                                         completed_at = NOW(3), updated_at = NOW(3)
                     WHERE vm_id IN (:vmIds) AND state IN ('QUEUED', 'SENDING', 'SENT')""")
                    .param("vmIds", vmIds).update();
            jdbc.sql("UPDATE vm SET lifecycle = 'DELETED' WHERE vm_id IN (:vmIds) AND lifecycle <> 'FAILED'")
                    .param("vmIds", vmIds).update();
        }
        madeTenants.clear();
    }

    protected TestTenant newTenant(Quota quota) {
        String code = "t" + RUN.substring(0, 4) + SEQUENCE.incrementAndGet();
        long id = tenants.create(code, "测试部门 " + code, quota);
        madeTenants.add(id);
        for (String t : new String[] {"tpl-centos7", "tpl-kylin10", "tpl-win2019"}) {
            tenants.grant(id, ResourceKind.TEMPLATE, t);
        }
        tenants.grant(id, ResourceKind.POOL, "pool-prod");
        tenants.grant(id, ResourceKind.POOL, "pool-test");
        tenants.grant(id, ResourceKind.NETWORK, "vnet-office");
        tenants.grant(id, ResourceKind.NETWORK, "vnet-dmz");
        users.create(code + "-user", PASSWORD, "用户 " + code, id, Set.of(Role.USER));
        users.create(code + "-approver", PASSWORD, "审批人 " + code, id, Set.of(Role.USER, Role.APPROVER));
        return new TestTenant(id, code, code + "-user", code + "-approver");
    }

    protected TestTenant newTenant() {
        return newTenant(new Quota(32, 64 * 1024, 1000, 10));
    }

    /**
     * Everyone of tenant {@code t}'s world but a platform admin: its requester and approver, a tenant admin
     * of it, and a security admin and an auditor, each of its own.
     */
    protected record OtherRoles(String requester, String approver, String tenantAdmin, String security,
            String auditor) {

        /** All of them, in that order. */
        public List<String> all() {
            return List.of(requester, approver, tenantAdmin, security, auditor);
        }
    }

    /** A new platform admin named {@code prefix}, a dash and a random suffix. */
    protected String newPlatformAdmin(String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.create(name, PASSWORD, "运维 " + name, null, Set.of(Role.PLATFORM_ADMIN));
        return name;
    }

    /** How many audit events of {@code action} on {@code target} ended in {@code result}. */
    protected int auditCount(String action, String target, String result) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM audit_event WHERE action = :action AND target = :target AND result = :result""")
                .param("action", action).param("target", target).param("result", result)
                .query(Integer.class).single();
    }

    /** A page session (in English) signed in as {@code username}. */
    protected PageClient signedInPages(String username) {
        PageClient client = new PageClient(port, "en");
        client.signIn(username, PASSWORD);
        return client;
    }

    /** Makes {@code t}'s tenant admin, a security admin and an auditor ({@link OtherRoles}). */
    protected OtherRoles otherRoles(TestTenant t) {
        String tenantAdmin = t.code() + "-tadmin";
        users.create(tenantAdmin, PASSWORD, "部门管理员 " + t.code(), t.id(),
                Set.of(Role.USER, Role.TENANT_ADMIN));
        String security = t.code() + "-sec";
        users.create(security, PASSWORD, "安全员 " + t.code(), null, Set.of(Role.SECURITY_ADMIN));
        String auditor = t.code() + "-aud";
        users.create(auditor, PASSWORD, "审计员 " + t.code(), null, Set.of(Role.AUDITOR));
        return new OtherRoles(t.requester(), t.approver(), tenantAdmin, security, auditor);
    }

    /**
     * A JSON client of the API signed in as {@code username} ({@link #apiAuthorization}); answers are
     * never thrown.
     */
    protected RestClient api(String username) {
        String authorization = apiAuthorization(username, PASSWORD);
        return RestClient.builder()
                .baseUrl("http://127.0.0.1:" + port + "/api/v1")
                .defaultHeaders(h -> {
                    h.set(HttpHeaders.AUTHORIZATION, authorization);
                    h.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
                    h.set(HttpHeaders.ACCEPT_LANGUAGE, "en");
                })
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    /**
     * How {@code username} signs in to the API with {@code password}, as a person would: HTTP Basic,
     * or, when the account's sign-in policy needs a UKEY (Basic is refused then) and the password is
     * the account's, a personal API token of theirs ({@link #apiToken}).
     */
    protected String apiAuthorization(String username, String password) {
        Optional<String> hash = jdbc.sql("SELECT password_hash FROM app_user WHERE username = :u")
                .param("u", username).query(String.class).optional();
        boolean right = password != null && hash.isPresent() && passwordEncoder.matches(password, hash.get());
        if (right && needsUkey(username)) {
            return "Bearer " + apiToken(username);
        }
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the sign-in policy of the account {@code username} needs a UKEY. */
    protected boolean needsUkey(String username) {
        long id = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username)
                .query(Long.class).single();
        return signInPolicies.ofAccount(id).method().needsUkey();
    }

    /**
     * A working API token of {@code username}, made through the service the first time it is asked
     * for (in this portal) and the same afterwards. It is made as from a session signed in with the
     * password and the person's UKEY ({@link #ukeyFactors}), so it does for every sign-in policy.
     */
    protected String apiToken(String username) {
        return TOKENS.computeIfAbsent(port + ":" + username, key -> {
            long id = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username)
                    .query(Long.class).single();
            return apiTokens.create(id, "tests", ApiTokens.MAX_DAYS, ukeyFactors(username)).secret();
        });
    }

    /**
     * The factors of a session of {@code username} signed in with the password and their UKEY
     * ({@link #ukeyFor}, issued and bound on first use): what an API token needs for any policy.
     */
    protected SignInFactors ukeyFactors(String username) {
        IssuedUkey key = ukeyFor(username);
        return SignInFactors.both(ukeyBindings.active(key.sid()).orElseThrow().id());
    }

    protected static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST =
            new ParameterizedTypeReference<>() {
            };

    protected Map<String, Object> get(String user, String path) {
        return api(user).get().uri(path).retrieve().body(JSON);
    }

    protected List<Map<String, Object>> getList(String user, String path) {
        return api(user).get().uri(path).retrieve().body(JSON_LIST);
    }

    protected ResponseEntity<Map<String, Object>> post(String user, String path, Object body) {
        RestClient.RequestBodySpec spec = api(user).post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (body != null) {
            spec.body(body);
        }
        return spec.retrieve().toEntity(JSON);
    }

    protected int status(String user, String path) {
        return api(user).get().uri(path).retrieve().toBodilessEntity().getStatusCode().value();
    }

    protected Map<String, Object> request(String user, long id) {
        return get(user, "/requests/" + id);
    }

    protected Map<String, Object> vm(String user, String vmId) {
        return get(user, "/vms/" + vmId);
    }

    protected long submit(String user, Map<String, Object> body) {
        ResponseEntity<Map<String, Object>> created = post(user, "/requests", body);
        assertThat(created.getStatusCode().value()).as("submit answer %s", created.getBody()).isEqualTo(201);
        return ((Number) created.getBody().get("id")).longValue();
    }

    /** A request body for one small CentOS VM in the production pool. */
    protected static Map<String, Object> smallRequest(int count) {
        return Map.of("templateId", "tpl-centos7", "repoName", "pool-prod", "cpu", 2, "memoryMb", 2048,
                "diskGb", 40, "count", count, "network", "vnet-office", "reason", "集成测试");
    }

    /** The VMs of one page of the VM list ({@code path} is {@code /vms} with its query): the answer's items. */
    @SuppressWarnings("unchecked")
    protected List<Map<String, Object>> vmItems(String user, String path) {
        Map<String, Object> page = get(user, path);
        assertThat(page).as("VM list answer of %s", path).containsKey("items");
        return (List<Map<String, Object>>) page.get("items");
    }
}
