package io.vsip4x.portal.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A failure a person should read: it knows its HTTP status, its message key and arguments,
 * and the platform result code where there is one. Turned into a page, a fragment or a
 * problem response in one place ({@link ErrorHandling}).
 */
public class PortalException extends RuntimeException {

    private final HttpStatus status;
    private final String messageKey;
    private final transient Object[] args;
    private final String code;
    private boolean audited;

    public PortalException(HttpStatus status, String messageKey, String code, Object... args) {
        super(messageKey);
        this.status = status;
        this.messageKey = messageKey;
        this.args = args;
        this.code = code;
    }

    /** Not found, or not the asker's to see: 404 either way. */
    public static PortalException notFound(String messageKey, Object... args) {
        return new PortalException(HttpStatus.NOT_FOUND, messageKey, null, args);
    }

    /** The thing is not in a state that allows the action: 409. */
    public static PortalException conflict(String messageKey, Object... args) {
        return new PortalException(HttpStatus.CONFLICT, messageKey, null, args);
    }

    /** The asker may not do this: 403. */
    public static PortalException forbidden(String messageKey, Object... args) {
        return new PortalException(HttpStatus.FORBIDDEN, messageKey, null, args);
    }

    public HttpStatus status() {
        return status;
    }

    public String messageKey() {
        return messageKey;
    }

    public Object[] args() {
        return args.clone();
    }

    /** More members of the API's problem response (for example the numbers of a refusal); none by default. */
    public Map<String, Object> properties() {
        return Map.of();
    }

    /**
     * Marks the refusal as written to the operation log already by the code that refused, so that
     * the web layer does not log it a second time.
     */
    public PortalException audited() {
        this.audited = true;
        return this;
    }

    /** Whether the refusal is in the operation log already. */
    public boolean isAudited() {
        return audited;
    }

    /** The platform result code, or {@code null}. */
    public String code() {
        return code;
    }
}
