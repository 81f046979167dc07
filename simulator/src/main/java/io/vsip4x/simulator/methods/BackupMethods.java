package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.lifecycle.BackupOrder;
import io.vsip4x.simulator.lifecycle.RestoreOrder;
import io.vsip4x.simulator.lifecycle.VmBackups;

/**
 * {@code backupVm}, {@code restoreVm} (queued) and {@code deleteBackup} (asynchronous), see
 * {@link VmBackups}. Parameters that break the spec's constraints are refused with 2003: a
 * missing id, a {@code true}/{@code false} choice with another value, a description over 255
 * characters, or {@code repoId} and {@code repold} naming different pools.
 */
public final class BackupMethods {

    private static final int MAX_DESCRIPTION = 255;

    private final VmBackups backups;

    public BackupMethods(VmBackups backups) {
        this.backups = backups;
    }

    /** Serves this group's methods through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        registry.register(VmBackups.BACKUP, this::backupVm, ArgType.MAP);
        registry.register(VmBackups.RESTORE, this::restoreVm, ArgType.MAP);
        registry.register(VmBackups.DELETE, this::deleteBackup, ArgType.MAP);
    }

    /** {@code vmId}, {@code isCreateMemSnapshot}, {@code description} and {@code chksum}. */
    private Object backupVm(Call call) {
        Params p = new Params(call.map(0));
        String description = p.text("description");
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw new InvalidParamsException("description must be at most " + MAX_DESCRIPTION + " characters");
        }
        BackupOrder order = new BackupOrder(required(p, "vmId"), description, choice(p, "isCreateMemSnapshot"),
                choice(p, "chksum"));
        return Answers.result(backups.backup(order, call.callbackUrl()));
    }

    /**
     * {@code vmId}, {@code backUpNum}, {@code repoId} (printed {@code repold}; both are read,
     * catalog A06), {@code hostId} and {@code chksum}.
     */
    private Object restoreVm(Call call) {
        Params p = new Params(call.map(0));
        String repoId = p.text("repoId");
        String repold = p.text("repold");
        if (repoId != null && repold != null && !repoId.equals(repold)) {
            throw new InvalidParamsException("repoId and repold name different pools");
        }
        RestoreOrder order = new RestoreOrder(required(p, "vmId"), required(p, "backUpNum"),
                repoId == null ? repold : repoId, p.text("hostId"), choice(p, "chksum"));
        return Answers.result(backups.restore(order, call.callbackUrl()));
    }

    /** {@code vmId} and {@code snapshotId}, which names a backup (catalog A23); {@code backUpNum} is read too. */
    private Object deleteBackup(Call call) {
        Params p = new Params(call.map(0));
        String vmId = required(p, "vmId");
        String backupId = p.text("snapshotId", "backUpNum");
        if (backupId == null) {
            throw new InvalidParamsException("snapshotId is required");
        }
        return Answers.result(backups.delete(vmId, backupId, call.callbackUrl()));
    }

    private static String required(Params p, String key) {
        String value = p.text(key);
        if (value == null) {
            throw new InvalidParamsException(key + " is required");
        }
        return value;
    }

    /** A {@code true}/{@code false} choice (any case); absent is {@code false}. */
    private static boolean choice(Params p, String key) {
        String value = p.text(key);
        if (value == null) {
            return false;
        }
        if (!"true".equalsIgnoreCase(value) && !"false".equalsIgnoreCase(value)) {
            throw new InvalidParamsException(key + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value.toLowerCase());
    }
}
