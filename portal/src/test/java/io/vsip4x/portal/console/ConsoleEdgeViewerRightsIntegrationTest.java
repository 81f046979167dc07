package io.vsip4x.portal.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.vms.Vm;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Auditors and approvers see consoles only when {@code portal.console.viewers-view-only} is on, and
 * then only view-only: a tenant's auditor or approver for that tenant's VMs, a platform-wide auditor
 * for every tenant's. Platform admins get an interactive console only with
 * {@code portal.console.platform-admins}. The rule is built with the context's database and clock
 * and settings that differ from the context's only in these switches.
 */
class ConsoleEdgeViewerRightsIntegrationTest extends ConsoleEdgeSupport {

    private static final ConsoleRight VIEWER = new ConsoleRight(ConsoleMode.VIEW_ONLY, "VIEWER");
    private static final ConsoleRight PLATFORM_ADMIN = new ConsoleRight(ConsoleMode.INTERACTIVE, "PLATFORM_ADMIN");

    private Vm vm;
    private CurrentUser auditor;
    private CurrentUser approver;
    private CurrentUser platformAuditor;
    private CurrentUser otherAuditor;
    private CurrentUser otherApprover;
    private CurrentUser platformAdmin;

    @BeforeEach
    void peopleAndAVm() {
        TestTenant t = newTenant();
        TestTenant other = newTenant();
        vm = vmService.find(runningVm(t)).orElseThrow();
        auditor = person(t.code() + "-auditor", t, Role.AUDITOR);
        approver = person(t.approver(), t, Role.USER, Role.APPROVER);
        platformAuditor = person(t.code() + "-pauditor", null, Role.AUDITOR);
        otherAuditor = person(other.code() + "-auditor", other, Role.AUDITOR);
        otherApprover = person(other.approver(), other, Role.USER, Role.APPROVER);
        platformAdmin = person(t.code() + "-padmin", null, Role.PLATFORM_ADMIN);
    }

    @Test
    void withViewersViewOnlyAuditorsAndApproversGetAViewOnlyConsoleOfWhatIsTheirs() {
        ConsoleAccess viewers = new ConsoleAccess(jdbc, withSwitches(false, true), clock);

        assertThat(viewers.rightOf(auditor, vm)).isEqualTo(VIEWER);
        assertThat(viewers.rightOf(approver, vm)).isEqualTo(VIEWER);
        assertThat(viewers.rightOf(platformAuditor, vm)).isEqualTo(VIEWER);
        assertThat(viewers.rightOf(otherAuditor, vm)).isEqualTo(ConsoleRight.NONE);
        assertThat(viewers.rightOf(otherApprover, vm)).isEqualTo(ConsoleRight.NONE);
        assertThat(viewers.rightOf(platformAdmin, vm)).isEqualTo(ConsoleRight.NONE);
    }

    @Test
    void withoutViewersViewOnlyAuditorsAndApproversGetNoConsole() {
        ConsoleAccess off = new ConsoleAccess(jdbc, withSwitches(false, false), clock);

        for (CurrentUser viewer : Set.of(auditor, approver, platformAuditor, otherAuditor, otherApprover)) {
            assertThat(off.rightOf(viewer, vm)).as(viewer.username()).isEqualTo(ConsoleRight.NONE);
        }
    }

    @Test
    void platformAdminsGetAnInteractiveConsoleOnlyWithPlatformAdmins() {
        ConsoleAccess admins = new ConsoleAccess(jdbc, withSwitches(true, false), clock);
        ConsoleAccess both = new ConsoleAccess(jdbc, withSwitches(true, true), clock);

        assertThat(admins.rightOf(platformAdmin, vm)).isEqualTo(PLATFORM_ADMIN);
        assertThat(both.rightOf(platformAdmin, vm)).isEqualTo(PLATFORM_ADMIN);
        assertThat(admins.rightOf(auditor, vm)).isEqualTo(ConsoleRight.NONE);
        assertThat(admins.rightOf(platformAuditor, vm)).isEqualTo(ConsoleRight.NONE);
        // Both switches on: the viewers stay view-only; nobody but the admin becomes interactive.
        assertThat(both.rightOf(auditor, vm)).isEqualTo(VIEWER);
        assertThat(both.rightOf(approver, vm)).isEqualTo(VIEWER);
        assertThat(both.rightOf(platformAuditor, vm)).isEqualTo(VIEWER);
        assertThat(both.rightOf(otherAuditor, vm)).isEqualTo(ConsoleRight.NONE);
    }

    @Test
    void theContextsSettingsGiveViewersNoConsole() {
        assertThat(properties.viewersViewOnly()).isFalse();
        assertThat(access.rightOf(auditor, vm)).isEqualTo(ConsoleRight.NONE);
        assertThat(access.rightOf(approver, vm)).isEqualTo(ConsoleRight.NONE);
        assertThat(access.rightOf(platformAuditor, vm)).isEqualTo(ConsoleRight.NONE);
    }

    /** An account of {@code roles} in {@code t} (platform-wide for {@code null}), cleared for the VM. */
    private CurrentUser person(String username, TestTenant t, Role... roles) {
        Long tenantId = t == null ? null : t.id();
        long id = jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class)
                .optional().orElseGet(() -> users.create(username, PASSWORD, username, tenantId, Set.of(roles)));
        return new CurrentUser(id, username, username, tenantId, t == null ? null : t.code(), Set.of(roles),
                vm.classification());
    }
}
