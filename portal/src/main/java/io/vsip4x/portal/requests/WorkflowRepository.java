package io.vsip4x.portal.requests;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of the approval workflow: levels reached, decisions with their level, comments, edits. */
@Repository
class WorkflowRepository {

    /** Decision kinds that start a new round of approvals: what was approved before no longer counts. */
    private static final String ROUND_MARKS = "('CHANGES_REQUESTED', 'RESUBMITTED')";

    private final JdbcClient jdbc;

    WorkflowRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Moves a pending request to {@code level}, waiting since {@code since}; bumps its version. */
    void moveToLevel(long id, int level, Instant since) {
        jdbc.sql("""
                UPDATE vm_request
                   SET current_level = :level, level_since = :since, updated_at = NOW(3), version = version + 1
                 WHERE id = :id""")
                .param("id", id)
                .param("level", level)
                .param("since", Timestamp.from(since))
                .update();
    }

    /** Sets since when a request waits at its level, by the portal's clock. */
    void restartWait(long id, Instant since) {
        jdbc.sql("UPDATE vm_request SET level_since = :since WHERE id = :id")
                .param("id", id)
                .param("since", Timestamp.from(since))
                .update();
    }

    /** Records a decision, or a step of the workflow, with its level and the principal of a deputy. */
    void addDecision(long requestId, String kind, Long actorId, String comment, Integer level, Long onBehalfOf) {
        jdbc.sql("""
                INSERT INTO request_decision (request_id, kind, actor_id, comment, level_no, on_behalf_of)
                VALUES (:request, :kind, :actor, :comment, :level, :behalf)""")
                .param("request", requestId)
                .param("kind", kind)
                .param("actor", actorId)
                .param("comment", cut(comment, 500))
                .param("level", level)
                .param("behalf", onBehalfOf)
                .update();
    }

    /** The id of a request's latest decision, or 0. */
    long lastDecisionId(long requestId) {
        return jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM request_decision WHERE request_id = :request")
                .param("request", requestId)
                .query(Long.class)
                .single();
    }

    /**
     * Adds the level, the deputy's principal and the comment to the decisions recorded after
     * {@code afterId} (what the fulfilment wrote); returns how many there were.
     */
    int annotate(long requestId, long afterId, Integer level, Long onBehalfOf, String comment) {
        return jdbc.sql("""
                UPDATE request_decision
                   SET level_no = :level, on_behalf_of = :behalf, comment = COALESCE(comment, :comment)
                 WHERE request_id = :request
                   AND id > :after""")
                .param("request", requestId)
                .param("after", afterId)
                .param("level", level)
                .param("behalf", onBehalfOf)
                .param("comment", cut(comment, 500))
                .update();
    }

    /**
     * Whose approval counts at {@code level} in the request's current round: the principal for a
     * deputy's decision, the actor otherwise.
     */
    List<Long> approvedAtLevel(long requestId, int level) {
        return jdbc.sql("""
                SELECT DISTINCT COALESCE(d.on_behalf_of, d.actor_id)
                  FROM request_decision d
                 WHERE d.request_id = :request
                   AND d.kind = 'APPROVED'
                   AND d.level_no = :level
                   AND d.actor_id IS NOT NULL
                   AND d.id > (SELECT COALESCE(MAX(m.id), 0) FROM request_decision m
                                WHERE m.request_id = :request AND m.kind IN %s)""".formatted(ROUND_MARKS))
                .param("request", requestId)
                .param("level", level)
                .query(Long.class)
                .list();
    }

    /**
     * Who approved a level below {@code level} in the request's current round: the actors, and the
     * principals they stood in for.
     */
    List<Long> approvedBelowLevel(long requestId, int level) {
        return jdbc.sql("""
                SELECT d.actor_id FROM request_decision d
                 WHERE d.request_id = :request AND d.kind = 'APPROVED' AND d.level_no < :level
                   AND d.actor_id IS NOT NULL
                   AND d.id > (SELECT COALESCE(MAX(m.id), 0) FROM request_decision m
                                WHERE m.request_id = :request AND m.kind IN %1$s)
                UNION
                SELECT d.on_behalf_of FROM request_decision d
                 WHERE d.request_id = :request AND d.kind = 'APPROVED' AND d.level_no < :level
                   AND d.on_behalf_of IS NOT NULL
                   AND d.id > (SELECT COALESCE(MAX(m.id), 0) FROM request_decision m
                                WHERE m.request_id = :request AND m.kind IN %1$s)""".formatted(ROUND_MARKS))
                .param("request", requestId)
                .param("level", level)
                .query(Long.class)
                .list();
    }

    /** Pending requests whose level has been waiting since before {@code before}, with that level. */
    List<Long> waitingSince(Instant before) {
        return jdbc.sql("""
                SELECT id FROM vm_request
                 WHERE state = 'PENDING'
                   AND level_since <= :before
                 ORDER BY id
                 LIMIT 500""")
                .param("before", Timestamp.from(before))
                .query(Long.class)
                .list();
    }

    /**
     * Writes the requester's edited fields back (an installation's image and OS too) and restarts the
     * chain at level 1, bumping the version.
     */
    void resubmit(long id, RequestForm form, String poolName) {
        jdbc.sql("""
                UPDATE vm_request
                   SET template_id = :templateId, repo_id = :repoId, pool_name = :poolName, cpu = :cpu,
                       memory_mb = :memoryMb, disk_gb = :diskGb, vm_count = :count, network = :network,
                       reason = :reason, power_on = :powerOn, lease_days = :leaseDays, state = 'PENDING',
                       install_image = :imageId, os_type = :osType, os_bits = :osBits, current_level = 1,
                       updated_at = NOW(3), version = version + 1
                 WHERE id = :id""")
                .param("id", id)
                .params(RequestRepository.formParams(form, poolName))
                .params(RequestRepository.installParams(form))
                .update();
    }

    void addComment(long requestId, long authorId, String body) {
        jdbc.sql("INSERT INTO request_comment (request_id, author_id, body) VALUES (:request, :author, :body)")
                .param("request", requestId)
                .param("author", authorId)
                .param("body", body)
                .update();
    }

    List<RequestComment> comments(long requestId) {
        return jdbc.sql("""
                SELECT c.id, u.username, u.display_name, c.body, c.created_at
                  FROM request_comment c
                  JOIN app_user u ON u.id = c.author_id
                 WHERE c.request_id = :request
                 ORDER BY c.id""")
                .param("request", requestId)
                .query((rs, n) -> new RequestComment(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
