package io.vsip4x.portal.audit;

import io.vsip4x.portal.web.FieldProblems;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.springframework.util.MultiValueMap;

/**
 * What the operation log is searched for. Every filter narrows what the asker may see anyway.
 * Times are instants: {@code from} is included, {@code to} is not. A local date-time is read in
 * the viewer's zone; one that falls into a daylight-saving gap (02:30 on the night clocks jump
 * from 02:00 to 03:00) is moved forward by the gap's length (to 03:30), as
 * {@link ZonedDateTime#of(LocalDateTime, ZoneId)} does; in an overlap the earlier offset is used.
 *
 * @param actor       the actor's account name, exactly (letter case aside)
 * @param target      the start of the target (letter case aside)
 * @param before      the keyset cursor: events older than it (the next page), or {@code null}
 * @param after       the keyset cursor: events newer than it (the previous page), or {@code null}
 * @param size        events per page, 1 to {@value #MAX_SIZE}
 */
public record AuditQuery(Instant from, Instant to, String actor, String tenant, String action, String targetType,
        String target, String result, String code, String correlation, Cursor before, Cursor after, int size) {

    /** Events per page when none is asked for. */
    public static final int DEFAULT_SIZE = 50;
    /** The most events one page holds. */
    public static final int MAX_SIZE = 200;
    /** The results an event can have. */
    public static final Set<String> RESULTS = Set.of(AuditService.SUCCESS, AuditService.FAILURE, AuditService.DENIED);

    private static final Instant LAST = LocalDate.of(10_000, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final DateTimeFormatter LOCAL_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final DateTimeFormatter LOCAL_SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final Map<String, Integer> LENGTHS = Map.of("actor", 64, "tenant", 32, "action", 64,
            "targetType", 16, "target", 128, "code", 16, "correlation", 36);

    /**
     * A position in the newest-first order: the event's time and id, written {@code <epochMillis>-<id>}.
     */
    public record Cursor(Instant at, long id) {

        /** The cursor of an event. */
        public static Cursor of(AuditEntry event) {
            return new Cursor(event.occurredAt(), event.id());
        }

        /** Reads {@code <epochMillis>-<id>}; {@code null} when it is not one. */
        static Cursor parse(String text) {
            int dash = text.lastIndexOf('-');
            if (dash <= 0 || dash == text.length() - 1) {
                return null;
            }
            try {
                long millis = Long.parseLong(text.substring(0, dash));
                long id = Long.parseLong(text.substring(dash + 1));
                Instant at = Instant.ofEpochMilli(millis);
                return id < 0 || !inRange(at) ? null : new Cursor(at, id);
            } catch (NumberFormatException | DateTimeException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return at.toEpochMilli() + "-" + id;
        }
    }

    /** No filter: the newest events first. */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, null, null, null, null, null, null,
                DEFAULT_SIZE);
    }

    /**
     * Reads the parameters of an address ({@code from}, {@code to}, {@code actor}, {@code tenant},
     * {@code action}, {@code targetType}, {@code target}, {@code result}, {@code code},
     * {@code correlation}, {@code cursor}, {@code after}, {@code size}); blank ones count as absent.
     * Times are ISO date-times with an offset, or local ones (or dates) in {@code zone}.
     *
     * @throws FieldProblems naming each parameter that is not valid
     */
    public static AuditQuery from(MultiValueMap<String, String> params, ZoneId zone) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        Instant from = time(params.getFirst("from"), "from", zone, problems);
        Instant to = time(params.getFirst("to"), "to", zone, problems);
        if (from != null && to != null && !from.isBefore(to)) {
            problems.reject("to", "audit.error.range");
        }
        Map<String, String> texts = new LinkedHashMap<>();
        for (String name : new String[] {"actor", "tenant", "action", "targetType", "target", "code",
                "correlation"}) {
            String value = blankToNull(params.getFirst(name));
            if (value != null && value.length() > LENGTHS.get(name)) {
                problems.reject(name, "audit.error.length", name, LENGTHS.get(name));
            }
            texts.put(name, value);
        }
        String result = blankToNull(params.getFirst("result"));
        if (result != null) {
            result = result.toUpperCase(Locale.ROOT);
            if (!RESULTS.contains(result)) {
                problems.reject("result", "audit.error.result", "result");
            }
        }
        Cursor before = cursor(params.getFirst("cursor"), "cursor", problems);
        Cursor after = cursor(params.getFirst("after"), "after", problems);
        if (before != null && after != null) {
            problems.reject("after", "audit.error.bothCursors");
        }
        int size = DEFAULT_SIZE;
        String sizeText = blankToNull(params.getFirst("size"));
        if (sizeText != null) {
            try {
                size = Integer.parseInt(sizeText);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_SIZE) {
                problems.reject("size", "audit.error.size", "size", 1, MAX_SIZE);
            }
        }
        problems.throwIfAny();
        return new AuditQuery(from, to, texts.get("actor"), texts.get("tenant"), texts.get("action"),
                texts.get("targetType"), texts.get("target"), result, texts.get("code"), texts.get("correlation"),
                before, after, size);
    }

    /** Whether anything narrows the log (the cursor and the size do not). */
    public boolean filtered() {
        return from != null || to != null || tenant != null || result != null || !onlyTimeTenantResult();
    }

    /** Whether the only filters are the time range, the tenant and the result (what the hourly counts keep). */
    public boolean onlyTimeTenantResult() {
        return actor == null && action == null && targetType == null && target == null && code == null
                && correlation == null;
    }

    /** This filter from its newest event on (no cursor). */
    public AuditQuery first() {
        return new AuditQuery(from, to, actor, tenant, action, targetType, target, result, code, correlation,
                null, null, size);
    }

    /** This filter, the page older than {@code cursor}. */
    public AuditQuery olderThan(Cursor cursor) {
        return new AuditQuery(from, to, actor, tenant, action, targetType, target, result, code, correlation,
                cursor, null, size);
    }

    /** This filter within another time range. */
    public AuditQuery between(Instant newFrom, Instant newTo) {
        return new AuditQuery(newFrom, newTo, actor, tenant, action, targetType, target, result, code,
                correlation, before, after, size);
    }

    /**
     * The filter's parameters (times as ISO date-times with the offset of {@code zone}), without
     * cursor; the size only when it is not the default.
     */
    public Map<String, String> params(ZoneId zone) {
        Map<String, String> params = new LinkedHashMap<>();
        put(params, "from", from == null ? null : OffsetDateTime.ofInstant(from, zone).toString());
        put(params, "to", to == null ? null : OffsetDateTime.ofInstant(to, zone).toString());
        put(params, "actor", actor);
        put(params, "tenant", tenant);
        put(params, "action", action);
        put(params, "targetType", targetType);
        put(params, "target", target);
        put(params, "result", result);
        put(params, "code", code);
        put(params, "correlation", correlation);
        put(params, "size", size == DEFAULT_SIZE ? null : String.valueOf(size));
        return params;
    }

    /** The address {@code path} with this filter's parameters and, when given, one more. */
    public String url(String path, ZoneId zone, String extraName, String extraValue) {
        Map<String, String> params = params(zone);
        if (extraValue != null) {
            params.put(extraName, extraValue);
        }
        StringJoiner query = new StringJoiner("&", path + "?", "").setEmptyValue(path);
        params.forEach((name, value) -> query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }

    /** {@code instant} as a {@code datetime-local} field shows it in {@code zone}; empty for none. */
    public static String local(Instant instant, ZoneId zone) {
        if (instant == null) {
            return "";
        }
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        return (local.getSecond() == 0 && local.getNano() == 0 ? LOCAL_MINUTE : LOCAL_SECOND).format(local);
    }

    private static void put(Map<String, String> params, String name, String value) {
        if (value != null) {
            params.put(name, value);
        }
    }

    private static Instant time(String text, String field, ZoneId zone, FieldProblems.Collector problems) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        Instant instant = parseTime(value, zone);
        if (instant == null || !inRange(instant)) {
            problems.reject(field, "audit.error.time", field);
            return null;
        }
        return instant;
    }

    /** An offset date-time, else a local date-time or a date in the viewer's zone; {@code null} if neither. */
    private static Instant parseTime(String value, ZoneId zone) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            // Not with an offset: a local date-time or a date in the viewer's zone, below.
        }
        try {
            return ZonedDateTime.of(LocalDateTime.parse(value), zone).toInstant();
        } catch (DateTimeException e) {
            // Perhaps a date alone.
        }
        try {
            return LocalDate.parse(value).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Times the database can compare: from 1970 to the end of year 9999. */
    static boolean inRange(Instant instant) {
        return !instant.isBefore(Instant.EPOCH) && instant.isBefore(LAST);
    }

    private static Cursor cursor(String text, String field, FieldProblems.Collector problems) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        Cursor cursor = Cursor.parse(value);
        if (cursor == null) {
            problems.reject(field, "audit.error.cursor", field);
        }
        return cursor;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
