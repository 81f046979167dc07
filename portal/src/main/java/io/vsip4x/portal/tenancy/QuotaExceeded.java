package io.vsip4x.portal.tenancy;

import io.vsip4x.portal.web.PortalException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;

/**
 * Work that does not fit a quota: 409, with every resource that does not fit and its numbers.
 * The message names each resource in the reader's language ({@code quota.excess.KEY}, the
 * limit being the department's quota or the person's own cap); the operation log keeps the
 * numbers by the resources' API keys.
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

    /**
     * The readable list of excesses: each one resolved by its message key when shown, the raw
     * numbers by API key in {@link #toString()} (for the operation log).
     */
    private static DefaultMessageSourceResolvable summary(List<Excess> excesses) {
        Summary text = null;
        StringBuilder raw = new StringBuilder();
        for (Excess e : excesses) {
            if (!raw.isEmpty()) {
                raw.append("; ");
            }
            raw.append(e.resource().key()).append(' ').append(e.asked()).append(" > ").append(e.free())
                    .append(" (").append(e.limit()).append(" - ").append(e.used()).append(" - ")
                    .append(e.reserved()).append(')');
            DefaultMessageSourceResolvable one = new DefaultMessageSourceResolvable(
                    new String[] {"quota.excess." + e.resource().key()},
                    new Object[] {e.asked(), e.free(), e.limit(), e.used(), e.reserved(),
                        new DefaultMessageSourceResolvable(
                                e.personal() ? "quota.excess.personal" : "quota.excess.tenant")});
            text = text == null ? new Summary(one, raw.toString())
                    : new Summary(new DefaultMessageSourceResolvable(new String[] {"quota.excess.join"},
                            new Object[] {text, one}), raw.toString());
        }
        return text == null ? new Summary(new DefaultMessageSourceResolvable(new String[0], new Object[0], ""), "")
                : text;
    }

    /** A resolvable message that reads as the raw numbers in logs. */
    private static final class Summary extends DefaultMessageSourceResolvable {

        private static final long serialVersionUID = 1L;
        private final String raw;

        Summary(DefaultMessageSourceResolvable message, String raw) {
            super(message);
            this.raw = raw;
        }

        @Override
        public String toString() {
            return raw;
        }
    }
}
