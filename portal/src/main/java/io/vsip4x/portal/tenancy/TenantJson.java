package io.vsip4x.portal.tenancy;

import io.vsip4x.portal.web.FieldProblems;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the API's JSON bodies of tenants strictly: a number must be a whole JSON number (not
 * text, not a fraction), the {@code limits} object must name each of the seven resources and
 * nothing else. Bad input becomes {@link FieldProblems} naming the field.
 */
final class TenantJson {

    /** Text no number check accepts, standing for a value of the wrong JSON type. */
    private static final String WRONG_TYPE = "?";
    private static final Set<String> TENANT_KEYS = Set.of("code", "name", "limits", "vmCap", "ceiling",
            "leaseMaxDays", "templates", "pools", "networks", "version");
    private static final Set<String> CAP_KEYS = Set.of("cpu", "memoryMb", "diskGb");

    private TenantJson() {
    }

    /**
     * The seven limits of {@code {"limits": {...}}}.
     *
     * @throws FieldProblems for a missing object, a missing or unknown key, or a value that is not
     *                       a whole number from 0
     */
    static Quota limits(Map<String, Object> body) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        Object limits = body == null ? null : body.get("limits");
        if (!(limits instanceof Map<?, ?> map)) {
            throw FieldProblems.of("limits", "quota.error.limitsMissing");
        }
        if (body.size() > 1) {
            body.keySet().stream().filter(k -> !"limits".equals(k))
                    .forEach(k -> problems.reject(k, "quota.error.unknownKey", k));
        }
        unknownKeys(map, knownResourceKeys(), "limits.", problems);
        long[] values = new long[Resource.values().length];
        for (Resource r : Resource.values()) {
            values[r.ordinal()] = TenantValidator.amount(number(map, r.key()), "limits." + r.key(), problems);
        }
        problems.throwIfAny();
        return new Quota(values[0], values[1], values[2], values[3], values[4], values[5], values[6]);
    }

    /**
     * A tenant's settings as a form, for {@link TenantValidator}: {@code code}, {@code name},
     * {@code limits} (all seven), {@code vmCap} ({@code cpu}, {@code memoryMb}, {@code diskGb},
     * each optional), {@code ceiling}, {@code leaseMaxDays}, {@code templates}, {@code pools},
     * {@code networks} (arrays of ids) and, to change a tenant, {@code version}.
     *
     * @throws FieldProblems for unknown keys or wrong shapes
     */
    static TenantForm form(Map<String, Object> body) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        Map<?, ?> root = body == null ? Map.of() : body;
        unknownKeys(root, TENANT_KEYS, "", problems);
        Map<?, ?> limits = object(root, "limits", problems);
        Map<?, ?> cap = object(root, "vmCap", problems);
        unknownKeys(limits, knownResourceKeys(), "limits.", problems);
        unknownKeys(cap, CAP_KEYS, "vmCap.", problems);
        List<String> templates = ids(root, "templates", problems);
        List<String> pools = ids(root, "pools", problems);
        List<String> networks = ids(root, "networks", problems);
        problems.throwIfAny();
        return new TenantForm(text(root, "code"), text(root, "name"), number(limits, "cpu"),
                number(limits, "memoryMb"), number(limits, "diskGb"), number(limits, "dataDiskGb"),
                number(limits, "vms"), number(limits, "snapshots"), number(limits, "backups"),
                optionalNumber(cap, "cpu"), optionalNumber(cap, "memoryMb"), optionalNumber(cap, "diskGb"),
                root.containsKey("ceiling") ? number(root, "ceiling") : "0", optionalNumber(root, "leaseMaxDays"),
                templates, pools, networks, optionalNumber(root, "version"));
    }

    private static Set<String> knownResourceKeys() {
        Set<String> keys = new java.util.HashSet<>();
        for (Resource r : Resource.values()) {
            keys.add(r.key());
        }
        return keys;
    }

    private static void unknownKeys(Map<?, ?> map, Set<String> known, String prefix,
            FieldProblems.Collector problems) {
        map.keySet().stream().map(String::valueOf).filter(k -> !known.contains(k)).sorted()
                .forEach(k -> problems.reject(prefix + k, "quota.error.unknownKey", k));
    }

    private static Map<?, ?> object(Map<?, ?> root, String key, FieldProblems.Collector problems) {
        Object value = root.get(key);
        if (value == null) {
            return Map.of();
        }
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        problems.reject(key, "error.field.invalid");
        return Map.of();
    }

    private static List<String> ids(Map<?, ?> root, String key, FieldProblems.Collector problems) {
        Object value = root.get(key);
        if (value == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        if (value instanceof List<?> list && list.stream().allMatch(v -> v instanceof String)) {
            list.forEach(v -> ids.add((String) v));
        } else {
            problems.reject(key, "error.field.invalid");
        }
        return ids;
    }

    private static String text(Map<?, ?> map, String key) {
        Object value = map.get(key);
        return value instanceof String s ? s : null;
    }

    /** A whole JSON number as text; anything else as text no check accepts; absent as {@code null}. */
    private static String number(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof BigInteger) {
            return value.toString();
        }
        return value == null ? null : WRONG_TYPE;
    }

    private static String optionalNumber(Map<?, ?> map, String key) {
        return map.get(key) == null ? "" : number(map, key);
    }
}
