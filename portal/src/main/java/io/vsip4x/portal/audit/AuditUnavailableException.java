package io.vsip4x.portal.audit;

import org.springframework.dao.DataAccessException;

/**
 * An audit event could not be stored. It rolls back the transaction of the action it describes,
 * so that the action does not happen; the web layer answers 503 ({@code error.auditUnavailable}).
 * It is a {@link DataAccessException}, so code that already treats a failing database as such
 * (a platform callback answered 503 so that it is sent again) keeps doing so.
 */
public class AuditUnavailableException extends DataAccessException {

    private static final long serialVersionUID = 1L;

    AuditUnavailableException(String action, Throwable cause) {
        super("The audit event '" + action + "' could not be stored", cause);
    }
}
