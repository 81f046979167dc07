package io.vsip4x.portal.admin;

import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.requests.ApprovalChains;
import io.vsip4x.portal.requests.ApprovalLevel;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.ResourceKind;
import io.vsip4x.portal.tenancy.TenantService;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo tenants and accounts of the default run, matching the simulator's demo inventory.
 * Written once, into a database that has no tenant yet.
 */
@Component
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final TenantService tenants;
    private final UserService users;
    private final DemoProperties properties;
    private final ClearanceSettings clearances;
    private final ApprovalChains chains;

    DemoData(TenantService tenants, UserService users, DemoProperties properties, ClearanceSettings clearances,
            ApprovalChains chains) {
        this.tenants = tenants;
        this.users = users;
        this.properties = properties;
        this.clearances = clearances;
        this.chains = chains;
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
