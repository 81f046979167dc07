package io.vsip4x.portal.console;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmSeeder;
import io.vsip4x.portal.vms.VmService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * The console features' tests: a team of a tenant (the VM's owner, a tenant admin, two
 * colleagues, the approver) with one running VM written into the inventory, and console
 * sessions written as the tunnel would write them from another node.
 */
abstract class SharingTestSupport extends PortalTestSupport {

    @Autowired
    ConsoleAccess access;
    @Autowired
    ConsolePeople people;
    @Autowired
    VmService vms;

    private final List<Long> teamTenants = new ArrayList<>();

    /** A tenant's people and its VM; {@code owner} is the tenant's requester. */
    record Team(TestTenant tenant, String vmId, String owner, String admin, String carol, String frank) {

        long tenantId() {
            return tenant.id();
        }
    }

    /** A new tenant with its people and a running VM of the owner's. */
    Team team() {
        TestTenant t = newTenant();
        teamTenants.add(t.id());
        String admin = t.code() + "-admin";
        String carol = t.code() + "-carol";
        String frank = t.code() + "-frank";
        users.create(admin, PASSWORD, "管理员 " + t.code(), t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        users.create(carol, PASSWORD, "卡罗尔 " + t.code(), t.id(), Set.of(Role.USER));
        users.create(frank, PASSWORD, "弗兰克 " + t.code(), t.id(), Set.of(Role.USER));
        String vmId = "vm-" + t.code() + "-c1";
        new VmSeeder(jdbc, t.id()).add(new VmSeeder.Seed(vmId, t.code() + "-web", idOf(t.requester()), 1,
                "pool-prod", "host-1", "tpl-centos7", 0, null, Instant.now()));
        return new Team(t, vmId, t.requester(), admin, carol, frank);
    }

    /** Closes the sessions the test wrote, so that no later test meets them open. */
    @AfterEach
    void closeTheTeamsSessions() {
        if (!teamTenants.isEmpty()) {
            jdbc.sql("""
                    UPDATE console_session SET closed_at = NOW(3), close_reason = 'USER_CLOSED'
                     WHERE tenant_id IN (:ids) AND closed_at IS NULL""")
                    .param("ids", teamTenants).update();
            teamTenants.clear();
        }
    }

    long idOf(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class)
                .single();
    }

    /** The account as the features see the signed-in person. */
    CurrentUser person(String username) {
        return people.findByUsername(username).orElseThrow();
    }

    Vm vm(String vmId) {
        return vms.find(vmId).orElseThrow();
    }

    /** What {@code username} may do with the VM's console now. */
    ConsoleRight rightOf(String username, String vmId) {
        return access.rightOf(person(username), vm(vmId));
    }

    /** Writes an open console of {@code username} on the VM, held by another node. */
    long openConsole(String vmId, long tenantId, String username, boolean viewOnly) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO console_session (vm_id, vm_name, tenant_id, user_id, username, view_only, node,
                                             client_address)
                VALUES (:vmId, :vmName, :tenantId, :userId, :username, :viewOnly, 'node-elsewhere', '127.0.0.9')""")
                .param("vmId", vmId)
                .param("vmName", vm(vmId).name())
                .param("tenantId", tenantId)
                .param("userId", idOf(username))
                .param("username", username)
                .param("viewOnly", viewOnly)
                .update(keys);
        return keys.getKey().longValue();
    }

    /** The session's end_requested and end_requested_by. */
    Map<String, Object> endRequest(long sessionId) {
        return jdbc.sql("SELECT end_requested, end_requested_by FROM console_session WHERE id = :id")
                .param("id", sessionId).query().singleRow();
    }

    /** The params of {@code actor}'s audit events of {@code action} on the VM, oldest first. */
    List<String> audited(String actor, String action, String vmId) {
        return jdbc.sql("""
                SELECT params FROM audit_event
                 WHERE actor = :actor AND action = :action AND target_type = 'VM' AND target = :vmId
                 ORDER BY id""")
                .param("actor", actor).param("action", action).param("vmId", vmId)
                .query(String.class).list();
    }

    /** The texts and links of {@code username}'s notifications of {@code key}. */
    List<Map<String, Object>> notifications(String username, String key) {
        return jdbc.sql("""
                SELECT args, link FROM notification
                 WHERE user_id = :user AND message_key = :key ORDER BY id""")
                .param("user", idOf(username)).param("key", key).query().listOfRows();
    }
}
