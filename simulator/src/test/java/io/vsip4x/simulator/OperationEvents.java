package io.vsip4x.simulator;

import java.util.List;
import java.util.Map;

/** Waiting for the completion event of one operation, and reading its answers, in tests over HTTP. */
final class OperationEvents {

    private OperationEvents() {
    }

    /**
     * Waits until the receiver of {@code platform} holds {@code count} events of {@code operation}
     * on VM {@code vmId}, and returns the last of them.
     */
    static Map<String, Object> await(TestPlatform platform, String vmId, String operation, int count) {
        Await.until(count + " " + operation + " events of " + vmId + " arrived",
                () -> of(platform, vmId, operation).size() >= count);
        List<Map<String, Object>> events = of(platform, vmId, operation);
        return events.get(events.size() - 1);
    }

    /** Waits for the first event of {@code operation} on VM {@code vmId}. */
    static Map<String, Object> await(TestPlatform platform, String vmId, String operation) {
        return await(platform, vmId, operation, 1);
    }

    /** The events of {@code operation} on VM {@code vmId} received so far. */
    static List<Map<String, Object>> of(TestPlatform platform, String vmId, String operation) {
        return platform.receiver.eventsOf(vmId).stream().filter(e -> operation.equals(e.get("operation"))).toList();
    }

    /** The {@code detail} map of {@code event}; empty when it has none. */
    @SuppressWarnings("unchecked")
    static Map<String, String> detail(Map<String, Object> event) {
        Object detail = event.get("detail");
        return detail instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of();
    }

    /** The {@code result} of a raw answer map. */
    static String code(Object answer) {
        return String.valueOf(((Map<?, ?>) answer).get("result"));
    }
}
