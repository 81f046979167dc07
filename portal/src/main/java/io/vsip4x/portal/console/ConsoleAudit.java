package io.vsip4x.portal.console;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;

/**
 * The consoles' audit events, each of the person whose console it is, from the browser's address,
 * under the tunnel's correlation id, with the VM as target.
 */
@Component
class ConsoleAudit {

    /** Audit action of a console that opened. */
    static final String OPENED = "CONSOLE_OPENED";
    /** Audit action of a console that closed, with its duration and the reason. */
    static final String CLOSED = "CONSOLE_CLOSED";
    /** Audit action of a tunnel that was refused a console. */
    static final String REFUSED = "CONSOLE_REFUSED";
    /** Who refusals without a signed-in person are written as. */
    static final String ANONYMOUS = "anonymous";

    private static final Logger log = LoggerFactory.getLogger(ConsoleAudit.class);

    private final AuditService audit;

    ConsoleAudit(AuditService audit) {
        this.audit = audit;
    }

    /** Who an event is of. */
    record Actor(String username, String tenantCode, String roles, String clientAddress) {

        static Actor of(CurrentUser user, String clientAddress) {
            return user == null ? new Actor(ANONYMOUS, null, null, clientAddress)
                    : new Actor(user.username(), user.tenantCode(), user.roleList(), clientAddress);
        }
    }

    /**
     * Logs a console that opened.
     *
     * @throws io.vsip4x.portal.audit.AuditUnavailableException when it cannot be stored (the console must not open)
     */
    void opened(Actor actor, String correlation, String vmId, long sessionId, boolean viewOnly, String basis) {
        audit.event(OPENED)
                .as(actor.username(), actor.tenantCode(), actor.roles())
                .from(actor.clientAddress())
                .correlation(correlation)
                .target("VM", vmId)
                .params(AuditParams.of("sessionId", sessionId, "viewOnly", viewOnly, "basis", basis))
                .recordAlone();
    }

    /** Logs a console that closed; a failing log is noted in the application log (the console is gone either way). */
    void closed(Actor actor, String correlation, String vmId, long sessionId, long seconds, ConsoleReason reason) {
        try {
            audit.event(CLOSED)
                    .as(actor.username(), actor.tenantCode(), actor.roles())
                    .from(actor.clientAddress())
                    .correlation(correlation)
                    .target("VM", vmId)
                    .params(AuditParams.of("sessionId", sessionId, "durationSeconds", seconds, "reason", reason))
                    .recordAlone();
        } catch (DataAccessException | TransactionException e) {
            log.error("Could not log the close of console {} of '{}' ({})", sessionId, actor.username(), reason, e);
        }
    }

    /** Logs a refused tunnel; {@code vmId} is {@code null} when the token named none. */
    void refused(Actor actor, String correlation, String vmId, ConsoleReason reason) {
        try {
            audit.event(REFUSED)
                    .as(actor.username(), actor.tenantCode(), actor.roles())
                    .from(actor.clientAddress())
                    .correlation(correlation)
                    .target("VM", vmId)
                    .params(AuditParams.of("reason", reason))
                    .result(AuditService.DENIED, Integer.toString(reason.statusCode()), reason.name())
                    .recordAlone();
        } catch (DataAccessException | TransactionException e) {
            log.error("Could not log the refusal of a console to '{}' ({})", actor.username(), reason, e);
        }
    }
}
