package io.vsip4x.simulator.methods;

import io.vsip4x.sdk.model.OperateLogEntry;
import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code operateLog}: takes one audit record and keeps the latest {@link #CAPACITY} in memory.
 * The call is asynchronous without a callback (catalog A40): accepted records answer 0 at once.
 * Keys may carry the spec's stray spaces (catalog A07; the binding trims them). {@code username},
 * {@code operate} and {@code result} are required; {@code result} must be a JSON boolean and the
 * other six strings (catalog A40, A59); anything else answers 2003 and keeps nothing.
 */
public final class AuditMethods {

    /** How many records are kept; the oldest go first. */
    public static final int CAPACITY = 1_000;

    private static final Logger log = LoggerFactory.getLogger(AuditMethods.class);
    private static final List<String> TEXT_KEYS =
            List.of("username", "resourceId", "operate", "content", "ipAddress", "logLevel");
    private static final List<String> REQUIRED = List.of("username", "operate", "result");

    private final Deque<OperateLogEntry> entries = new ArrayDeque<>();

    /** Serves this group's method through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        registry.register("operateLog", this::operateLog, ArgType.MAP);
    }

    /** The records received, oldest first. */
    public synchronized List<OperateLogEntry> entries() {
        return List.copyOf(entries);
    }

    private Object operateLog(Call call) {
        Map<String, Object> params = call.map(0);
        for (String key : REQUIRED) {
            Object value = params.get(key);
            if (value == null || value instanceof String text && text.isBlank()) {
                throw new InvalidParamsException(key + " is required");
            }
        }
        for (String key : TEXT_KEYS) {
            if (params.containsKey(key) && params.get(key) != null && !(params.get(key) instanceof String)) {
                throw new InvalidParamsException(key + " must be a string");
            }
        }
        if (!(params.get("result") instanceof Boolean)) {
            throw new InvalidParamsException("result must be a boolean");
        }
        OperateLogEntry entry = OperateLogEntry.from(params);
        synchronized (this) {
            if (entries.size() >= CAPACITY) {
                entries.removeFirst();
            }
            entries.addLast(entry);
        }
        log.debug("Kept an operation log record of user '{}'", entry.username());
        return Answers.result(Answers.OK);
    }
}
