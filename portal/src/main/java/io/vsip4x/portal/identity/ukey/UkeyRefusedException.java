package io.vsip4x.portal.identity.ukey;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.core.AuthenticationException;

/**
 * A refused UKEY sign-in: the reason, the key's serial when one was named, and the account when
 * one is known, plus what else the audit event should keep ({@link #details()}). The message holds
 * no signature, token or PIN.
 */
public class UkeyRefusedException extends AuthenticationException {

    private final UkeyRefusal reason;
    private final String sid;
    private final String username;
    private final transient Map<String, String> details;

    public UkeyRefusedException(UkeyRefusal reason, String sid, String username) {
        this(reason, sid, username, Map.of());
    }

    /** A refusal whose audit event also keeps {@code details} (no secrets: ids only). */
    public UkeyRefusedException(UkeyRefusal reason, String sid, String username, Map<String, String> details) {
        super("UKEY sign-in refused: " + reason.code());
        this.reason = reason;
        this.sid = sid;
        this.username = username;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public UkeyRefusal reason() {
        return reason;
    }

    /** The key's serial, or {@code null}. */
    public String sid() {
        return sid;
    }

    /** The account the key or step belongs to, or {@code null} when none is known. */
    public String username() {
        return username;
    }

    /** More for the audit event's parameters (ids, never a secret); empty when nothing more. */
    public Map<String, String> details() {
        return details == null ? Map.of() : details;
    }
}
