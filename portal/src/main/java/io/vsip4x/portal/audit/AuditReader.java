package io.vsip4x.portal.audit;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.web.PortalException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;

/**
 * Reading the operation log as a person may: pages, one event with its seal and correlated
 * events, every event of a filter (for an export), and the events per day by result.
 */
@Service
public class AuditReader {

    /** The days a chart covers when the filter names no time range. */
    static final int DEFAULT_CHART_DAYS = 30;
    /** The longest time a chart covers; a longer range is cut to its last part. */
    static final Duration MAX_CHART_RANGE = Duration.ofDays(366);
    /** Counting the events themselves: in slices of a quarter hour, so every zone's days are whole. */
    private static final int SLICE_SECONDS = 900;

    /** The scope of an event's correlated events, once the viewer may see the event itself. */
    private static final AuditScope EVERY_EVENT = new AuditScope(AuditScope.Kind.ALL, null, List.of());

    private final AuditSearch search;
    private final Clock clock;

    AuditReader(AuditSearch search, Clock clock) {
        this.search = search;
        this.clock = clock;
    }

    /** One page, with the events newest first and whether there are older and newer ones. */
    public record Page(List<AuditEntry> items, AuditQuery.Cursor next, AuditQuery.Cursor previous, int size) {
    }

    /**
     * One event, its link of the chain ({@code null} until sealed) and its correlated events, oldest
     * first: all of them, whoever their actor, as consequences of the event's request.
     * {@code openable} lists those of them the viewer may also open on their own.
     */
    public record Detail(AuditEntry event, Seal seal, List<AuditEntry> correlated, List<Long> openable) {
    }

    /** An event's link of the chain. */
    public record Seal(long seq, String hash) {
    }

    /**
     * Events per day of the viewer's zone and result, over {@code from} (included) to {@code to}.
     *
     * @param days   the days, oldest first, as ISO dates
     * @param counts per result ({@code SUCCESS}, {@code FAILURE}, {@code DENIED}), one count per day
     * @param source {@code hourly} when read from the hourly counts, {@code events} when counted from the events
     */
    public record Chart(Instant from, Instant to, String zone, List<String> days, Map<String, List<Long>> counts,
            String source) {
    }

    /** The page of {@code query} that {@code user} may see. */
    public Page page(CurrentUser user, AuditQuery query) {
        AuditSearch.Page page = search.page(scope(user), query);
        List<AuditEntry> items = page.items();
        AuditQuery.Cursor next = page.hasOlder() && !items.isEmpty()
                ? AuditQuery.Cursor.of(items.get(items.size() - 1)) : null;
        AuditQuery.Cursor previous = page.hasNewer() && !items.isEmpty() ? AuditQuery.Cursor.of(items.get(0)) : null;
        return new Page(items, next, previous, query.size());
    }

    /**
     * The event {@code id} with its seal and correlated events. A viewer who may see the event sees
     * every event of its correlation id (the platform's outcome of their own action, say), not only
     * those of their scope.
     *
     * @throws PortalException 404 when there is no such event or {@code user} may not see it
     */
    public Detail detail(CurrentUser user, long id) {
        AuditScope scope = scope(user);
        AuditEntry event = search.event(scope, id).orElseThrow(() -> PortalException.notFound("audit.notFound"));
        Seal seal = search.seal(id).map(s -> new Seal(s.seq(), s.hash())).orElse(null);
        if (event.correlationId() == null) {
            return new Detail(event, seal, List.of(), List.of());
        }
        List<AuditEntry> correlated = search.correlated(EVERY_EVENT, event.correlationId());
        List<Long> openable = scope.kind() == AuditScope.Kind.ALL ? correlated.stream().map(AuditEntry::id).toList()
                : search.correlated(scope, event.correlationId()).stream().map(AuditEntry::id).toList();
        return new Detail(event, seal, correlated, openable);
    }

    /** Hands every event of {@code query} that {@code user} may see to {@code sink}, a batch at a time. */
    public void each(CurrentUser user, AuditQuery query, Consumer<List<AuditEntry>> sink) {
        search.each(scope(user), query, sink);
    }

    /** The plan of the page query, for tests that keep it on an index. */
    public List<Map<String, Object>> explain(CurrentUser user, AuditQuery query) {
        return search.explain(scope(user), query);
    }

    /**
     * Events per day (of {@code zone}) by result for {@code query}: by default the last
     * {@value #DEFAULT_CHART_DAYS} days, at most {@link #MAX_CHART_RANGE}. Read from the hourly
     * counts when the filter is only time, tenant and result and the scope is every event or a
     * tenant's; counted from the events otherwise.
     */
    public Chart chart(CurrentUser user, AuditQuery query, ZoneId zone) {
        Instant to = query.to() != null ? query.to() : clock.instant();
        Instant from = query.from() != null ? query.from()
                : LocalDate.ofInstant(to, zone).minusDays(DEFAULT_CHART_DAYS - 1L).atStartOfDay(zone).toInstant();
        if (Duration.between(from, to).compareTo(MAX_CHART_RANGE) > 0) {
            from = to.minus(MAX_CHART_RANGE);
        }
        AuditScope scope = scope(user);
        boolean hourly = scope.countedHourly() && query.onlyTimeTenantResult();
        Map<Instant, Map<String, Long>> slices = hourly
                ? search.countHourly(scope, query.between(from.truncatedTo(ChronoUnit.HOURS), to))
                : search.countEvents(scope, query.between(from, to), SLICE_SECONDS);

        LocalDate first = LocalDate.ofInstant(from, zone);
        LocalDate last = LocalDate.ofInstant(to.minusMillis(1), zone);
        List<String> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            days.add(day.toString());
        }
        Map<String, List<Long>> counts = new LinkedHashMap<>();
        for (String result : List.of(AuditService.SUCCESS, AuditService.FAILURE, AuditService.DENIED)) {
            List<Long> perDay = new ArrayList<>(days.size());
            days.forEach(d -> perDay.add(0L));
            counts.put(result, perDay);
        }
        slices.forEach((start, byResult) -> {
            int index = (int) ChronoUnit.DAYS.between(first, LocalDate.ofInstant(start, zone));
            if (index >= 0 && index < days.size()) {
                byResult.forEach((result, n) -> {
                    List<Long> perDay = counts.get(result);
                    if (perDay != null) {
                        perDay.set(index, perDay.get(index) + n);
                    }
                });
            }
        });
        return new Chart(from, to, zone.getId(), days, counts, hourly ? "hourly" : "events");
    }

    /** Which events {@code user} sees: {@code all}, {@code auditors} (and own), {@code tenant} or {@code own}. */
    public static String reach(CurrentUser user) {
        AuditScope scope = AuditScope.of(user, List::of);
        return switch (scope.kind()) {
            case ALL -> "all";
            case TENANT -> "tenant";
            case ACTORS -> user.has(Role.SECURITY_ADMIN) ? "auditors" : "own";
        };
    }

    private AuditScope scope(CurrentUser user) {
        return AuditScope.of(user, search::auditors);
    }
}
