package io.vsip4x.simulator.faults;

/** A callback event dropped by fault injection, as the faults view lists it. */
public record DroppedEvent(String eventId, String vmId, String hostId, String operation, String result,
        long sequence) {
}
