package io.vsip4x.portal.admin;

import io.vsip4x.portal.audit.AuditService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Classification (密级) settings: the clearance of an account and the ceiling of a tenant. An
 * account's new clearance applies from its next sign-in.
 */
@Service
public class ClearanceSettings {

    private final JdbcClient jdbc;
    private final AuditService audit;

    ClearanceSettings(JdbcClient jdbc, AuditService audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /**
     * Sets the clearance of account {@code username}.
     *
     * @throws IllegalArgumentException for a negative level or an unknown account
     */
    @Transactional
    public void setClearance(String username, int level) {
        requireLevel(level);
        int changed = jdbc.sql("""
                UPDATE app_user
                   SET clearance = :level, version = version + 1
                 WHERE username = :username""")
                .param("level", level)
                .param("username", username)
                .update();
        if (changed == 0) {
            throw new IllegalArgumentException("No account '" + username + "'");
        }
        audit.event("USER_CLEARANCE")
                .target("ACCOUNT", "user:" + username)
                .params("clearance=" + level)
                .record();
    }

    /**
     * Sets the classification ceiling of tenant {@code tenantId}.
     *
     * @throws IllegalArgumentException for a negative level or an unknown tenant
     */
    @Transactional
    public void setCeiling(long tenantId, int level) {
        requireLevel(level);
        int changed = jdbc.sql("""
                UPDATE tenant
                   SET classification_ceiling = :level, version = version + 1
                 WHERE id = :id""")
                .param("level", level)
                .param("id", tenantId)
                .update();
        if (changed == 0) {
            throw new IllegalArgumentException("No tenant " + tenantId);
        }
        audit.event("TENANT_CEILING")
                .target("TENANT", "tenant:" + tenantId)
                .params("ceiling=" + level)
                .record();
    }

    private static void requireLevel(int level) {
        if (level < 0) {
            throw new IllegalArgumentException("A classification level is a whole number from 0");
        }
    }
}
