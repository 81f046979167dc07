package io.vsip4x.portal.vms;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The spec's state rules of every operation, and who may ask them, without a portal. */
class VmActionTest {

    private static final int[] STATUSES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12};

    @Test
    void eachOperationNeedsItsStatusAndIsRefusedWithTheSpecsCodeOtherwise() {
        assertRule(VmAction.START, Set.of(0), "2049");
        assertRule(VmAction.SHUTDOWN, Set.of(1), "2050");
        assertRule(VmAction.REBOOT, Set.of(1), "2050");
        assertRule(VmAction.PAUSE, Set.of(1), "2050");
        assertRule(VmAction.RESUME, Set.of(4), "2051");
        assertRule(VmAction.DELETE, Set.of(0), "2049");
        assertRule(VmAction.MIGRATE, Set.of(0, 1), "2052");
        assertRule(VmAction.MOVE, Set.of(0), "2049");
        for (int status : STATUSES) {
            assertThat(VmAction.RESYNC.refusal(VmLifecycle.ACTIVE, status, true)).as("resync in %s", status).isNull();
        }
    }

    @Test
    void aBusyOrNotYetCreatedOrDeletingVmRefusesEverythingWith2052() {
        for (VmAction action : VmAction.values()) {
            if (action != VmAction.RESYNC) {
                assertThat(action.refusal(VmLifecycle.ACTIVE, action == VmAction.RESUME ? 4 : 0, true))
                        .isEqualTo(new VmAction.Refusal("2052", "vm.op.refused.busy"));
                assertThat(action.refusal(VmLifecycle.DELETING, 0, false).code()).isEqualTo("2052");
            }
            assertThat(action.refusal(VmLifecycle.PENDING, null, false))
                    .isEqualTo(new VmAction.Refusal("2052", "vm.op.refused.lifecycle.PENDING"));
            assertThat(action.refusal(VmLifecycle.FAILED, null, false).code()).isEqualTo("2052");
        }
        assertThat(VmAction.RESYNC.refusal(VmLifecycle.DELETING, 11, true)).isNull();
    }

    @Test
    void ownersAndTenantAdminsOperateTheirTenantsVmsApproversDoNotPlatformAdminsDoAll() {
        Vm vm = vm(7L, 42L);
        CurrentUser owner = user(42L, 7L, Role.USER);
        CurrentUser colleague = user(43L, 7L, Role.USER);
        CurrentUser approver = user(44L, 7L, Role.USER, Role.APPROVER);
        CurrentUser tenantAdmin = user(45L, 7L, Role.USER, Role.TENANT_ADMIN);
        CurrentUser otherAdmin = user(46L, 8L, Role.USER, Role.TENANT_ADMIN);
        CurrentUser platformAdmin = new CurrentUser(47L, "ops", "ops", null, null, Set.of(Role.PLATFORM_ADMIN), 0);
        for (VmAction action : VmAction.values()) {
            boolean everyone = !action.adminOnly();
            assertThat(action.permitted(owner, vm)).as("owner %s", action).isEqualTo(everyone);
            assertThat(action.permitted(tenantAdmin, vm)).as("tenant admin %s", action).isEqualTo(everyone);
            assertThat(action.permitted(colleague, vm)).isFalse();
            assertThat(action.permitted(approver, vm)).isFalse();
            assertThat(action.permitted(otherAdmin, vm)).isFalse();
            assertThat(action.permitted(platformAdmin, vm)).isTrue();
        }
        assertThat(VmAction.MIGRATE.adminOnly()).isTrue();
        assertThat(VmAction.MOVE.adminOnly()).isTrue();
        assertThat(VmAction.fromPath("resync")).isEqualTo(VmAction.RESYNC);
        assertThat(VmAction.fromPath("RESYNC")).isNull();
    }

    private static void assertRule(VmAction action, Set<Integer> allowed, String code) {
        for (int status : STATUSES) {
            VmAction.Refusal refusal = action.refusal(VmLifecycle.ACTIVE, status, false);
            boolean transitional = VmService.transitional(status);
            if (allowed.contains(status)) {
                assertThat(refusal).as("%s in %s", action, status).isNull();
            } else {
                assertThat(refusal).as("%s in %s", action, status).isNotNull();
                assertThat(refusal.code()).as("%s in %s", action, status).isEqualTo(transitional ? "2052" : code);
            }
        }
    }

    private static CurrentUser user(long id, long tenantId, Role... roles) {
        return new CurrentUser(id, "u" + id, "u" + id, tenantId, "t" + tenantId, Set.of(roles), 0);
    }

    private static Vm vm(long tenantId, long ownerId) {
        return new Vm("vm-1", "vm", tenantId, ownerId, "owner", 1L, "tpl", "pool-prod", 2, 2048, 40, "vnet-office",
                VmLifecycle.ACTIVE, 0, "host-01", 1, Instant.now(), Instant.now(), 0, null);
    }
}
