package io.vsip4x.portal.platform;

/** What an operation asks of the platform; each is one SDK method. */
public enum OperationKind {
    CREATE_VM("createVm", 0, "0"),
    /**
     * Installs one VM from an ISO image ({@code installVm}); like {@link #CREATE_VM} it belongs to a
     * request, names its portal-chosen VM in its payload ({@link InstallVmPayload}) and is followed
     * by creation events (status 6, then 0).
     */
    INSTALL_VM("installVm", 0, "0"),
    START_VM("startVm", 1, "2010"),
    SHUTDOWN_VM("shutdownVm", 0, "2011"),
    REBOOT_VM("rebootVm", 1, "2010"),
    PAUSE_VM("pauseVm", 4, "2012"),
    RESUME_VM("resumeVm", 1, "2013"),
    /** Moves the VM to another host of its pool (payload: {@link VmOperationPayload#hostId()}). */
    MIGRATE_VM("migrateVm", -1, "2018"),
    /** Moves a stopped VM with its disk to a host of another pool (payload: host and pool). */
    MOVE_VM("moveVm", -1, "2018"),
    /** A new shape ({@code getModifyRemainder} first); the VM keeps its status, running assumed. */
    MODIFY_VM("modifyVm", 1, "2017"),
    /** A new data disk, created and mounted on the VM at once (synchronous: no callback). */
    CREATE_DATA_DISK("createDataDisk", -1, "0"),
    /** A larger data disk (synchronous: no callback). */
    EXTEND_DATA_DISK("extendDataDisk", -1, "0"),
    /**
     * Deletes a stopped VM, wiping its disks first when the payload asks for a secure erase; it
     * has no status afterwards (-1: never confirmed by a status).
     */
    DELETE_VM("deleteVm", -1, "2014"),
    /** A snapshot of the VM ({@code createSnap}); the event's {@code detail} names it. */
    CREATE_SNAP("createSnap", -1, "9003"),
    /** Deletes a snapshot (payload: {@link StoragePayload#snapId()}). */
    DELETE_SNAP("deleteSnap", -1, "9003"),
    /** Returns the VM to a snapshot (payload: {@link StoragePayload#snapId()}). */
    RESTORE_SNAP("restoreSnap", -1, "9003"),
    /** A backup ({@code backupVm}); the VM takes nothing else until its event, which names the backup. */
    BACKUP_VM("backupVm", -1, "2015"),
    /** Restores the VM from a backup, where it is or to another pool or host; locked meanwhile. */
    RESTORE_VM("restoreVm", -1, "2016"),
    /** Deletes a backup (payload: {@link StoragePayload#backupId()}). */
    DELETE_BACKUP("deleteBackup", -1, "9003"),
    /** Starts a shut-down host ({@code startHost}); the operation names a host, not a VM. */
    START_HOST("startHost", -1, "3000"),
    /** Shuts a running host down ({@code shutdownHost}); the operation names a host, not a VM. */
    SHUTDOWN_HOST("shutdownHost", -1, "3001");

    private final String method;
    private final int settledStatus;
    private final String successCode;

    OperationKind(String method, int settledStatus, String successCode) {
        this.method = method;
        this.settledStatus = settledStatus;
        this.successCode = successCode;
    }

    /** The VM status the operation leaves behind when it succeeds (-1: none, or not a VM operation). */
    public int settledStatus() {
        return settledStatus;
    }

    /** The code its success callback carries. */
    public String successCode() {
        return successCode;
    }

    /** The SDK method that carries it out. */
    public String method() {
        return method;
    }

    /**
     * Whether sending this operation again after its answer was lost is harmless: the power
     * actions (the platform refuses a VM already in the state), a resize (absolute values), the
     * creations by portal-chosen ids. Any other is sent once: its callback or the time-out
     * settles it, and a lost extension is read back from the disk.
     */
    public boolean safeToResend() {
        return switch (this) {
            case CREATE_VM, INSTALL_VM, START_VM, SHUTDOWN_VM, REBOOT_VM, PAUSE_VM, RESUME_VM, MODIFY_VM,
                    CREATE_DATA_DISK -> true;
            default -> false;
        };
    }

    /** Whether it acts on a host ({@link Operation#hostId()}) rather than a VM. */
    public boolean onHost() {
        return this == START_HOST || this == SHUTDOWN_HOST;
    }

    /** Whether it makes new VMs of a request ({@code createVm}, {@code installVm}). */
    public boolean createsVms() {
        return this == CREATE_VM || this == INSTALL_VM;
    }

    /** Whether SDK method {@code method} makes new VMs: its events are creation events. */
    public static boolean createsVms(String method) {
        OperationKind kind = ofMethod(method);
        return kind != null && kind.createsVms();
    }

    /** The kind whose SDK method is {@code method}, or {@code null}. */
    public static OperationKind ofMethod(String method) {
        for (OperationKind kind : values()) {
            if (kind.method.equals(method)) {
                return kind;
            }
        }
        return null;
    }
}
