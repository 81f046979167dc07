package io.vsip4x.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The proof's tenant, written straight into the portal's database once the first node has migrated
 * it (the production profile seeds no demo data): tenant {@code proof} with room for many VMs, grants
 * to the demo template, pool and networks, a one-level approval chain; a requester and an approver
 * (tenant admin) with the admin's password; and running VMs that exist in the database only, for the
 * callbacks the test posts itself.
 */
final class ProofData {

    static final String TENANT = "proof";
    static final String USER = "proof-user";
    static final String APPROVER = "proof-approver";
    /** A platform admin who reads the nodes' metrics with HTTP Basic. */
    static final String OPS = "proof-ops";
    static final String TEMPLATE = "tpl-centos7";
    static final String POOL = "pool-prod";

    /** The tenant's id, and its approver's user id. */
    record Seeded(long tenantId, long approverId) {
    }

    private ProofData() {
    }

    static Seeded seed(Connection db) throws SQLException {
        String hash;
        try (PreparedStatement st = db.prepareStatement("SELECT password_hash FROM app_user WHERE username = 'admin'");
                ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("The first node created no admin account");
            }
            hash = rs.getString(1);
        }
        long tenant;
        try (PreparedStatement st = db.prepareStatement("""
                INSERT INTO tenant (code, name, quota_cpu, quota_memory_mb, quota_disk_gb, quota_vms,
                    quota_data_disk_gb, quota_snapshots, quota_backups, classification_ceiling)
                VALUES (?, '集群验证部', 100000, 1000000000, 100000000, 100000, 1024, 40, 20, 0)""",
                PreparedStatement.RETURN_GENERATED_KEYS)) {
            st.setString(1, TENANT);
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                tenant = keys.getLong(1);
            }
        }
        try (PreparedStatement grant = db.prepareStatement(
                "INSERT INTO tenant_resource (tenant_id, kind, resource_id) VALUES (?, ?, ?)")) {
            String[][] grants = {{"TEMPLATE", TEMPLATE}, {"POOL", POOL}, {"NETWORK", "vnet-office"},
                {"NETWORK", "vnet-dmz"}};
            for (String[] g : grants) {
                grant.setLong(1, tenant);
                grant.setString(2, g[0]);
                grant.setString(3, g[1]);
                grant.executeUpdate();
            }
        }
        try (PreparedStatement level = db.prepareStatement(
                "INSERT INTO approval_level (tenant_id, level_no, approver_role, mode) "
                + "VALUES (?, 1, 'APPROVER', 'ANY')")) {
            level.setLong(1, tenant);
            level.executeUpdate();
        }
        user(db, USER, hash, tenant, "USER");
        long approver = user(db, APPROVER, hash, tenant, "USER", "APPROVER", "TENANT_ADMIN");
        user(db, OPS, hash, null, "PLATFORM_ADMIN");
        // The proof reads each node's metrics with HTTP Basic as a platform admin, which the default
        // policy (password and UKEY for platform admins) refuses: here a password is enough.
        try (PreparedStatement st = db.prepareStatement("UPDATE sign_in_policy SET method = 'PASSWORD' "
                + "WHERE scope_type = 'ROLE' AND scope_key = 'PLATFORM_ADMIN'")) {
            st.executeUpdate();
        }
        return new Seeded(tenant, approver);
    }

    private static long user(Connection db, String username, String hash, Long tenant, String... roles)
            throws SQLException {
        long id;
        try (PreparedStatement st = db.prepareStatement("""
                INSERT INTO app_user (username, password_hash, display_name, tenant_id) VALUES (?, ?, ?, ?)""",
                PreparedStatement.RETURN_GENERATED_KEYS)) {
            st.setString(1, username);
            st.setString(2, hash);
            st.setString(3, username);
            st.setObject(4, tenant);
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement st = db.prepareStatement("INSERT INTO user_role (user_id, role) VALUES (?, ?)")) {
            for (String role : roles) {
                st.setLong(1, id);
                st.setString(2, role);
                st.executeUpdate();
            }
        }
        return id;
    }

    /** {@code count} running VMs of the tenant, named {@code prefix-N}, known to the database only. */
    static List<String> runningVms(Connection db, Seeded seeded, String prefix, int count) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("""
                INSERT INTO vm (vm_id, name, tenant_id, owner_id, template_id, repo_id, cpu, memory_mb, disk_gb,
                    network, lifecycle, status, host_id, status_seq, classification)
                VALUES (?, ?, ?, ?, 'tpl-centos7', 'pool-prod', 1, 1024, 40, 'vnet-office', 'ACTIVE', 1, 'host-01',
                    0, 0)""")) {
            for (int i = 1; i <= count; i++) {
                String id = prefix + "-" + i;
                st.setString(1, id);
                st.setString(2, id);
                st.setLong(3, seeded.tenantId());
                st.setLong(4, seeded.approverId());
                st.executeUpdate();
                ids.add(id);
            }
        }
        return ids;
    }

    /** The first column of the first row of {@code sql}, as a long. */
    static long count(Connection db, String sql) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first column of every row of {@code sql}, as longs. */
    static List<Long> ids(Connection db, String sql) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** The first column of the first row of {@code sql}, as text. */
    static String string(Connection db, String sql) throws SQLException {
        try (PreparedStatement st = db.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }
}
