package io.vsip4x.portal.platform;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SQL of the claims that let several nodes share the outbox. A node claims operations by locking
 * them with {@code FOR UPDATE SKIP LOCKED} in one short transaction and moving them from QUEUED to
 * SENDING under its name, with a lease ({@code claim_expires_at}, database time) that its heartbeat
 * moves on while the node holds the claim. A SENDING operation whose lease ran out, and whose node is
 * not alive, lost its node: a live node takes it over the same way. A lease of a live node runs out
 * only when that node no longer holds the claim (its send broke off): the node takes it over itself.
 */
@Repository
class OperationClaims {

    /** The claims of a node that is alive: not stopped, with a heartbeat younger than the lease. */
    private static final String NODE_ALIVE = """
            SELECT 1
              FROM portal_node n
             WHERE n.name = o.claimed_by
               AND n.state <> 'STOPPED'
               AND n.heartbeat_at >= NOW(3) - INTERVAL :millis * 1000 MICROSECOND""";
    /** A SENDING claim whose lease ran out (or, claimed before leases, untouched for a lease). */
    private static final String EXPIRED = """
            o.state = 'SENDING'
               AND (o.claim_expires_at < NOW(3)
                    OR (o.claim_expires_at IS NULL
                        AND o.updated_at < NOW(3) - INTERVAL :millis * 1000 MICROSECOND))""";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    OperationClaims(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * Claims for {@code node} those of {@code candidates} that are still queued and due and that no
     * other node holds locked; returns them, oldest first. Another node's claim of the same
     * operation cannot also succeed: the rows are locked, and the update moves only QUEUED ones.
     */
    List<Long> claim(Collection<Long> candidates, String node, Duration lease) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        return tx.execute(status -> {
            List<Long> locked = jdbc.sql("""
                    SELECT id
                      FROM operation
                     WHERE id IN (:ids)
                       AND state = 'QUEUED'
                       AND next_attempt_at <= NOW(3)
                     ORDER BY id
                       FOR UPDATE SKIP LOCKED""")
                    .param("ids", candidates)
                    .query(Long.class)
                    .list();
            if (!locked.isEmpty()) {
                jdbc.sql("""
                        UPDATE operation
                           SET state = 'SENDING', attempts = attempts + 1, claimed_by = :node,
                               claim_expires_at = NOW(3) + INTERVAL :millis * 1000 MICROSECOND,
                               updated_at = NOW(3)
                         WHERE id IN (:ids)
                           AND state = 'QUEUED'""")
                        .param("ids", locked)
                        .param("node", node)
                        .param("millis", lease.toMillis())
                        .update();
            }
            return locked;
        });
    }

    /** SENDING operations whose claim expired and whose node is not alive, oldest first (read without locks). */
    List<Long> expired(Duration lease, int limit) {
        return jdbc.sql("SELECT o.id FROM operation o WHERE " + EXPIRED
                        + " AND NOT EXISTS (" + NODE_ALIVE + ") ORDER BY o.id LIMIT :limit")
                .param("millis", lease.toMillis())
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /**
     * SENDING operations claimed by {@code node} whose claim expired, oldest first (read without locks):
     * the node's heartbeat moves on only the leases of the claims it holds, so these are the ones whose
     * send broke off, and any it is about to take over itself.
     */
    List<Long> expiredOwn(String node, Duration lease, int limit) {
        return jdbc.sql("SELECT o.id FROM operation o WHERE " + EXPIRED
                        + " AND o.claimed_by = :node ORDER BY o.id LIMIT :limit")
                .param("millis", lease.toMillis())
                .param("node", node)
                .param("limit", limit)
                .query(Long.class)
                .list();
    }

    /**
     * Takes over for {@code node} those of {@code candidates} whose claim is still expired and that no
     * other node holds locked; returns them. Their time stamps stay (a later {@code markSent} dates
     * the send from the dead node's claim); the attempt is counted.
     */
    List<Long> takeOver(Collection<Long> candidates, String node, Duration lease) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        return tx.execute(status -> {
            List<Long> locked = jdbc.sql("SELECT o.id FROM operation o WHERE o.id IN (:ids) AND " + EXPIRED
                            + " ORDER BY o.id FOR UPDATE SKIP LOCKED")
                    .param("ids", candidates)
                    .param("millis", lease.toMillis())
                    .query(Long.class)
                    .list();
            if (!locked.isEmpty()) {
                jdbc.sql("""
                        UPDATE operation
                           SET claimed_by = :node, attempts = attempts + 1,
                               claim_expires_at = NOW(3) + INTERVAL :millis * 1000 MICROSECOND
                         WHERE id IN (:ids)
                           AND state = 'SENDING'""")
                        .param("ids", locked)
                        .param("node", node)
                        .param("millis", lease.toMillis())
                        .update();
            }
            return locked;
        });
    }

    /** Moves the leases of those of {@code ids} that are {@code node}'s SENDING claims on; returns how many. */
    int extendLeases(String node, Collection<Long> ids, Duration lease) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                UPDATE operation
                   SET claim_expires_at = NOW(3) + INTERVAL :millis * 1000 MICROSECOND
                 WHERE id IN (:ids)
                   AND claimed_by = :node
                   AND state = 'SENDING'""")
                .param("ids", ids)
                .param("node", node)
                .param("millis", lease.toMillis())
                .update();
    }

    /**
     * Renews {@code node}'s claim of operation {@code id} for a full lease, just before it is sent;
     * returns false when the operation is no longer SENDING under {@code node}'s name (another node
     * took it over while this one was frozen past its lease, say): it must not be sent then.
     */
    boolean renew(long id, String node, Duration lease) {
        return jdbc.sql("""
                UPDATE operation
                   SET claim_expires_at = NOW(3) + INTERVAL :millis * 1000 MICROSECOND
                 WHERE id = :id
                   AND claimed_by = :node
                   AND state = 'SENDING'""")
                .param("id", id)
                .param("node", node)
                .param("millis", lease.toMillis())
                .update() == 1;
    }

    /**
     * Gives back operations {@code node} claimed and never started sending: queued again, due now,
     * claimed by nobody, the attempt not counted. Returns how many.
     */
    int handBack(Collection<Long> ids, String node) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                UPDATE operation
                   SET state = 'QUEUED', claimed_by = NULL, claim_expires_at = NULL,
                       attempts = GREATEST(attempts - 1, 0), updated_at = NOW(3), next_attempt_at = NOW(3)
                 WHERE id IN (:ids)
                   AND claimed_by = :node
                   AND state = 'SENDING'""")
                .param("ids", ids)
                .param("node", node)
                .update();
    }

    /**
     * Lets go of the SENDING claims held under {@code node}'s name by an earlier run of a node of
     * that name: expired now and claimed by nobody, so that a live node takes them over and settles
     * them without sending twice. Returns how many.
     */
    int releaseAll(String node) {
        return jdbc.sql("""
                UPDATE operation
                   SET claimed_by = NULL, claim_expires_at = NOW(3)
                 WHERE claimed_by = :node
                   AND state = 'SENDING'""")
                .param("node", node)
                .update();
    }

    /** Lets go of one taken-over claim that could not be settled yet: the next takeover tries again. */
    void release(long id, String node) {
        jdbc.sql("""
                UPDATE operation
                   SET claimed_by = NULL, claim_expires_at = NOW(3)
                 WHERE id = :id
                   AND claimed_by = :node
                   AND state = 'SENDING'""")
                .param("id", id)
                .param("node", node)
                .update();
    }
}
