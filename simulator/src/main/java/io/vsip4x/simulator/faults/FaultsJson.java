package io.vsip4x.simulator.faults;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The admin endpoint's JSON: reads a {@link FaultPlan} from a {@code PUT} body and writes a
 * {@link FaultsView}. The module's README shows the format. Durations are whole milliseconds.
 */
public final class FaultsJson {

    private static final Set<String> PLAN_KEYS = Set.of("platformDown", "methods", "callbacks",
            "failingOperations", "exhaustedPools", "callbackCounts", "droppedEvents");
    private static final Set<String> CALLBACK_KEYS = Set.of("drop", "duplicate", "delay", "reorder", "delayMs",
            "seed");
    private static final Set<String> METHOD_KEYS = Set.of("fault", "code", "delayMs", "times");

    private FaultsJson() {
    }

    /**
     * The plan described by {@code body} (a parsed JSON object). Missing keys mean no fault of
     * that kind; {@code callbackCounts} and {@code droppedEvents}, which {@code GET} shows, are
     * ignored.
     *
     * @throws IllegalArgumentException with a message saying which key is wrong and why
     */
    public static FaultPlan plan(Object body) {
        Map<String, Object> root = object(body, "The body", PLAN_KEYS);
        Map<String, MethodFault> methods = new LinkedHashMap<>();
        object(root.getOrDefault("methods", Map.of()), "methods", null)
                .forEach((name, fault) -> methods.put(name, methodFault(name, fault)));
        return new FaultPlan(methods, bool(root.get("platformDown"), "platformDown"),
                callbacks(root.getOrDefault("callbacks", Map.of())),
                names(root.get("failingOperations"), "failingOperations"),
                names(root.get("exhaustedPools"), "exhaustedPools"));
    }

    /** {@code view} as the admin endpoint answers it; never a password or a secret. */
    public static Map<String, Object> write(FaultsView view) {
        FaultPlan plan = view.plan();
        Map<String, Object> methods = new LinkedHashMap<>();
        plan.sortedMethods().forEach((name, fault) -> methods.put(name, write(fault)));
        CallbackFaults cb = plan.callbacks();
        Map<String, Object> callbacks = new LinkedHashMap<>();
        callbacks.put("drop", cb.drop());
        callbacks.put("duplicate", cb.duplicate());
        callbacks.put("delay", cb.delay());
        callbacks.put("reorder", cb.reorder());
        callbacks.put("delayMs", cb.delayBy().toMillis());
        callbacks.put("seed", cb.seed());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("dropped", view.count(CallbackFate.DROP));
        counts.put("duplicated", view.count(CallbackFate.DUPLICATE));
        counts.put("delayed", view.count(CallbackFate.DELAY));
        counts.put("reordered", view.count(CallbackFate.REORDER));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("platformDown", plan.platformDown());
        out.put("methods", methods);
        out.put("callbacks", callbacks);
        out.put("failingOperations", List.copyOf(plan.sortedFailingOperations()));
        out.put("exhaustedPools", List.copyOf(plan.sortedExhaustedPools()));
        out.put("callbackCounts", counts);
        out.put("droppedEvents", view.droppedEvents());
        return out;
    }

    private static Map<String, Object> write(MethodFault fault) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("fault", fault.kind().name().toLowerCase());
        if (fault.code() != null) {
            out.put("code", fault.code());
        }
        if (fault.kind() != MethodFault.Kind.ANSWER) {
            out.put("delayMs", fault.delay().toMillis());
        }
        out.put("times", fault.times());
        return out;
    }

    private static MethodFault methodFault(String method, Object value) {
        String where = "methods." + method;
        Map<String, Object> fault = object(value, where, METHOD_KEYS);
        Object kind = fault.get("fault");
        Integer times = fault.get("times") == null ? null : (int) number(fault.get("times"), where + ".times");
        Duration delay = fault.get("delayMs") == null ? null
                : Duration.ofMillis(number(fault.get("delayMs"), where + ".delayMs"));
        try {
            if ("answer".equals(kind)) {
                if (delay != null) {
                    throw new IllegalArgumentException("an answer fault takes no delayMs");
                }
                Object code = fault.get("code");
                return MethodFault.answer(code == null ? null : String.valueOf(code), times);
            }
            if (fault.containsKey("code")) {
                throw new IllegalArgumentException("only an answer fault takes a code");
            }
            if ("slow".equals(kind)) {
                if (delay == null) {
                    throw new IllegalArgumentException("a slow fault needs delayMs");
                }
                return MethodFault.slow(delay, times);
            }
            if ("silent".equals(kind)) {
                return MethodFault.silent(delay == null ? MethodFault.DEFAULT_HOLD : delay, times);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(where + ".fault must be \"answer\", \"slow\" or \"silent\", not " + kind);
    }

    private static CallbackFaults callbacks(Object value) {
        Map<String, Object> cb = object(value, "callbacks", CALLBACK_KEYS);
        Duration delayBy = cb.get("delayMs") == null ? CallbackFaults.DEFAULT_DELAY
                : Duration.ofMillis(number(cb.get("delayMs"), "callbacks.delayMs"));
        long seed = cb.get("seed") == null ? 0 : number(cb.get("seed"), "callbacks.seed");
        try {
            return new CallbackFaults(share(cb, "drop"), share(cb, "duplicate"), share(cb, "delay"),
                    share(cb, "reorder"), delayBy, seed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("callbacks: " + e.getMessage(), e);
        }
    }

    private static double share(Map<String, Object> cb, String key) {
        Object value = cb.get(key);
        if (value == null) {
            return 0;
        }
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("callbacks." + key + " must be a number from 0.0 to 1.0");
        }
        return n.doubleValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String where, Set<String> allowed) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + " must be a JSON object");
        }
        if (allowed != null) {
            for (Object key : map.keySet()) {
                if (!allowed.contains(key)) {
                    throw new IllegalArgumentException(where + " has an unknown key '" + key + "'; known: "
                            + String.join(", ", allowed.stream().sorted().toList()));
                }
            }
        }
        return (Map<String, Object>) map;
    }

    private static long number(Object value, String where) {
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0
                || ((Number) value).longValue() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(where + " must be a whole number from 0 to " + Integer.MAX_VALUE);
        }
        return ((Number) value).longValue();
    }

    private static boolean bool(Object value, String where) {
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean b)) {
            throw new IllegalArgumentException(where + " must be true or false");
        }
        return b;
    }

    private static Set<String> names(Object value, String where) {
        if (value == null) {
            return Set.of();
        }
        if (!(value instanceof List<?> list) || list.stream().anyMatch(item -> !(item instanceof String))) {
            throw new IllegalArgumentException(where + " must be a JSON array of strings");
        }
        Set<String> names = new HashSet<>();
        list.forEach(item -> names.add((String) item));
        return names;
    }
}
