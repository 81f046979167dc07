package io.vsip4x.portal.identity.ukey;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/** What a session remembers of UKEY sign-in. */
public final class UkeySession {

    /** The serial ({@code sid}) of the key that signed the session in. */
    public static final String SID = UkeySession.class.getName() + ".sid";
    /** The id ({@code Long}) of the binding whose key signed the session in: revoking it ends the session. */
    public static final String BINDING = UkeySession.class.getName() + ".binding";
    /** {@code true} when the session ends as its key is removed (the policy said so at sign-in). */
    public static final String WATCH = UkeySession.class.getName() + ".watch";
    /** The {@link PendingStep} of a session whose password was verified and which still needs its key. */
    public static final String PENDING = UkeySession.class.getName() + ".pending";

    private UkeySession() {
    }

    /**
     * The password step {@code session} holds, lapsed or not; empty for no session or no step.
     *
     * @param session a session, or {@code null}
     */
    public static Optional<PendingStep> step(HttpSession session) {
        return session != null && session.getAttribute(PENDING) instanceof PendingStep step
                ? Optional.of(step) : Optional.empty();
    }

    /** The password step {@code session} (or {@code null}) holds while it holds at {@code now}. */
    public static Optional<PendingStep> pending(HttpSession session, Instant now) {
        return step(session).filter(held -> held.current(now));
    }

    /**
     * A verified password waiting for its UKEY.
     *
     * @param accountId   the account whose password was verified
     * @param username    its username
     * @param displayName its display name, for the second-factor page
     * @param expiresAt   when the step lapses and the password must be typed again
     */
    public record PendingStep(long accountId, String username, String displayName, Instant expiresAt)
            implements Serializable {

        /** Whether the step still holds at {@code now}. */
        public boolean current(Instant now) {
            return now.isBefore(expiresAt);
        }
    }
}
