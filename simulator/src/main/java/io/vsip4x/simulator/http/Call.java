package io.vsip4x.simulator.http;

import java.util.List;
import java.util.Map;

/**
 * One call of an SDK method: its positional arguments (map keys trimmed) and where events it
 * causes should go.
 */
public final class Call {

    private final String method;
    private final List<Object> args;
    private final String callbackUrl;

    /**
     * @param callbackUrl the call's {@code X-Vsip4x-Callback-Url}, else the simulator's
     *                    default, else {@code null}
     */
    public Call(String method, List<Object> args, String callbackUrl) {
        this.method = method;
        this.args = args;
        this.callbackUrl = callbackUrl;
    }

    /** The method's canonical name. */
    public String method() {
        return method;
    }

    /** Where the events this call causes go, or {@code null} for nowhere. */
    public String callbackUrl() {
        return callbackUrl;
    }

    /** Argument {@code index}, declared {@link ArgType#STRING}. */
    public String string(int index) {
        return (String) args.get(index);
    }

    /** Argument {@code index}, declared {@link ArgType#MAP}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(int index) {
        return (Map<String, Object>) args.get(index);
    }

    /** Argument {@code index}, declared {@link ArgType#LIST}. */
    public List<?> list(int index) {
        return (List<?>) args.get(index);
    }

    /** Argument {@code index}, declared {@link ArgType#ANY}: a string, number, boolean, map or list. */
    public Object value(int index) {
        return args.get(index);
    }

    /** Argument {@code index}, declared {@link ArgType#BOOLEAN}. */
    public boolean flag(int index) {
        return (Boolean) args.get(index);
    }
}
