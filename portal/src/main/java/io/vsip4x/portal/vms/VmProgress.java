package io.vsip4x.portal.vms;

import io.vsip4x.portal.platform.Operation;
import io.vsip4x.portal.platform.OperationState;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * How far a long operation on a VM (create, backup, restore, migrate, move) has come, for a
 * progress bar: its phase, how long it has run, and how long such operations usually take.
 *
 * @param operation       the SDK method
 * @param phase           queued (not yet accepted by the platform), sent (accepted, waiting for
 *                        it to start), in progress (the VM shows a transitional status) or done
 * @param status          the VM's transitional status code while in progress, else {@code null}
 * @param elapsedSeconds  since the operation was asked for
 * @param estimateSeconds the median duration of the last finished operations of that kind, or
 *                        {@code null} when there are none yet
 * @param percent         an estimate of the share done (at most 95 until done), or {@code null}
 *                        when nothing is known to estimate it
 */
public record VmProgress(String operation, Phase phase, Integer status, long elapsedSeconds,
        Long estimateSeconds, Integer percent) {

    /** The SDK methods that take long enough to show progress. */
    static final Set<String> LONG = Set.of("createVm", "installVm", "backupVm", "restoreVm", "restoreSnap",
            "migrateVm", "moveVm");
    private static final int CEILING = 95;

    /** Where the operation stands. */
    public enum Phase {
        QUEUED, SENT, IN_PROGRESS, DONE
    }

    /**
     * The progress of {@code op} on a VM whose status is {@code status}, or {@code null} when it
     * is not a long operation.
     *
     * @param typical how long such operations usually take, or {@code null} when unknown
     */
    static VmProgress of(Operation op, Integer status, Duration typical, Instant now) {
        if (op == null || !LONG.contains(op.kind().method())) {
            return null;
        }
        Phase phase;
        if (op.state() == OperationState.DONE) {
            phase = Phase.DONE;
        } else if (!op.state().open()) {
            return null;
        } else if (op.state() != OperationState.SENT) {
            phase = Phase.QUEUED;
        } else if (VmService.transitional(status)) {
            phase = Phase.IN_PROGRESS;
        } else {
            phase = Phase.SENT;
        }
        long elapsed = Math.max(0, Duration.between(op.createdAt(), now).toSeconds());
        Long estimate = typical == null ? null : Math.max(1, typical.toSeconds());
        Integer percent;
        if (phase == Phase.DONE) {
            percent = 100;
        } else if (estimate == null) {
            percent = null;
        } else {
            percent = (int) Math.min(CEILING, elapsed * 100 / estimate);
        }
        return new VmProgress(op.kind().method(), phase, phase == Phase.IN_PROGRESS ? status : null, elapsed,
                estimate, percent);
    }

    /** Seconds probably left, or {@code null} when unknown, done, or already over the usual time. */
    public Long remainingSeconds() {
        if (estimateSeconds == null || phase == Phase.DONE || elapsedSeconds >= estimateSeconds) {
            return null;
        }
        return estimateSeconds - elapsedSeconds;
    }

    /** Whether it has already taken longer than such operations usually do. */
    public boolean overdue() {
        return estimateSeconds != null && phase != Phase.DONE && elapsedSeconds > estimateSeconds;
    }

    /** The time it has run, as {@code m:ss} (or {@code h:mm:ss}). */
    public String elapsedText() {
        return clock(elapsedSeconds);
    }

    /** The time probably left, as {@code m:ss}, or {@code null}. */
    public String remainingText() {
        Long left = remainingSeconds();
        return left == null ? null : clock(left);
    }

    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
    }
}
