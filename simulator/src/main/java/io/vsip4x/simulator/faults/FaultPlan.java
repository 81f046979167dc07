package io.vsip4x.simulator.faults;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A whole set of faults, as the admin endpoint's {@code PUT} replaces it.
 *
 * @param methods           faults by canonical SDK method name
 * @param platformDown      whether every SDK call answers HTTP 503
 * @param callbacks         what happens to callback events
 * @param failingOperations asynchronous operations that finish with their failure code
 * @param exhaustedPools    pools (by id) that report no room
 */
public record FaultPlan(Map<String, MethodFault> methods, boolean platformDown, CallbackFaults callbacks,
        Set<String> failingOperations, Set<String> exhaustedPools) {

    public FaultPlan {
        methods = Map.copyOf(Objects.requireNonNull(methods, "methods"));
        Objects.requireNonNull(callbacks, "callbacks");
        failingOperations = Set.copyOf(Objects.requireNonNull(failingOperations, "failingOperations"));
        exhaustedPools = Set.copyOf(Objects.requireNonNull(exhaustedPools, "exhaustedPools"));
    }

    /** No fault at all. */
    public static FaultPlan none() {
        return new FaultPlan(Map.of(), false, CallbackFaults.none(), Set.of(), Set.of());
    }

    /** The method faults sorted by name. */
    public Map<String, MethodFault> sortedMethods() {
        return new TreeMap<>(methods);
    }

    /** The failing operations sorted. */
    public Set<String> sortedFailingOperations() {
        return new TreeSet<>(failingOperations);
    }

    /** The exhausted pools sorted. */
    public Set<String> sortedExhaustedPools() {
        return new TreeSet<>(exhaustedPools);
    }
}
