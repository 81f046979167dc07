package io.vsip4x.simulator.faults;

import java.util.List;
import java.util.Map;

/**
 * The faults in force and what the callback faults did since the last reset.
 *
 * @param plan           the faults in force; method faults show the calls they have left
 * @param callbackCounts how many events were dropped, duplicated, delayed and reordered
 * @param droppedEvents  the dropped events, oldest first (the last {@value Faults#DROPPED_KEPT})
 */
public record FaultsView(FaultPlan plan, Map<CallbackFate, Long> callbackCounts, List<DroppedEvent> droppedEvents) {

    public FaultsView {
        callbackCounts = Map.copyOf(callbackCounts);
        droppedEvents = List.copyOf(droppedEvents);
    }

    /** How many events got {@code fate}. */
    public long count(CallbackFate fate) {
        return callbackCounts.getOrDefault(fate, 0L);
    }
}
