package io.vsip4x.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the benchmark's data straight into the portal's database with batched inserts: tenants
 * with their grants and one-level approval chains, a few accounts (password {@code demo1234}, the
 * demo accounts' hash), and the big tenant's VMs with varied names, statuses, hosts, pools, owners
 * and addresses. The portal reads them as it reads its own.
 */
final class Seeder {

    /** The tenant of the many VMs, and its tenant admin who sees them all. */
    static final String BIG_TENANT = "bench";
    static final String BIG_ADMIN = "bench-admin";
    /** The tenant of the pipeline, its requester and its approver. */
    static final String PIPE_TENANT = "pipe";
    static final String PIPE_USER = "pipe-user";
    static final String PIPE_APPROVER = "pipe-approver";
    static final String PASSWORD = "demo1234";
    static final int OWNERS = 5;

    private static final String[] ROLES = {"web", "app", "db", "cache", "mq", "ci", "etl", "api", "batch", "mon"};
    private static final String[] ENVS = {"prod", "test", "dev", "uat"};
    private static final int BATCH = 1000;

    /** What was seeded that the measurements use: the ids of the big tenant's running VMs. */
    record Seeded(List<String> runningVmIds) {
    }

    private Seeder() {
    }

    static Seeded seed(Connection db, int tenants, int vms) throws SQLException {
        db.setAutoCommit(false);
        String hash = demoHash(db);
        long big = tenant(db, BIG_TENANT, "基准测试部", true);
        long pipe = tenant(db, PIPE_TENANT, "流水线测试部", true);
        for (int i = 3; i <= tenants; i++) {
            tenant(db, String.format("dept-%03d", i), String.format("部门 %03d", i), false);
        }
        user(db, BIG_ADMIN, hash, big, "USER", "APPROVER", "TENANT_ADMIN");
        List<Long> owners = new ArrayList<>();
        owners.add(userId(db, BIG_ADMIN));
        for (int i = 1; i <= OWNERS; i++) {
            owners.add(user(db, "bench-owner-" + i, hash, big, "USER"));
        }
        user(db, PIPE_USER, hash, pipe, "USER");
        user(db, PIPE_APPROVER, hash, pipe, "USER", "APPROVER", "TENANT_ADMIN");
        List<String> running = insertVms(db, big, owners, vms);
        db.commit();
        db.setAutoCommit(true);
        return new Seeded(running);
    }

    /** The demo accounts' password hash ({@code demo1234}), so the benchmark needs no hashing of its own. */
    private static String demoHash(Connection db) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("SELECT password_hash FROM app_user WHERE username = 'alice'");
                ResultSet rs = st.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("The portal has no demo account 'alice'; the benchmark needs the "
                        + "demo data (portal.demo.enabled=true, a fresh data folder)");
            }
            return rs.getString(1);
        }
    }

    private static long tenant(Connection db, String code, String name, boolean large) throws SQLException {
        long id;
        try (PreparedStatement st = db.prepareStatement("""
                INSERT INTO tenant (code, name, quota_cpu, quota_memory_mb, quota_disk_gb, quota_vms,
                    quota_data_disk_gb, quota_snapshots, quota_backups, classification_ceiling)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)""", PreparedStatement.RETURN_GENERATED_KEYS)) {
            st.setString(1, code);
            st.setString(2, name);
            st.setInt(3, large ? 1_000_000 : 64);
            st.setLong(4, large ? 1_000_000_000L : 131_072);
            st.setLong(5, large ? 100_000_000L : 2048);
            st.setInt(6, large ? 1_000_000 : 20);
            st.setLong(7, 1024);
            st.setInt(8, 40);
            st.setInt(9, 20);
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement grant = db.prepareStatement(
                "INSERT INTO tenant_resource (tenant_id, kind, resource_id) VALUES (?, ?, ?)")) {
            String[][] grants = {{"TEMPLATE", "tpl-centos7"}, {"TEMPLATE", "tpl-win2019"}, {"POOL", "pool-prod"},
                {"POOL", "pool-test"}, {"NETWORK", "vnet-office"}};
            for (String[] g : grants) {
                grant.setLong(1, id);
                grant.setString(2, g[0]);
                grant.setString(3, g[1]);
                grant.addBatch();
            }
            grant.executeBatch();
        }
        try (PreparedStatement level = db.prepareStatement("""
                INSERT INTO approval_level (tenant_id, level_no, approver_role, mode)
                VALUES (?, 1, 'APPROVER', 'ANY')""")) {
            level.setLong(1, id);
            level.executeUpdate();
        }
        return id;
    }

    private static long user(Connection db, String username, String hash, long tenant, String... roles)
            throws SQLException {
        try (PreparedStatement st = db.prepareStatement("""
                INSERT INTO app_user (username, password_hash, display_name, tenant_id) VALUES (?, ?, ?, ?)""")) {
            st.setString(1, username);
            st.setString(2, hash);
            st.setString(3, username);
            st.setLong(4, tenant);
            st.executeUpdate();
        }
        long id = userId(db, username);
        try (PreparedStatement st = db.prepareStatement("INSERT INTO user_role (user_id, role) VALUES (?, ?)")) {
            for (String role : roles) {
                st.setLong(1, id);
                st.setString(2, role);
                st.addBatch();
            }
            st.executeBatch();
        }
        return id;
    }

    private static long userId(Connection db, String username) throws SQLException {
        try (PreparedStatement st = db.prepareStatement("SELECT id FROM app_user WHERE username = ?")) {
            st.setString(1, username);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The VMs: 55 % running, 30 % stopped, 10 % paused, 5 % being created; on the four demo hosts
     * of their pool; owned in turn by the tenant admin and the owners; one address each, a second
     * for every fifth.
     *
     * @return the ids of the running ones
     */
    private static List<String> insertVms(Connection db, long tenant, List<Long> owners, int count)
            throws SQLException {
        List<String> running = new ArrayList<>();
        try (PreparedStatement st = db.prepareStatement("""
                INSERT INTO vm (vm_id, name, tenant_id, owner_id, template_id, repo_id, cpu, memory_mb, disk_gb,
                    network, ip_addresses, lifecycle, status, host_id, status_seq, classification)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'vnet-office', ?, 'ACTIVE', ?, ?, 0, 0)""")) {
            for (int i = 0; i < count; i++) {
                String id = String.format("bvm-%05d", i);
                int status = status(i);
                boolean prod = i % 3 != 0;
                int host = prod ? 1 + i % 2 : 3 + i % 2;
                String ip = "10.10." + (i / 250) + "." + (i % 250 + 2);
                if (i % 5 == 0) {
                    ip += ",172.16.10." + (i % 200 + 10);
                }
                st.setString(1, id);
                st.setString(2, ROLES[i % ROLES.length] + "-" + ENVS[(i / 10) % ENVS.length] + "-" + (i / 40));
                st.setLong(3, tenant);
                st.setLong(4, owners.get(i % owners.size()));
                st.setString(5, i % 4 == 0 ? "tpl-win2019" : "tpl-centos7");
                st.setString(6, prod ? "pool-prod" : "pool-test");
                st.setInt(7, 1 << (i % 4));
                st.setLong(8, 1024L << (i % 4));
                st.setLong(9, 40 + 20 * (i % 5));
                st.setString(10, ip);
                st.setInt(11, status);
                st.setString(12, "host-0" + host);
                st.addBatch();
                if (status == 1) {
                    running.add(id);
                }
                if ((i + 1) % BATCH == 0) {
                    st.executeBatch();
                }
            }
            st.executeBatch();
        }
        return running;
    }

    private static int status(int i) {
        int r = (i * 7) % 20;
        if (r < 11) {
            return 1;
        } else if (r < 17) {
            return 0;
        } else if (r < 19) {
            return 4;
        }
        return 6;
    }
}
