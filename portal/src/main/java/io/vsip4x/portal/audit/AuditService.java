package io.vsip4x.portal.audit;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes the operation log. Entries join the caller's transaction, so an action and its entry
 * are kept or lost together; {@link #recordAlone} writes one that must stay even when the
 * action's transaction rolls back (a refused sign-in, a failed action).
 */
@Service
public class AuditService {

    /** Outcome words of the log. */
    public static final String SUCCESS = "SUCCESS";
    public static final String FAILURE = "FAILURE";
    public static final String DENIED = "DENIED";

    private final JdbcClient jdbc;

    AuditService(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Logs an action of the signed-in person (or of the portal when nobody is signed in). */
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(String action, String target, String result, String code, String params) {
        CurrentUser user = UserService.current();
        if (user == null) {
            write("system", null, null, action, target, result, code, params);
        } else {
            write(user.username(), user.tenantCode(), user.roleList(), action, target, result, code, params);
        }
    }

    /** Logs an action of {@code actor}, who may not be signed in (a sign-in, the platform). */
    @Transactional(propagation = Propagation.REQUIRED)
    public void recordAs(String actor, String tenantCode, String action, String target, String result,
            String code, String params) {
        write(actor, tenantCode, null, action, target, result, code, params);
    }

    /** Like {@link #record}, in a transaction of its own. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordAlone(String action, String target, String result, String code, String params) {
        record(action, target, result, code, params);
    }

    /** Like {@link #recordAs}, in a transaction of its own. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordAsAlone(String actor, String tenantCode, String action, String target, String result,
            String code, String params) {
        write(actor, tenantCode, null, action, target, result, code, params);
    }

    /** The newest entries, newest first. */
    @Transactional(readOnly = true)
    public List<AuditEntry> latest(int limit) {
        return jdbc.sql("""
                SELECT id, occurred_at, actor, tenant_code, role, client_addr, action, target, params,
                       result, code
                  FROM audit_event
                 ORDER BY id DESC
                 LIMIT :limit""")
                .param("limit", limit)
                .query((rs, n) -> new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(11)))
                .list();
    }

    private void write(String actor, String tenantCode, String role, String action, String target,
            String result, String code, String params) {
        jdbc.sql("""
                INSERT INTO audit_event (occurred_at, actor, tenant_code, role, client_addr, action, target,
                                         params, result, code)
                VALUES (:at, :actor, :tenant, :role, :addr, :action, :target, :params, :result, :code)""")
                .param("at", new Timestamp(System.currentTimeMillis()))
                .param("actor", actor)
                .param("tenant", tenantCode)
                .param("role", role)
                .param("addr", clientAddress())
                .param("action", action)
                .param("target", clip(target, 128))
                .param("params", clip(params, 2000))
                .param("result", result)
                .param("code", code)
                .update();
    }

    private static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            HttpServletRequest request = attrs.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
