package io.vsip4x.simulator.http;

import java.util.List;
import java.util.Map;

/** The JSON type a positional SDK argument must have. */
public enum ArgType {

    /** A Java {@code String}: a JSON string. */
    STRING(String.class),
    /** A Java {@code Map}: a JSON object. */
    MAP(Map.class),
    /** A Java {@code List}: a JSON array. */
    LIST(List.class),
    /** A Java {@code Boolean}: a JSON boolean. */
    BOOLEAN(Boolean.class),
    /** A Java {@code Object}: any JSON value but {@code null}. */
    ANY(Object.class);

    private final Class<?> javaType;

    ArgType(Class<?> javaType) {
        this.javaType = javaType;
    }

    /** Whether {@code value} is of this type; {@code null} never is. */
    boolean accepts(Object value) {
        return javaType.isInstance(value);
    }
}
