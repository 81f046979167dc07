package io.vsip4x.simulator.faults;

import java.time.Duration;
import java.util.Objects;

/**
 * What one SDK method does instead of running normally.
 *
 * @param kind  the fault
 * @param code  the result code answered, for {@link Kind#ANSWER}; {@code null} otherwise
 * @param delay the wait before answering ({@link Kind#SLOW}) or before closing the connection
 *              without an answer ({@link Kind#SILENT}); zero for {@link Kind#ANSWER}
 * @param times how many more calls it applies to, or {@code null} for every call until cleared
 */
public record MethodFault(Kind kind, String code, Duration delay, Integer times) {

    /** How long a silent method holds a call when no time is given: longer than any client waits. */
    public static final Duration DEFAULT_HOLD = Duration.ofSeconds(30);

    /** The kinds of method fault. */
    public enum Kind {
        /** Answers HTTP 200 with {@code result} set to the code, without running the method. */
        ANSWER,
        /** Runs the method after the delay, then answers as usual. */
        SLOW,
        /**
         * Holds the call for the delay without answering, then closes the connection: the
         * client sees its read time-out (or, with a longer time-out, a closed connection). The
         * method does not run.
         */
        SILENT
    }

    public MethodFault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delay, "delay");
        if (kind == Kind.ANSWER && !isCode(code)) {
            throw new IllegalArgumentException("A result code is 1 to 6 digits and not 0, not '" + code + "'");
        }
        if (kind != Kind.ANSWER && code != null) {
            throw new IllegalArgumentException("Only an answer fault carries a code");
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("A delay must not be negative");
        }
        if (times != null && times < 1) {
            throw new IllegalArgumentException("times must be at least 1, not " + times);
        }
    }

    /** Answers {@code code} to the next {@code times} calls ({@code null}: every call). */
    public static MethodFault answer(String code, Integer times) {
        return new MethodFault(Kind.ANSWER, code, Duration.ZERO, times);
    }

    /** Answers the next {@code times} calls ({@code null}: every call) after {@code delay}. */
    public static MethodFault slow(Duration delay, Integer times) {
        return new MethodFault(Kind.SLOW, null, delay, times);
    }

    /** Holds the next {@code times} calls ({@code null}: every call) for {@code hold}, unanswered. */
    public static MethodFault silent(Duration hold, Integer times) {
        return new MethodFault(Kind.SILENT, null, hold, times);
    }

    /** The same fault for one call fewer, or {@code null} when this was the last one. */
    MethodFault used() {
        if (times == null) {
            return this;
        }
        return times == 1 ? null : new MethodFault(kind, code, delay, times - 1);
    }

    private static boolean isCode(String code) {
        return code != null && code.matches("[0-9]{1,6}") && !code.matches("0+");
    }
}
