package io.vsip4x.portal.audit;

import java.util.UUID;

/**
 * The correlation id of the work under way on this thread: it ties an action to the operation it
 * queued, the operation's outcome and the platform's callbacks. Each HTTP request gets a fresh one
 * ({@link CorrelationFilter}); background work takes the id of what it carries on
 * ({@link #open}).
 */
public final class Correlation {

    /** The response header that tells a client the correlation id of its request. */
    public static final String HEADER = "X-Correlation-Id";

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private Correlation() {
    }

    /** The id of the work under way on this thread, or {@code null} when there is none. */
    public static String current() {
        return CURRENT.get();
    }

    /** A new random id. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * Makes {@code id} current until the returned scope is closed, which restores the id before;
     * a {@code null} id leaves the current one in place.
     */
    public static Scope open(String id) {
        String before = CURRENT.get();
        if (id != null) {
            CURRENT.set(id);
        }
        return new Scope(before);
    }

    /** The span of an id made current by {@link #open}; closing it restores the id before. */
    public static final class Scope implements AutoCloseable {
        private final String before;

        private Scope(String before) {
            this.before = before;
        }

        @Override
        public void close() {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }
}
