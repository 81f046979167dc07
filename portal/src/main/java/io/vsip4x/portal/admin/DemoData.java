package io.vsip4x.portal.admin;

import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.identity.ukey.UkeyBindings;
import io.vsip4x.portal.platform.EmbeddedSimulator;
import io.vsip4x.portal.requests.ApprovalChains;
import io.vsip4x.portal.requests.ApprovalLevel;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.ResourceKind;
import io.vsip4x.portal.tenancy.TenantService;
import io.vsip4x.simulator.ukey.IssuedUkey;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo tenants and accounts of the default run, matching the simulator's demo inventory.
 * Written once, into a database that has no tenant yet. The embedded simulator's demo UKEYs are
 * bound to their accounts at every start ({@link #bindDemoUkeys()}).
 */
@Component
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final TenantService tenants;
    private final UserService users;
    private final DemoProperties properties;
    private final ClearanceSettings clearances;
    private final ApprovalChains chains;
    private final ObjectProvider<EmbeddedSimulator> simulator;
    private final UkeyBindings bindings;
    private final JdbcClient jdbc;

    DemoData(TenantService tenants, UserService users, DemoProperties properties, ClearanceSettings clearances,
            ApprovalChains chains, ObjectProvider<EmbeddedSimulator> simulator, UkeyBindings bindings,
            JdbcClient jdbc) {
        this.tenants = tenants;
        this.users = users;
        this.properties = properties;
        this.clearances = clearances;
        this.chains = chains;
        this.simulator = simulator;
        this.bindings = bindings;
        this.jdbc = jdbc;
    }

    /**
     * Binds each demo UKEY of the embedded simulator to the account of its certificate user, unless
     * its key ({@code sid}) has a binding already (active or revoked: a security admin's decision
     * stands) or there is no such account. Runs at every start, so older demo databases get them too.
     *
     * @return how many keys it bound
     */
    @Transactional
    int bindDemoUkeys() {
        EmbeddedSimulator embedded = simulator.getIfAvailable();
        if (embedded == null) {
            return 0;
        }
        int bound = 0;
        for (IssuedUkey key : embedded.simulator().demoUkeys()) {
            if (bindings.latest(key.sid()).isPresent()) {
                continue;
            }
            Long account = jdbc.sql("SELECT id FROM app_user WHERE username = :username")
                    .param("username", key.certUser()).query(Long.class).optional().orElse(null);
            if (account != null) {
                bindings.bind(account, key.sid(), key.certUser(), key.userId(), "demo", null);
                bound++;
            }
        }
        if (bound > 0) {
            log.info("Bound {} demo UKEYs to their accounts", bound);
        }
        return bound;
    }

    /** Seeds the demo data unless some tenant exists already; true when it seeded. */
    @Transactional
    boolean seedOnce() {
        if (tenants.any()) {
            return false;
        }
        long rd = tenants.create("rd", "研发部", new Quota(64, 128 * 1024, 2048, 1024, 20, 40, 20));
        grant(rd, ResourceKind.TEMPLATE, "tpl-centos7", "tpl-kylin10", "tpl-win2019");
        grant(rd, ResourceKind.POOL, "pool-prod", "pool-test");
        grant(rd, ResourceKind.NETWORK, "vnet-office", "vnet-dmz");

        long fin = tenants.create("fin", "财务部", new Quota(16, 32 * 1024, 500, 200, 5, 10, 5));
        grant(fin, ResourceKind.TEMPLATE, "tpl-centos7", "tpl-win2019");
        grant(fin, ResourceKind.POOL, "pool-prod");
        grant(fin, ResourceKind.NETWORK, "vnet-office");

        String pw = properties.password();
        users.create("alice", pw, "李爱丽", rd, Set.of(Role.USER));
        users.create("dave", pw, "戴维", fin, Set.of(Role.USER));
        users.create("bob", pw, "鲍勃", rd, Set.of(Role.USER, Role.APPROVER, Role.TENANT_ADMIN));
        users.create("erin", pw, "艾琳", fin, Set.of(Role.USER, Role.APPROVER, Role.TENANT_ADMIN));
        users.create("paula", pw, "宝拉", null, Set.of(Role.PLATFORM_ADMIN));
        users.create("sam", pw, "萨姆", null, Set.of(Role.SECURITY_ADMIN));
        users.create("audrey", pw, "奥黛丽", null, Set.of(Role.AUDITOR));
        classify(rd);
        seedChains(rd, fin);
        log.info("Seeded the demo tenants rd and fin and their accounts");
        return true;
    }

    /**
     * Classification of the demo: rd may work up to level 2 (the simulator's Kylin template);
     * bob and paula are cleared for it, alice and everybody else stay at 0 and do not see it.
     */
    private void classify(long rd) {
        clearances.setCeiling(rd, 2);
        clearances.setClearance("bob", 2);
        clearances.setClearance("paula", 2);
    }

    /** The demo tenants start with one level, decided by any approver, and no automatic approval. */
    private void seedChains(long... tenantIds) {
        for (long tenant : tenantIds) {
            chains.replaceLevels(tenant, List.of(new ApprovalLevel(1, Role.APPROVER, ApprovalLevel.Mode.ANY,
                    null, null)));
        }
    }

    private void grant(long tenant, ResourceKind kind, String... ids) {
        for (String id : ids) {
            tenants.grant(tenant, kind, id);
        }
    }
}
