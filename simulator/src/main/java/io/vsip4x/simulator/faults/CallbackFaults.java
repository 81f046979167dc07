package io.vsip4x.simulator.faults;

import java.time.Duration;
import java.util.Objects;

/**
 * What happens to callback events: each event draws one number from a random generator seeded
 * with {@code seed} and gets at most one fault, so the shares must add up to at most 1. The
 * same seed and the same sequence of events give the same faults.
 *
 * @param drop      share of events never delivered (counted in the faults view)
 * @param duplicate share of events delivered twice, with the same event id
 * @param delay     share of events held for {@code delayBy} before their first attempt; the VM's
 *                  later events wait behind them, so the order per VM is kept
 * @param reorder   share of events held back until the VM's (or host's) next event has been
 *                  queued, then delivered after it; one that gets no next event within
 *                  {@code delayBy} is delivered alone. An event drawn for reordering while one
 *                  is held back simply goes first, so with a share of 1 events arrive in
 *                  swapped pairs (2, 1, 4, 3, ...)
 * @param delayBy   how long a delayed event waits, and how long a reordered one waits at most
 * @param seed      seed of the random generator
 */
public record CallbackFaults(double drop, double duplicate, double delay, double reorder, Duration delayBy,
        long seed) {

    /** The delay when none is given. */
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(1);

    public CallbackFaults {
        Objects.requireNonNull(delayBy, "delayBy");
        share("drop", drop);
        share("duplicate", duplicate);
        share("delay", delay);
        share("reorder", reorder);
        if (drop + duplicate + delay + reorder > 1.0 + 1e-9) {
            throw new IllegalArgumentException("The callback shares add up to more than 1");
        }
        if (delayBy.isNegative()) {
            throw new IllegalArgumentException("The callback delay must not be negative");
        }
    }

    /** Every event delivered once, on time. */
    public static CallbackFaults none() {
        return new CallbackFaults(0, 0, 0, 0, DEFAULT_DELAY, 0);
    }

    /** A copy dropping the share {@code share} of events. */
    public CallbackFaults withDrop(double share) {
        return new CallbackFaults(share, duplicate, delay, reorder, delayBy, seed);
    }

    /** A copy duplicating the share {@code share} of events. */
    public CallbackFaults withDuplicate(double share) {
        return new CallbackFaults(drop, share, delay, reorder, delayBy, seed);
    }

    /** A copy delaying the share {@code share} of events by {@code by}. */
    public CallbackFaults withDelay(double share, Duration by) {
        return new CallbackFaults(drop, duplicate, share, reorder, by, seed);
    }

    /** A copy reordering the share {@code share} of events. */
    public CallbackFaults withReorder(double share) {
        return new CallbackFaults(drop, duplicate, delay, share, delayBy, seed);
    }

    /** A copy drawing from a generator seeded with {@code newSeed}. */
    public CallbackFaults withSeed(long newSeed) {
        return new CallbackFaults(drop, duplicate, delay, reorder, delayBy, newSeed);
    }

    /** Whether no event is touched. */
    public boolean inactive() {
        return drop + duplicate + delay + reorder == 0;
    }

    /** The fate of an event that drew {@code draw} (in [0, 1)). */
    CallbackFate fate(double draw) {
        double bound = drop;
        if (draw < bound) {
            return CallbackFate.DROP;
        }
        bound += duplicate;
        if (draw < bound) {
            return CallbackFate.DUPLICATE;
        }
        bound += delay;
        if (draw < bound) {
            return CallbackFate.DELAY;
        }
        bound += reorder;
        return draw < bound ? CallbackFate.REORDER : CallbackFate.DELIVER;
    }

    private static void share(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("The " + name + " share must be between 0.0 and 1.0, not " + value);
        }
    }
}
