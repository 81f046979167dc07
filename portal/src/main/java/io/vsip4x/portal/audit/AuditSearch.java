package io.vsip4x.portal.audit;

import io.vsip4x.portal.web.PortalException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the operation log's search: newest first ({@code occurred_at DESC, id DESC}), paged
 * by keyset so a page deep in ten million events costs what the first does, each filter on a
 * column with an index of its own that ends in {@code occurred_at}. The asker's scope is a
 * condition of the same query.
 */
@Repository
class AuditSearch {

    /** Events read per query of an export. */
    static final int EXPORT_BATCH = 1000;
    /** The most correlated events an event's detail shows. */
    static final int MAX_CORRELATED = 200;

    private final JdbcClient jdbc;

    AuditSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One page: its events newest first, and whether older and newer ones match too. */
    record Page(List<AuditEntry> items, boolean hasOlder, boolean hasNewer) {
    }

    /** The page of {@code query} (after its cursor, if any) that {@code scope} may see. */
    Page page(AuditScope scope, AuditQuery query) {
        Where where = where(scope, query);
        boolean backwards = query.after() != null;
        List<AuditEntry> rows = new ArrayList<>(bounded(query, () -> jdbc.sql(limit(query) + "SELECT "
                        + AuditEntry.COLUMNS + " FROM audit_event" + where.sql
                        + (backwards ? " ORDER BY occurred_at, id" : " ORDER BY occurred_at DESC, id DESC")
                        + " LIMIT :limit")
                .params(where.params).param("limit", query.size() + 1)
                .query(AuditRows.MAPPER).list()));
        boolean more = rows.size() > query.size();
        if (more) {
            rows.remove(rows.size() - 1);
        }
        if (backwards) {
            Collections.reverse(rows);
            return new Page(rows, true, more);
        }
        return new Page(rows, more, query.before() != null);
    }

    /** The plan of {@link #page}'s query, for tests that keep it on an index. */
    List<Map<String, Object>> explain(AuditScope scope, AuditQuery query) {
        Where where = where(scope, query);
        return jdbc.sql("EXPLAIN SELECT " + AuditEntry.COLUMNS + " FROM audit_event" + where.sql
                        + " ORDER BY occurred_at DESC, id DESC LIMIT :limit")
                .params(where.params).param("limit", query.size() + 1).query().listOfRows();
    }

    /**
     * Hands every event of {@code query} that {@code scope} may see to {@code sink}, newest first,
     * reading {@value #EXPORT_BATCH} at a time along the keyset, so no more than one batch is held.
     */
    void each(AuditScope scope, AuditQuery query, Consumer<List<AuditEntry>> sink) {
        AuditQuery next = query.first();
        while (true) {
            Where where = where(scope, next);
            AuditQuery batchQuery = next;
            List<AuditEntry> batch = bounded(next, () -> jdbc.sql(limit(batchQuery) + "SELECT " + AuditEntry.COLUMNS
                            + " FROM audit_event" + where.sql + " ORDER BY occurred_at DESC, id DESC LIMIT :limit")
                    .params(where.params).param("limit", EXPORT_BATCH)
                    .query(AuditRows.MAPPER).list());
            if (batch.isEmpty()) {
                return;
            }
            sink.accept(batch);
            if (batch.size() < EXPORT_BATCH) {
                return;
            }
            next = next.olderThan(AuditQuery.Cursor.of(batch.get(batch.size() - 1)));
        }
    }

    /** The event, when {@code scope} may see it. */
    Optional<AuditEntry> event(AuditScope scope, long id) {
        Where where = where(scope, AuditQuery.all());
        return jdbc.sql("SELECT " + AuditEntry.COLUMNS + " FROM audit_event" + where.sql + " AND id = :id")
                .params(where.params).param("id", id).query(AuditRows.MAPPER).optional();
    }

    /**
     * The events of {@code correlationId} that {@code scope} may see, oldest first, at most
     * {@value #MAX_CORRELATED}.
     */
    List<AuditEntry> correlated(AuditScope scope, String correlationId) {
        Where where = where(scope, AuditQuery.all());
        return jdbc.sql("SELECT " + AuditEntry.COLUMNS + " FROM audit_event" + where.sql
                        + " AND correlation_id = :correlationId ORDER BY occurred_at, id LIMIT :limit")
                .params(where.params).param("correlationId", correlationId).param("limit", MAX_CORRELATED)
                .query(AuditRows.MAPPER).list();
    }

    /** The event's link of the chain, once the sealer has given it one. */
    Optional<Seal> seal(long eventId) {
        return jdbc.sql("SELECT seq, hash FROM audit_seal WHERE event_id = :id").param("id", eventId)
                .query((rs, n) -> new Seal(rs.getLong(1), rs.getString(2))).optional();
    }

    /** An event's place in the chain. */
    record Seal(long seq, String hash) {
    }

    /** The accounts that hold the auditor role now. */
    List<String> auditors() {
        return jdbc.sql("""
                SELECT u.username
                  FROM app_user u
                  JOIN user_role r ON r.user_id = u.id
                 WHERE r.role = 'AUDITOR'""").query(String.class).list();
    }

    /**
     * Events per slice of {@code sliceSeconds} (from the epoch, UTC) and result, from the events
     * themselves: for filters the hourly counts cannot answer. Keys: slice start, result.
     */
    Map<Instant, Map<String, Long>> countEvents(AuditScope scope, AuditQuery query, int sliceSeconds) {
        Where where = where(scope, query.first());
        Map<Instant, Map<String, Long>> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT FLOOR(UNIX_TIMESTAMP(occurred_at) / :slice) AS slice, result, COUNT(*) FROM audit_event"
                        + where.sql + " GROUP BY slice, result")
                .params(where.params).param("slice", sliceSeconds)
                .query(rs -> {
                    Instant at = Instant.ofEpochSecond(rs.getLong(1) * sliceSeconds);
                    counts.computeIfAbsent(at, k -> new LinkedHashMap<>()).merge(rs.getString(2), rs.getLong(3),
                            Long::sum);
                });
        return counts;
    }

    /** The most time ranges one query of {@link #countRanges} reads; more take further queries. */
    static final int RANGES_PER_QUERY = 100;

    /**
     * Like {@link #countEvents}, but only over {@code ranges} (each {@code [start, end)}, each
     * short): the index of the filter (or of {@code occurred_at}) is read in one bounded piece per
     * range, whatever the length of the whole time range.
     */
    Map<Instant, Map<String, Long>> countRanges(AuditScope scope, AuditQuery query, List<Instant[]> ranges,
            int sliceSeconds) {
        Map<Instant, Map<String, Long>> counts = new LinkedHashMap<>();
        for (int start = 0; start < ranges.size(); start += RANGES_PER_QUERY) {
            Where where = inRanges(scope, query,
                    ranges.subList(start, Math.min(ranges.size(), start + RANGES_PER_QUERY)));
            jdbc.sql("SELECT FLOOR(UNIX_TIMESTAMP(occurred_at) / :slice) AS slice, result, COUNT(*)"
                            + " FROM audit_event" + where.sql + " GROUP BY slice, result")
                    .params(where.params).param("slice", sliceSeconds)
                    .query(rs -> {
                        Instant at = Instant.ofEpochSecond(rs.getLong(1) * sliceSeconds);
                        counts.computeIfAbsent(at, k -> new LinkedHashMap<>()).merge(rs.getString(2),
                                rs.getLong(3), Long::sum);
                    });
        }
        return counts;
    }

    /** The plan of {@link #countRanges}'s query (up to {@value #RANGES_PER_QUERY} ranges), for tests. */
    List<Map<String, Object>> explainRanges(AuditScope scope, AuditQuery query, List<Instant[]> ranges) {
        Where where = inRanges(scope, query, ranges);
        return jdbc.sql("EXPLAIN SELECT FLOOR(UNIX_TIMESTAMP(occurred_at) / 900) AS slice, result, COUNT(*)"
                        + " FROM audit_event" + where.sql + " GROUP BY slice, result")
                .params(where.params).query().listOfRows();
    }

    private static Where inRanges(AuditScope scope, AuditQuery query, List<Instant[]> ranges) {
        Where where = where(scope, query.between(null, null).first());
        StringBuilder or = new StringBuilder();
        Map<String, Object> params = new LinkedHashMap<>(where.params);
        for (int i = 0; i < ranges.size(); i++) {
            or.append(i == 0 ? "" : " OR ").append("(occurred_at >= :rf").append(i)
                    .append(" AND occurred_at < :rt").append(i).append(')');
            params.put("rf" + i, Timestamp.from(ranges.get(i)[0]));
            params.put("rt" + i, Timestamp.from(ranges.get(i)[1]));
        }
        return new Where(where.sql + " AND (" + or + ")", params);
    }

    /**
     * The time of the newest event archived (and removed from the table), if any: the hourly counts
     * still hold the archived events, the list does not.
     */
    Optional<Instant> archivedUntil() {
        return Optional.ofNullable(jdbc.sql("SELECT MAX(newest_at) FROM audit_archive").query(Timestamp.class)
                .optional().orElse(null)).map(Timestamp::toInstant);
    }

    /**
     * The hours (UTC) in [{@code from}, {@code to}) that hold an event the sealer has not sealed
     * yet (after the chain's last event, or a gap it waits for): their hourly counts lack it.
     * Normally a second's worth of events, read along the primary key.
     */
    Set<Instant> unsealedHours(Instant from, Instant to) {
        long last = jdbc.sql("SELECT last_event_id FROM audit_chain WHERE id = 1").query(Long.class).single();
        Set<Instant> hours = new HashSet<>();
        jdbc.sql("""
                SELECT DISTINCT FLOOR(UNIX_TIMESTAMP(occurred_at) / 3600) FROM audit_event
                 WHERE id > :last AND occurred_at >= :from AND occurred_at < :to
                UNION
                SELECT DISTINCT FLOOR(UNIX_TIMESTAMP(e.occurred_at) / 3600)
                  FROM audit_gap g JOIN audit_event e ON e.id = g.event_id
                 WHERE e.occurred_at >= :from AND e.occurred_at < :to""")
                .param("last", last).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(rs -> {
                    hours.add(Instant.ofEpochSecond(rs.getLong(1) * 3600));
                });
        return hours;
    }

    /**
     * Events per hour (UTC) and result from the sealer's hourly counts, for a scope and filter of
     * time, tenant and result only. Hours are counted whole: those starting in [{@code from}, {@code to});
     * only SEALED events are in these counts.
     */
    Map<Instant, Map<String, Long>> countHourly(AuditScope scope, AuditQuery query) {
        StringBuilder sql = new StringBuilder("""
                SELECT hour_start, result, SUM(events)
                  FROM audit_hourly
                 WHERE hour_start >= :from AND hour_start < :to""");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("from", Timestamp.from(query.from()));
        params.put("to", Timestamp.from(query.to()));
        if (scope.kind() == AuditScope.Kind.TENANT) {
            sql.append(" AND tenant_code = :scopeTenant");
            params.put("scopeTenant", scope.tenant());
        }
        if (query.tenant() != null) {
            sql.append(" AND tenant_code = :tenant");
            params.put("tenant", query.tenant());
        }
        if (query.result() != null) {
            sql.append(" AND result = :result");
            params.put("result", query.result());
        }
        sql.append(" GROUP BY hour_start, result");
        Map<Instant, Map<String, Long>> counts = new LinkedHashMap<>();
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            counts.computeIfAbsent(rs.getTimestamp(1).toInstant(), k -> new LinkedHashMap<>())
                    .merge(rs.getString(2), rs.getLong(3), Long::sum);
        });
        return counts;
    }

    private record Where(String sql, Map<String, Object> params) {
    }

    /** A target filter starting with this looks for the rest anywhere in the target. */
    static final String ANYWHERE = "*";
    /** Seconds a search anywhere in the targets may take before it is given up (MariaDB's statement limit). */
    static final int BOUNDED_SECONDS = 10;
    /** MariaDB's error when a statement ran past max_statement_time. */
    private static final int STATEMENT_TIMEOUT = 1969;

    private static boolean anywhere(AuditQuery query) {
        return query.target() != null && query.target().startsWith(ANYWHERE) && query.target().length() > 1;
    }

    /** The statement limit of a search anywhere in the targets, which no index serves. */
    private static String limit(AuditQuery query) {
        return anywhere(query) ? "SET STATEMENT max_statement_time = " + BOUNDED_SECONDS + " FOR " : "";
    }

    /** Runs a read, turning a search that ran past its limit into a clear refusal. */
    private static <T> T bounded(AuditQuery query, Supplier<T> read) {
        try {
            return read.get();
        } catch (DataAccessException e) {
            if (anywhere(query) && e.getMostSpecificCause() instanceof SQLException sql
                    && sql.getErrorCode() == STATEMENT_TIMEOUT) {
                throw new PortalException(HttpStatus.BAD_REQUEST, "audit.error.searchTooLong", null,
                        BOUNDED_SECONDS);
            }
            throw e;
        }
    }

    private static Where where(AuditScope scope, AuditQuery query) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        switch (scope.kind()) {
            case ALL -> conditions.add("1 = 1");
            case TENANT -> {
                conditions.add("tenant_code = :scopeTenant");
                params.put("scopeTenant", scope.tenant());
            }
            case ACTORS -> {
                conditions.add("actor IN (:scopeActors)");
                params.put("scopeActors", scope.actors());
            }
            default -> throw new IllegalStateException("Unknown scope " + scope.kind());
        }
        if (query.from() != null) {
            conditions.add("occurred_at >= :from");
            params.put("from", Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            conditions.add("occurred_at < :to");
            params.put("to", Timestamp.from(query.to()));
        }
        equal(conditions, params, "actor", "actor", query.actor());
        equal(conditions, params, "tenant_code", "tenant", query.tenant());
        equal(conditions, params, "action", "action", query.action());
        equal(conditions, params, "target_type", "targetType", query.targetType());
        equal(conditions, params, "result", "result", query.result());
        equal(conditions, params, "code", "code", query.code());
        equal(conditions, params, "correlation_id", "correlation", query.correlation());
        if (query.target() != null && !query.target().equals(ANYWHERE)) {
            // A prefix reads along (target, occurred_at); "*text" looks anywhere in the target, newest
            // first along the time index, within a time limit (see BOUNDED). The collation ignores case.
            boolean anywhere = query.target().startsWith(ANYWHERE);
            String text = anywhere ? query.target().substring(1) : query.target();
            conditions.add("target LIKE :target ESCAPE '!'");
            params.put("target", (anywhere ? "%" : "") + text.replace("!", "!!").replace("%", "!%")
                    .replace("_", "!_") + "%");
        }
        if (query.before() != null) {
            // The first condition lets the index range end at the cursor; the second is the keyset's own.
            conditions.add("occurred_at <= :cursorAt"
                    + " AND (occurred_at < :cursorAt OR (occurred_at = :cursorAt AND id < :cursorId))");
            params.put("cursorAt", Timestamp.from(query.before().at()));
            params.put("cursorId", query.before().id());
        }
        if (query.after() != null) {
            conditions.add("occurred_at >= :cursorAt"
                    + " AND (occurred_at > :cursorAt OR (occurred_at = :cursorAt AND id > :cursorId))");
            params.put("cursorAt", Timestamp.from(query.after().at()));
            params.put("cursorId", query.after().id());
        }
        return new Where(" WHERE " + String.join(" AND ", conditions), params);
    }

    private static void equal(List<String> conditions, Map<String, Object> params, String column, String name,
            Object value) {
        if (value != null) {
            conditions.add(column + " = :" + name);
            params.put(name, value);
        }
    }
}
