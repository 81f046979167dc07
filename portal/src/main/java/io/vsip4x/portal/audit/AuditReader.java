package io.vsip4x.portal.audit;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.web.FieldProblems;
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
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reading the operation log as a person may: pages, one event with its seal and correlated
 * events, every event of a filter (for an export), and the events per day by result.
 */
@Service
public class AuditReader {

    /** The days a chart covers when the filter names no time range. */
    static final int DEFAULT_CHART_DAYS = 30;
    /** The longest time a chart counted from the events covers; a longer range is cut to its last part. */
    static final Duration MAX_CHART_RANGE = Duration.ofDays(366);
    /** The longest time a chart from the hourly counts covers (three years); a longer range is refused. */
    static final Duration MAX_HOURLY_RANGE = Duration.ofDays(1096);
    private static final Duration HOUR = Duration.ofHours(1);
    /** After the newest archived event's hour, the hours whose archived events may still be in the hourly counts. */
    private static final Duration ARCHIVE_MARGIN = Duration.ofHours(1);
    /** Counting the events themselves: in slices of a quarter hour, so every zone's days are whole. */
    private static final int SLICE_SECONDS = 900;

    /** The scope of an event's correlated events, once the viewer may see the event itself. */
    private static final AuditScope EVERY_EVENT = new AuditScope(AuditScope.Kind.ALL, null, List.of());

    private final AuditSearch search;
    private final Clock clock;

    private final TransactionTemplate snapshot;

    AuditReader(AuditSearch search, Clock clock, PlatformTransactionManager transactions) {
        this.search = search;
        this.clock = clock;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
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
     * @param source  {@code hourly} when read from the hourly counts (and the events at the edges),
     *                {@code events} when counted from the events
     * @param clamped whether {@code from} is later than the filter's: the range was cut to its last
     *                {@link #MAX_CHART_RANGE}
     */
    public record Chart(Instant from, Instant to, String zone, List<String> days, Map<String, List<Long>> counts,
            String source, boolean clamped) {
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
     * {@value #DEFAULT_CHART_DAYS} days. Exact for any {@code from} and {@code to}, as the list
     * counts.
     *
     * <p>When the filter is only time, tenant and result and the scope is every event or a
     * tenant's, the range may be up to {@link #MAX_HOURLY_RANGE} (a 400 naming {@code from}
     * beyond): the UTC hours fully inside it come from the sealer's hourly counts, everything else
     * from the events (see {@link #countHourlyExactly}). Otherwise the events are counted, over at
     * most {@link #MAX_CHART_RANGE}: a longer range is cut to its last part, and the answer says so
     * ({@code clamped}, with the {@code from} it covers).
     *
     * @throws FieldProblems when the hourly range is longer than {@link #MAX_HOURLY_RANGE}
     */
    public Chart chart(CurrentUser user, AuditQuery query, ZoneId zone) {
        Instant to = query.to() != null ? query.to() : clock.instant();
        Instant from = query.from() != null ? query.from()
                : LocalDate.ofInstant(to, zone).minusDays(DEFAULT_CHART_DAYS - 1L).atStartOfDay(zone).toInstant();
        AuditScope scope = scope(user);
        boolean hourly = scope.countedHourly() && query.onlyTimeTenantResult();
        boolean clamped = false;
        if (hourly && Duration.between(from, to).compareTo(MAX_HOURLY_RANGE) > 0) {
            throw FieldProblems.of("from", "audit.error.chartRange", "from", MAX_HOURLY_RANGE.toDays());
        }
        if (!hourly && Duration.between(from, to).compareTo(MAX_CHART_RANGE) > 0) {
            from = to.minus(MAX_CHART_RANGE);
            clamped = true;
        }
        Instant start = from;
        Map<Instant, Map<String, Long>> slices = hourly
                ? snapshot.execute(status -> countHourlyExactly(scope, query, start, to, zone))
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
        slices.forEach((sliceStart, byResult) -> {
            int index = (int) ChronoUnit.DAYS.between(first, LocalDate.ofInstant(sliceStart, zone));
            if (index >= 0 && index < days.size()) {
                byResult.forEach((result, n) -> {
                    List<Long> perDay = counts.get(result);
                    if (perDay != null) {
                        perDay.set(index, perDay.get(index) + n);
                    }
                });
            }
        });
        return new Chart(from, to, zone.getId(), days, counts, hourly ? "hourly" : "events", clamped);
    }

    /**
     * Exact counts over [{@code from}, {@code to}) from the hourly counts where they are whole and
     * complete, from the events elsewhere. Each UTC hour is read from exactly one of the two, so
     * no event is counted twice:
     * <ul>
     * <li>from the events, in quarter-hour slices: the partial hours at the two edges, each hour
     * that a day of {@code zone} starts inside (zones such as Asia/Kolkata, +05:30), each hour
     * that holds an event the sealer has not sealed yet (the hourly counts only hold sealed
     * events), and the hours of archived events (removed from the table, still in the hourly
     * counts; few events are left there, so this is cheap);</li>
     * <li>from {@code audit_hourly}: every other whole hour inside the range.</li>
     * </ul>
     * It all runs in one repeatable-read snapshot, in which the sealer's round (seals, hourly
     * counts, the chain's head) is all or nothing: an event is either sealed and in its hour's
     * count, or unsealed and its hour is counted from the events. An event whose transaction
     * commits after the snapshot is in neither, as it is in no list read at that moment.
     */
    Map<Instant, Map<String, Long>> countHourlyExactly(AuditScope scope, AuditQuery query, Instant from,
            Instant to, ZoneId zone) {
        Instant firstHour = from.truncatedTo(ChronoUnit.HOURS);
        if (firstHour.isBefore(from)) {
            firstHour = firstHour.plus(HOUR);
        }
        Instant endHour = to.truncatedTo(ChronoUnit.HOURS);
        List<Instant[]> ranges = new ArrayList<>();
        if (!firstHour.isBefore(endHour)) {
            if (from.isBefore(to)) {
                ranges.add(new Instant[] {from, to});
            }
            return search.countRanges(scope, query, ranges, SLICE_SECONDS);
        }
        Set<Instant> fromEvents = new TreeSet<>(search.unsealedHours(firstHour, endHour));
        for (LocalDate day = LocalDate.ofInstant(firstHour, zone); ; day = day.plusDays(1)) {
            Instant dayStart = day.atStartOfDay(zone).toInstant();
            if (!dayStart.isBefore(endHour)) {
                break;
            }
            Instant hour = dayStart.truncatedTo(ChronoUnit.HOURS);
            if (dayStart.isAfter(firstHour) && !hour.equals(dayStart)) {
                fromEvents.add(hour);
            }
        }
        Optional<Instant> archived = search.archivedUntil();
        if (archived.isPresent()) {
            // Archived events left the table but not the hourly counts: the hours up to the newest
            // archived one (and an hour beyond, for events sealed out of time order) are counted
            // from what is left of them in the table, which is little.
            Instant limit = archived.get().truncatedTo(ChronoUnit.HOURS).plus(ARCHIVE_MARGIN);
            for (Instant hour = firstHour; hour.isBefore(endHour) && !hour.isAfter(limit); hour = hour.plus(HOUR)) {
                fromEvents.add(hour);
            }
        }
        if (from.isBefore(firstHour)) {
            ranges.add(new Instant[] {from, firstHour});
        }
        for (Instant hour : fromEvents) {
            Instant[] previous = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (previous != null && previous[1].equals(hour)) {
                previous[1] = hour.plus(HOUR);
            } else {
                ranges.add(new Instant[] {hour, hour.plus(HOUR)});
            }
        }
        if (endHour.isBefore(to)) {
            Instant[] previous = ranges.isEmpty() ? null : ranges.get(ranges.size() - 1);
            if (previous != null && previous[1].equals(endHour)) {
                previous[1] = to;
            } else {
                ranges.add(new Instant[] {endHour, to});
            }
        }
        Map<Instant, Map<String, Long>> counts = search.countHourly(scope, query.between(firstHour, endHour));
        counts.keySet().removeAll(fromEvents);
        search.countRanges(scope, query, ranges, SLICE_SECONDS).forEach((slice, byResult) -> byResult.forEach(
                (result, n) -> counts.computeIfAbsent(slice, k -> new LinkedHashMap<>()).merge(result, n,
                        Long::sum)));
        return counts;
    }

    /** The plan of counting {@code ranges} from the events for {@code user}, for tests that keep it on an index. */
    List<Map<String, Object>> explainRanges(CurrentUser user, AuditQuery query, List<Instant[]> ranges) {
        return search.explainRanges(scope(user), query, ranges);
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
