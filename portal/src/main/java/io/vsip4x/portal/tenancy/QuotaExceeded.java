package io.vsip4x.portal.tenancy;

import io.vsip4x.portal.web.PortalException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Work that does not fit a quota: 409, with every resource that does not fit and its numbers.
 */
public class QuotaExceeded extends PortalException {

    /**
     * One resource that does not fit.
     *
     * @param personal whether the limit is the person's own cap rather than the tenant's
     */
    public record Excess(Resource resource, boolean personal, long limit, long used, long reserved, long asked) {

        /** What is still free of the limit. */
        public long free() {
            return Math.max(0, limit - used - reserved);
        }
    }

    private final List<Excess> excesses;

    public QuotaExceeded(List<Excess> excesses) {
        super(HttpStatus.CONFLICT, "error.quota.exceeded", null, summary(excesses));
        this.excesses = List.copyOf(excesses);
    }

    public List<Excess> excesses() {
        return excesses;
    }

    /** The numbers for API clients: {@code excesses}, one object per resource that does not fit. */
    @Override
    public Map<String, Object> properties() {
        List<Map<String, Object>> list = excesses.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("resource", e.resource().key());
            m.put("personal", e.personal());
            m.put("limit", e.limit());
            m.put("used", e.used());
            m.put("reserved", e.reserved());
            m.put("free", e.free());
            m.put("asked", e.asked());
            return m;
        }).toList();
        return Map.of("excesses", list);
    }

    private static String summary(List<Excess> excesses) {
        StringBuilder text = new StringBuilder();
        for (Excess e : excesses) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            text.append(e.resource().key()).append(' ').append(e.asked()).append(" > ").append(e.free())
                    .append(" (").append(e.limit()).append(" - ").append(e.used()).append(" - ")
                    .append(e.reserved()).append(')');
        }
        return text.toString();
    }
}
