package io.vsip4x.simulator.faults;

/** What happens to one callback event; see {@link CallbackFaults}. */
public enum CallbackFate {
    /** Delivered once, on time. */
    DELIVER,
    /** Never delivered. */
    DROP,
    /** Delivered twice. */
    DUPLICATE,
    /** Delivered after the callback delay. */
    DELAY,
    /** Delivered after the next event of its VM or host. */
    REORDER
}
