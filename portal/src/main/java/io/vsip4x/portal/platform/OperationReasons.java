package io.vsip4x.portal.platform;

/**
 * The reasons the operation queue itself writes into an operation's result info (next to the
 * platform's own texts), for pages that explain them in the reader's language instead of showing
 * them as they are stored.
 */
public final class OperationReasons {

    /** A VM operation that timed out (a message key). */
    public static final String TIMED_OUT = OperationTimeouts.TIMED_OUT;
    /** A host operation that timed out (a message key). */
    public static final String HOST_TIMED_OUT = OperationTimeouts.HOST_TIMED_OUT;
    /** A host operation finished by the power state its host reached. */
    public static final String HOST_CONFIRMED = OperationTimeouts.HOST_CONFIRMED;
    /** An operation whose answer was lost, sent once and awaiting its event or the time-out's check. */
    public static final String ANSWER_LOST = OperationDispatcher.ANSWER_LOST;

    private OperationReasons() {
    }
}
