package io.vsip4x.portal.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/** Audit events written straight into the table, each test with actors and targets of its own. */
public final class AuditTestData {

    private AuditTestData() {
    }

    /** A word unique in the run, for actors, actions and targets of one test. */
    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** One event as a row; {@code null} fields stay empty. */
    public record Row(Instant at, String actor, String tenant, String role, String action, String targetType,
            String target, String result, String code, String message, String params, String correlation) {

        /** A successful event of {@code actor} with {@code action} on {@code target}, at {@code at}. */
        public static Row of(Instant at, String actor, String action, String target) {
            return new Row(at, actor, null, null, action, "TEST", target, "SUCCESS", null, null, null, null);
        }

        public Row tenant(String code) {
            return new Row(at, actor, code, role, action, targetType, target, result, this.code, message, params,
                    correlation);
        }

        public Row result(String newResult, String newCode, String newMessage) {
            return new Row(at, actor, tenant, role, action, targetType, target, newResult, newCode, newMessage,
                    params, correlation);
        }

        public Row typed(String type) {
            return new Row(at, actor, tenant, role, action, type, target, result, code, message, params,
                    correlation);
        }

        public Row correlated(String id) {
            return new Row(at, actor, tenant, role, action, targetType, target, result, code, message, params, id);
        }

        public Row role(String roles) {
            return new Row(at, actor, tenant, roles, action, targetType, target, result, code, message, params,
                    correlation);
        }

        public Row params(String text) {
            return new Row(at, actor, tenant, role, action, targetType, target, result, code, message, text,
                    correlation);
        }
    }

    /** Inserts one event; answers its id. */
    public static long insert(JdbcClient jdbc, Row row) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO audit_event (occurred_at, actor, tenant_code, role, client_addr, action, target_type,
                                         target, params, result, code, message, correlation_id)
                VALUES (:at, :actor, :tenant, :role, '127.0.0.1', :action, :targetType, :target, :params,
                        :result, :code, :message, :correlation)""")
                .param("at", Timestamp.from(row.at()))
                .param("actor", row.actor())
                .param("tenant", row.tenant())
                .param("role", row.role())
                .param("action", row.action())
                .param("targetType", row.targetType())
                .param("target", row.target())
                .param("params", row.params())
                .param("result", row.result())
                .param("code", row.code())
                .param("message", row.message())
                .param("correlation", row.correlation())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Inserts many events in batches, as fast as the database takes them. */
    public static void insertMany(JdbcTemplate jdbc, List<Row> rows) {
        List<Object[]> args = new ArrayList<>(rows.size());
        for (Row r : rows) {
            args.add(new Object[] {Timestamp.from(r.at()), r.actor(), r.tenant(), r.role(), r.action(),
                    r.targetType(), r.target(), r.params(), r.result(), r.code(), r.message(), r.correlation()});
        }
        for (int from = 0; from < args.size(); from += 2000) {
            jdbc.batchUpdate("""
                    INSERT INTO audit_event (occurred_at, actor, tenant_code, role, client_addr, action, target_type,
                                             target, params, result, code, message, correlation_id)
                    VALUES (?, ?, ?, ?, '127.0.0.1', ?, ?, ?, ?, ?, ?, ?, ?)""",
                    args.subList(from, Math.min(from + 2000, args.size())));
        }
    }
}
