package io.vsip4x.portal.audit;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Writes the operation log. Entries join the caller's transaction, so an action and its entry
 * are kept or lost together; {@link Event#recordAlone} writes one that must stay even when the
 * action's transaction rolls back (a refused sign-in, a failed action). An event that cannot be
 * stored throws {@link AuditUnavailableException}, so the action it describes does not happen. An
 * event takes the thread's {@link Correlation} id unless it names its own.
 */
@Service
public class AuditService {

    /** Outcome words of the log. */
    public static final String SUCCESS = "SUCCESS";
    public static final String FAILURE = "FAILURE";
    public static final String DENIED = "DENIED";

    private final JdbcClient jdbc;
    private final TransactionTemplate alone;

    AuditService(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.alone = new TransactionTemplate(transactions);
        this.alone.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Starts an event of {@code action}; see {@link Event}. */
    public Event event(String action) {
        return new Event(this, action);
    }

    /**
     * One event being described: by default of the signed-in person (or {@code system}), with no
     * target, result {@link #SUCCESS}. {@link #record()} joins the caller's transaction,
     * {@link #recordAlone()} writes in a transaction of its own.
     */
    public static final class Event {
        private final AuditService service;
        private final String action;
        private String actor;
        private String tenantCode;
        private String role;
        private boolean actorSet;
        private String targetType;
        private String target;
        private String params;
        private String result = SUCCESS;
        private String code;
        private String message;
        private String correlationId;
        private String clientAddress;

        private Event(AuditService service, String action) {
            this.service = service;
            this.action = action;
        }

        /** The actor, when it is not the signed-in person. */
        public Event as(String actor, String tenantCode, String role) {
            this.actor = actor;
            this.tenantCode = tenantCode;
            this.role = role;
            this.actorSet = true;
            return this;
        }

        public Event target(String type, String target) {
            this.targetType = type;
            this.target = target;
            return this;
        }

        public Event params(String params) {
            this.params = params;
            return this;
        }

        public Event result(String result, String code, String message) {
            this.result = result;
            this.code = code;
            this.message = message;
            return this;
        }

        public Event correlation(String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        /** The client's address, for an event written outside the client's HTTP request (a WebSocket's). */
        public Event from(String clientAddress) {
            this.clientAddress = clientAddress;
            return this;
        }

        /** Writes the event in the caller's transaction (or its own when there is none). */
        public void record() {
            service.recordEvent(this);
        }

        /** Writes the event in a transaction of its own, kept whatever becomes of the caller's. */
        public void recordAlone() {
            service.recordEventAlone(this);
        }
    }

    /**
     * Writes {@code e} in the caller's transaction (a statement of its own when there is none): an
     * {@link Event} holds the service itself, not its proxy, so no annotation would apply here.
     */
    void recordEvent(Event e) {
        writeEvent(e);
    }

    /**
     * Writes {@code e} in a transaction of its own. An {@link Event} holds the service itself, not
     * its transactional proxy, so the new transaction is opened here rather than by an annotation.
     */
    void recordEventAlone(Event e) {
        alone.executeWithoutResult(status -> writeEvent(e));
    }

    private void writeEvent(Event e) {
        String actor = e.actor;
        String tenant = e.tenantCode;
        String role = e.role;
        if (!e.actorSet) {
            CurrentUser user = UserService.current();
            actor = user == null ? "system" : user.username();
            tenant = user == null ? null : user.tenantCode();
            role = user == null ? null : user.roleList();
        }
        insert(actor, tenant, role, e.clientAddress != null ? e.clientAddress : clientAddress(), e.action,
                e.targetType, e.target, e.result, e.code, e.message, e.params,
                e.correlationId != null ? e.correlationId : Correlation.current());
    }

    /** Stores one event; a failure becomes {@link AuditUnavailableException}, which undoes the action. */
    private void insert(String actor, String tenantCode, String role, String clientAddress, String action,
            String targetType, String target, String result, String code, String message, String params,
            String correlationId) {
        try {
            store(actor, tenantCode, role, clientAddress, action, targetType, target, result, code, message, params,
                    correlationId);
        } catch (DataAccessException e) {
            throw new AuditUnavailableException(action, e);
        }
    }

    private void store(String actor, String tenantCode, String role, String clientAddress, String action,
            String targetType, String target, String result, String code, String message, String params,
            String correlationId) {
        jdbc.sql("""
                INSERT INTO audit_event (occurred_at, actor, tenant_code, role, client_addr, action, target_type,
                                         target, params, result, code, message, correlation_id)
                VALUES (:at, :actor, :tenant, :role, :addr, :action, :targetType, :target, :params, :result,
                        :code, :message, :correlation)""")
                .param("at", new Timestamp(System.currentTimeMillis()))
                .param("actor", clip(actor, 64))
                .param("tenant", tenantCode)
                .param("role", clip(role, 255))
                .param("addr", clip(clientAddress, 64))
                .param("action", action)
                .param("target", clip(target, 128))
                .param("params", clip(params, 2000))
                .param("result", result)
                .param("code", clip(code, 16))
                .param("targetType", clip(targetType, 16))
                .param("message", clip(message, 500))
                .param("correlation", correlationId)
                .update();
    }

    private static String clientAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs) {
            HttpServletRequest request = attrs.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }

    /** At most {@code max} characters, never half a surrogate pair. */
    private static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
