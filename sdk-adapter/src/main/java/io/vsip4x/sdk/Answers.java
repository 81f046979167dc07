package io.vsip4x.sdk;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Reads the raw answers of the platform into the shapes the typed methods return. */
final class Answers {

    private Answers() {
    }

    /**
     * {@code answer} to {@code method} as a result map.
     *
     * @throws Vsip4xProtocolException when it is not a map
     */
    static SdkResult result(String method, Object answer) {
        if (answer instanceof Map<?, ?> map) {
            return SdkResult.of(SdkMaps.trimKeys(map));
        }
        throw new Vsip4xProtocolException(method, 200, "The platform's answer to " + method + " is not a map");
    }

    /**
     * {@code answer} to {@code method} as a bare list, or the {@code data} list of a result map
     * (catalog A16, A17), each row read by {@code reader}.
     *
     * @throws Vsip4xProtocolException when it is a refusal, no list, or a list of other things than maps
     */
    static <T> List<T> list(String method, Object answer, Function<Map<String, Object>, T> reader) {
        List<Map<String, Object>> rows;
        if (answer instanceof List<?> items) {
            requireMaps(method, items);
            rows = SdkMaps.maps(Map.of("data", answer), "data");
        } else if (answer instanceof Map<?, ?> map) {
            SdkResult result = SdkResult.of(SdkMaps.trimKeys(map));
            if (!result.ok()) {
                throw new Vsip4xRefusedException(method, result.code(), result.info());
            }
            if (result.raw().get("data") instanceof List<?> items) {
                requireMaps(method, items);
            }
            rows = SdkMaps.maps(result.raw(), "data");
        } else {
            throw new Vsip4xProtocolException(method, 200, "The platform gave no list for " + method);
        }
        return rows.stream().map(reader).toList();
    }

    /** Refuses a list whose entries are not all maps, rather than reading it as shorter (catalog A17). */
    private static void requireMaps(String method, List<?> items) {
        if (!items.stream().allMatch(Map.class::isInstance)) {
            throw new Vsip4xProtocolException(method, 200, "The platform's list for " + method
                    + " holds entries that are not maps");
        }
    }
}
