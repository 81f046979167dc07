package io.vsip4x.simulator.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the SDK calls the simulator received, per method, and how many calls named each VM id
 * (any {@code vmId}, {@code vmIDs} or {@code vmIds} in the arguments, at any depth), so that a test
 * can tell whether a VM was asked for twice. In memory only; at most {@value #MAX_IDS} VM ids are
 * remembered per method.
 */
final class CallJournal {

    static final int MAX_IDS = 100_000;
    private static final Set<String> VM_KEYS = Set.of("vmId", "vmIDs", "vmIds");

    private final Map<String, Method> methods = new ConcurrentHashMap<>();

    /** One method's calls and the VM ids they named. */
    private static final class Method {

        private final AtomicLong calls = new AtomicLong();
        private final Map<String, AtomicLong> vmIds = new ConcurrentHashMap<>();
    }

    /** Notes a call of {@code method} with {@code args}. */
    void record(String method, List<Object> args) {
        Method m = methods.computeIfAbsent(method, k -> new Method());
        m.calls.incrementAndGet();
        collect(args, false, m);
    }

    private static void collect(Object value, boolean named, Method m) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collect(v, VM_KEYS.contains(String.valueOf(k)), m));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, named, m));
        } else if (named && value instanceof String id && !id.isEmpty()
                && (m.vmIds.containsKey(id) || m.vmIds.size() < MAX_IDS)) {
            m.vmIds.computeIfAbsent(id, k -> new AtomicLong()).incrementAndGet();
        }
    }

    /** {@code {"method": {"calls": n, "vmIds": {"id": n}}}}, methods and ids sorted. */
    Map<String, Object> view() {
        Map<String, Object> view = new TreeMap<>();
        methods.forEach((name, m) -> {
            Map<String, Long> ids = new TreeMap<>();
            m.vmIds.forEach((id, n) -> ids.put(id, n.get()));
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("calls", m.calls.get());
            one.put("vmIds", ids);
            view.put(name, one);
        });
        return view;
    }

    /** Forgets every call. */
    void reset() {
        methods.clear();
    }
}
