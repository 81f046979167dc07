package io.vsip4x.portal.identity.ukey;

import org.springframework.security.core.AuthenticationException;

/**
 * A refused UKEY sign-in: the reason, the key's serial when one was named, and the account when
 * one is known. The message holds no signature, token or PIN.
 */
public class UkeyRefusedException extends AuthenticationException {

    private final UkeyRefusal reason;
    private final String sid;
    private final String username;

    public UkeyRefusedException(UkeyRefusal reason, String sid, String username) {
        super("UKEY sign-in refused: " + reason.code());
        this.reason = reason;
        this.sid = sid;
        this.username = username;
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
}
