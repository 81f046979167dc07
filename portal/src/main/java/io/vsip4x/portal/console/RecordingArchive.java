package io.vsip4x.portal.console;

import io.vsip4x.portal.audit.AuditParams;
import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.web.PortalException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The consoles' recordings, for those who read the operation log (auditors and security admins):
 * a platform-wide reader sees every tenant's, a tenant's reader its own. Playing one back is
 * audited. Recordings are kept until their {@code recording_until}; {@link #purge} then deletes
 * the file and marks the session purged.
 */
@Service
class RecordingArchive {

    private static final Logger log = LoggerFactory.getLogger(RecordingArchive.class);
    /** The most sessions one list shows. */
    static final int LIMIT = 200;
    private static final String SELECT = """
            SELECT s.id, s.vm_id, s.vm_name, s.tenant_id, t.code, s.username, s.view_only, s.opened_at,
                   s.closed_at, s.recording_bytes, s.recording_until, s.recording_purged_at, s.recording_path,
                   s.close_reason
              FROM console_session s
              LEFT JOIN tenant t ON t.id = s.tenant_id
             WHERE s.recording_path IS NOT NULL""";

    private final JdbcClient jdbc;
    private final AuditService audit;
    private final Clock clock;
    private final Path dataDir;
    private final Path root;

    RecordingArchive(JdbcClient jdbc, AuditService audit, Clock clock, ConsoleProperties properties,
            @Value("${portal.data-dir}") Path dataDir) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.root = this.dataDir.resolve(properties.recordingDir()).normalize();
    }

    /**
     * A recorded console session.
     *
     * @param closedAt  when it closed, or {@code null} while it is open (still being recorded)
     * @param bytes     the recording's size as the tunnel wrote it, or {@code null} while open
     * @param keptUntil when retention deletes it, or {@code null} while open
     * @param purgedAt  when retention deleted it, or {@code null}
     * @param reason    why the console closed (a {@link ConsoleReason} word), or {@code null} while open
     */
    record Recording(long id, String vmId, String vmName, long tenantId, String tenantCode, String username,
            boolean viewOnly, Instant openedAt, Instant closedAt, Long bytes, Instant keptUntil, Instant purgedAt,
            String path, String reason) {

        private static final long KB = 1024;

        /** Whether it can be played (its file is kept). */
        public boolean playable() {
            return purgedAt == null && closedAt != null;
        }

        /** How long the console was open, in whole seconds, or {@code null} while it is open. */
        public Long seconds() {
            return closedAt == null ? null : Math.max(0, Duration.between(openedAt, closedAt).toSeconds());
        }

        /** The unit its size is best read in: {@code B}, {@code KB} or {@code MB} (a message key's end). */
        public String sizeUnit() {
            return bytes < KB ? "B" : bytes < KB * KB ? "KB" : "MB";
        }

        /** Its size in {@link #sizeUnit()}, to one decimal above bytes. */
        public String sizeAmount() {
            return switch (sizeUnit()) {
                case "B" -> Long.toString(bytes);
                case "KB" -> String.format(Locale.ROOT, "%.1f", bytes / (double) KB);
                default -> String.format(Locale.ROOT, "%.1f", bytes / (double) (KB * KB));
            };
        }
    }

    /**
     * What to list; {@code null} or blank fields do not filter.
     *
     * @param tenant a tenant's code
     * @param vm     a VM's id, or part of its name
     * @param user   a user name
     * @param from   sessions opened at or after
     * @param to     sessions opened before
     */
    record Filter(String tenant, String vm, String user, Instant from, Instant to) {
    }

    /**
     * Whether {@code user} may play recordings back: auditors only. Security admins read the
     * operation log too, but people's screens are not theirs to watch (the three kept-apart roles).
     */
    static boolean mayReview(CurrentUser user) {
        return user != null && user.canWatchRecordings();
    }

    /**
     * The recorded sessions {@code user} may play back, newest first, at most {@link #LIMIT}.
     *
     * @throws PortalException 403 unless an auditor or security admin
     */
    @Transactional(readOnly = true)
    List<Recording> list(CurrentUser user, Filter filter) {
        Long tenant = scope(user);
        StringBuilder sql = new StringBuilder(SELECT);
        Map<String, Object> params = new HashMap<>();
        if (tenant != null) {
            sql.append(" AND s.tenant_id = :scope");
            params.put("scope", tenant);
        }
        if (present(filter.tenant())) {
            sql.append(" AND t.code = :tenant");
            params.put("tenant", filter.tenant().strip());
        }
        if (present(filter.vm())) {
            String vm = filter.vm().strip();
            sql.append(" AND (s.vm_id = :vm OR s.vm_name LIKE :vmName ESCAPE '!')");
            params.put("vm", vm);
            params.put("vmName", "%" + vm.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        }
        if (present(filter.user())) {
            sql.append(" AND s.username = :user");
            params.put("user", filter.user().strip());
        }
        if (filter.from() != null) {
            sql.append(" AND s.opened_at >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND s.opened_at < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        sql.append(" ORDER BY s.opened_at DESC, s.id DESC LIMIT ").append(LIMIT);
        return jdbc.sql(sql.toString()).params(params).query(RecordingArchive::row).list();
    }

    /**
     * One recorded session.
     *
     * @throws PortalException 403 unless an auditor or security admin; 404 when it has no
     *                         recording or is of a tenant they do not read
     */
    @Transactional(readOnly = true)
    Recording get(CurrentUser user, long id) {
        Long tenant = scope(user);
        return jdbc.sql(SELECT + " AND s.id = :id")
                .param("id", id)
                .query(RecordingArchive::row)
                .optional()
                .filter(r -> tenant == null || r.tenantId() == tenant)
                .orElseThrow(() -> PortalException.notFound("error.console.recording.notFound"));
    }

    /**
     * The file of a recording to play back; the playback is logged first.
     *
     * @throws PortalException as {@link #get}; 404 when it was purged or its file is gone, 409
     *                         while the session is still open
     */
    @Transactional
    Path open(CurrentUser user, long id) {
        Recording recording = get(user, id);
        if (recording.purgedAt() != null) {
            throw PortalException.notFound("error.console.recording.purged");
        }
        if (recording.closedAt() == null) {
            throw PortalException.conflict("error.console.recording.open");
        }
        Path file = file(recording).orElseThrow(() -> PortalException.notFound("error.console.recording.purged"));
        audit.event("CONSOLE_RECORDING_VIEWED")
                .target("VM", recording.vmId())
                .params(AuditParams.of("vm", recording.vmName(), "session", id, "user", recording.username()))
                .record();
        return file;
    }

    /**
     * Deletes the recordings kept past their {@code recording_until} and marks them purged. A file
     * that cannot be deleted stays unmarked, to be tried again next time.
     *
     * @return how many were purged
     */
    int purge() {
        Timestamp now = Timestamp.from(Instant.now(clock));
        List<Recording> due = jdbc.sql(SELECT + " AND s.recording_purged_at IS NULL AND s.recording_until <= :now"
                        + " ORDER BY s.recording_until LIMIT 1000")
                .param("now", now)
                .query(RecordingArchive::row)
                .list();
        int purged = 0;
        for (Recording r : due) {
            try {
                Optional<Path> file = file(r);
                if (file.isPresent()) {
                    Files.deleteIfExists(file.get());
                }
            } catch (IOException e) {
                log.warn("Could not delete the recording of console session {}; retrying next time", r.id(), e);
                continue;
            }
            purged += jdbc.sql("""
                    UPDATE console_session SET recording_purged_at = :now
                     WHERE id = :id AND recording_purged_at IS NULL""")
                    .param("now", now)
                    .param("id", r.id())
                    .update();
        }
        return purged;
    }

    /**
     * The recording's file inside the recordings folder: as {@code recording_path} names it
     * (absolute, or relative to the recordings folder or to the data folder), else where the tunnel
     * writes it ({@code <tenantId>/<sessionId>.guac}). Nothing outside the folder is ever served.
     */
    private Optional<Path> file(Recording r) {
        List<Path> candidates = new ArrayList<>();
        try {
            Path named = Path.of(r.path());
            candidates.add(named.isAbsolute() ? named : root.resolve(named));
            candidates.add(dataDir.resolve(named));
        } catch (InvalidPathException e) {
            log.debug("Console session {} names an unusable recording path", r.id());
        }
        candidates.add(root.resolve(String.valueOf(r.tenantId())).resolve(r.id() + ".guac"));
        return candidates.stream()
                .map(p -> p.toAbsolutePath().normalize())
                .filter(p -> p.startsWith(root) && Files.isRegularFile(p))
                .findFirst();
    }

    /** The tenant whose recordings {@code user} reads, {@code null} for every tenant. */
    private static Long scope(CurrentUser user) {
        if (!mayReview(user)) {
            throw PortalException.forbidden("error.console.recording.forbidden");
        }
        return user.tenantId();
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    private static Recording row(ResultSet rs, int n) throws SQLException {
        return new Recording(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getBoolean(7), instant(rs.getTimestamp(8)), instant(rs.getTimestamp(9)),
                rs.getObject(10, Long.class), instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)),
                rs.getString(13), rs.getString(14));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
