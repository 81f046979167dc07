package io.vsip4x.sdk.vendor;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Conversions between our positional arguments and the vendor's parameter types, and from the
 * vendor's answers to the plain maps and lists {@code AbstractVsip4xClient} reads.
 */
final class VendorValues {

    /** Thrown when a value cannot be given as the vendor's parameter type. */
    static final class NotConvertible extends Exception {

        NotConvertible(String message) {
            super(message, null, false, false);
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private VendorValues() {
    }

    /** Whether {@code value} can be given as {@code type}, without converting it. */
    static boolean accepts(Class<?> type, Object value) {
        try {
            toParameter(type, value);
            return true;
        } catch (NotConvertible e) {
            return false;
        }
    }

    /**
     * {@code value} as the vendor's parameter type: strings from numbers and booleans (and maps
     * and lists as JSON), booleans and numbers from their text, deep mutable copies of maps and lists.
     */
    static Object toParameter(Class<?> type, Object value) throws NotConvertible {
        if (value == null) {
            if (type.isPrimitive()) {
                throw new NotConvertible("null for a " + type.getName() + " parameter");
            }
            return null;
        }
        Class<?> boxed = boxed(type);
        if (boxed == String.class) {
            return value instanceof Map<?, ?> || value instanceof Collection<?> ? JSON.writeValueAsString(value)
                    : String.valueOf(value);
        }
        if (boxed == Boolean.class) {
            return toBoolean(value);
        }
        if (Number.class.isAssignableFrom(boxed)) {
            return toNumber(boxed, value);
        }
        if (value instanceof Map<?, ?> map && type.isAssignableFrom(LinkedHashMap.class)
                && Map.class.isAssignableFrom(type)) {
            return mutable(map);
        }
        if (value instanceof Collection<?> items && type.isAssignableFrom(ArrayList.class)
                && Collection.class.isAssignableFrom(type)) {
            return mutable(items);
        }
        if (type.isArray() && value instanceof Collection<?> items) {
            return toArray(type.getComponentType(), items);
        }
        if (type.isInstance(value)) {
            return value;
        }
        throw new NotConvertible("a " + value.getClass().getSimpleName() + " for a " + type.getSimpleName()
                + " parameter");
    }

    /** A mutable copy, nested maps and lists included: the vendor's class may change what it is given. */
    private static Object mutable(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(key, mutable(item)));
            return copy;
        }
        if (value instanceof Collection<?> items) {
            List<Object> copy = new ArrayList<>();
            items.forEach(item -> copy.add(mutable(item)));
            return copy;
        }
        return value;
    }

    private static Boolean toBoolean(Object value) throws NotConvertible {
        if (value instanceof Boolean flag) {
            return flag;
        }
        String text = String.valueOf(value).trim();
        if (text.equalsIgnoreCase("true") || text.equals("1")) {
            return true;
        }
        if (text.equalsIgnoreCase("false") || text.equals("0")) {
            return false;
        }
        throw new NotConvertible("a " + value.getClass().getSimpleName() + " for a Boolean parameter");
    }

    private static Number toNumber(Class<?> boxed, Object value) throws NotConvertible {
        if (!(value instanceof Number) && !(value instanceof CharSequence)) {
            throw new NotConvertible("a " + value.getClass().getSimpleName() + " for a number parameter");
        }
        String text = String.valueOf(value).trim();
        try {
            if (boxed == Long.class) {
                return Long.valueOf(text);
            }
            if (boxed == Integer.class) {
                return Integer.valueOf(text);
            }
            if (boxed == Double.class) {
                return Double.valueOf(text);
            }
        } catch (NumberFormatException e) {
            throw new NotConvertible("text that is not a number for a number parameter");
        }
        throw new NotConvertible("a value for an unsupported " + boxed.getSimpleName() + " parameter");
    }

    private static Object toArray(Class<?> component, Collection<?> items) throws NotConvertible {
        Object array = Array.newInstance(component, items.size());
        int index = 0;
        for (Object item : items) {
            Array.set(array, index++, toParameter(component, item));
        }
        return array;
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return Array.get(Array.newInstance(type, 1), 0).getClass();
    }

    /**
     * The vendor's answer as plain values: maps with trimmed keys (catalog A07), lists for
     * collections and arrays, a JSON text parsed; other strings and scalars as they are.
     *
     * @throws NotConvertible when a text that opens like JSON does not parse
     */
    static Object fromAnswer(Object answer) throws NotConvertible {
        if (answer instanceof CharSequence text) {
            String trimmed = text.toString().trim();
            if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
                try {
                    return plain(JSON.readValue(trimmed, Object.class));
                } catch (JacksonException e) {
                    throw new NotConvertible("a text answer that is not JSON");
                }
            }
            return text.toString();
        }
        return plain(answer);
    }

    private static Object plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, item) -> out.put(String.valueOf(key).trim(), plain(item)));
            return out;
        }
        if (value instanceof Collection<?> items) {
            return items.stream().map(VendorValues::plain).toList();
        }
        if (value != null && value.getClass().isArray() && !(value instanceof byte[])) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(plain(Array.get(value, i)));
            }
            return items;
        }
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        return value;
    }
}
