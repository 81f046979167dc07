package io.vsip4x.portal.sessions;

import io.vsip4x.portal.audit.SessionExpiryAuditor;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.LiveSessionEnd;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializationFailedException;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes the sessions that expired (by the database's clock), on one node at a time, every
 * {@code portal.sessions.sweep-interval}. Each signed-in one is logged as {@code SESSION_EXPIRED}
 * ({@link SessionExpiryAuditor}) and its end told to every node ({@link LiveSessionEnd}: its pages
 * are sent to the sign-in page, its consoles close), in the transaction that removes it: a session
 * is logged once, by whichever sweep removed it, and stays until it could be logged.
 */
@Component
class SessionSweep {

    /** How many expired sessions one read takes. */
    static final int BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(SessionSweep.class);
    private static final String CONTEXT = HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY;

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final SessionExpiryAuditor auditor;
    private final LiveSessionEnd ends;
    private final DeserializingConverter deserializer = new DeserializingConverter(getClass().getClassLoader());

    SessionSweep(JdbcClient jdbc, PlatformTransactionManager transactions, SessionExpiryAuditor auditor,
            LiveSessionEnd ends) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.auditor = auditor;
        this.ends = ends;
    }

    /** An expired session as the sweep reads it. */
    private record Expired(String primaryId, String sessionId, String principalName) {
    }

    /** The scheduled sweep: {@link #sweepNow()} on the one node that holds the job's lock. */
    @Scheduled(fixedDelayString = "${portal.sessions.sweep-interval:60s}",
            initialDelayString = "${portal.sessions.sweep-interval:60s}")
    @SchedulerLock(name = "session-sweep", lockAtMostFor = "10m")
    void sweep() {
        int removed = sweepNow();
        if (removed > 0) {
            log.debug("Removed {} expired sessions", removed);
        }
    }

    /**
     * Removes every session expired by now, batch by batch; returns how many this call removed. Two
     * calls at once (two nodes) remove and log each session once.
     */
    int sweepNow() {
        int removed = 0;
        while (true) {
            long now = jdbc.sql("SELECT " + SessionStore.DB_MILLIS).query(Long.class).single();
            List<Expired> expired = jdbc.sql("""
                    SELECT PRIMARY_ID, SESSION_ID, PRINCIPAL_NAME
                      FROM SPRING_SESSION
                     WHERE EXPIRY_TIME < :now AND MAX_INACTIVE_INTERVAL >= 0
                     ORDER BY EXPIRY_TIME
                     LIMIT :batch""")
                    .param("now", now)
                    .param("batch", BATCH)
                    .query(Expired.class)
                    .list();
            int before = removed;
            List<String> anonymous = expired.stream().filter(e -> e.principalName() == null)
                    .map(Expired::primaryId).toList();
            if (!anonymous.isEmpty()) {
                removed += jdbc.sql("DELETE FROM SPRING_SESSION WHERE PRIMARY_ID IN (:ids) AND EXPIRY_TIME < :now")
                        .param("ids", anonymous)
                        .param("now", now)
                        .update();
            }
            for (Expired session : expired) {
                if (session.principalName() != null && removeSignedIn(session, now)) {
                    removed++;
                }
            }
            // A short batch was the last; one that removed nothing is another sweep's, or failing.
            if (expired.size() < BATCH || removed == before) {
                return removed;
            }
        }
    }

    /** Removes a signed-in session, logged and told; {@code false} when another sweep did, or on failure. */
    private boolean removeSignedIn(Expired session, long now) {
        try {
            return Boolean.TRUE.equals(transaction.execute(status -> {
                CurrentUser user = signedIn(session);
                int deleted = jdbc.sql("DELETE FROM SPRING_SESSION WHERE PRIMARY_ID = :id AND EXPIRY_TIME < :now")
                        .param("id", session.primaryId())
                        .param("now", now)
                        .update();
                if (deleted == 0) {
                    return false;
                }
                if (user != null) {
                    auditor.expired(user);
                    ends.publish(session.sessionId(), true);
                }
                return true;
            }));
        } catch (DataAccessException | TransactionException e) {
            // It stays (unusable: it expired) until a later sweep can log it.
            log.error("Could not remove an expired session of '{}': {}", session.principalName(), e.toString());
            return false;
        }
    }

    /** The person the session was signed in as, or {@code null} when it holds no readable sign-in. */
    private CurrentUser signedIn(Expired session) {
        byte[] bytes = jdbc.sql("""
                SELECT ATTRIBUTE_BYTES
                  FROM SPRING_SESSION_ATTRIBUTES
                 WHERE SESSION_PRIMARY_ID = :id AND ATTRIBUTE_NAME = :name""")
                .param("id", session.primaryId())
                .param("name", CONTEXT)
                .query(byte[].class)
                .optional()
                .orElse(null);
        if (bytes == null) {
            return null;
        }
        try {
            return deserializer.convert(bytes) instanceof SecurityContext context
                    ? UserService.of(context.getAuthentication()) : null;
        } catch (SerializationFailedException e) {
            // Written by a build whose classes differ: removed without a record of whom it was.
            log.warn("Could not read the sign-in of an expired session of '{}': {}", session.principalName(),
                    e.getMessage());
            return null;
        }
    }
}
