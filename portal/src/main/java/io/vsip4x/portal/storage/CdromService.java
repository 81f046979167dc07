package io.vsip4x.portal.storage;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmGuard;
import io.vsip4x.portal.vms.VmPlatformCalls;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.LiveUpdates;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.Vsip4xClient;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.Vsip4xRefusedException;
import io.vsip4x.sdk.model.CdromInfo;
import io.vsip4x.sdk.model.DeviceList;
import io.vsip4x.sdk.model.ImageInfo;
import io.vsip4x.sdk.model.ImageMount;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.model.VdiskInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A VM's CD-ROM drives: listed from {@code getVmVdisks}, added ({@code vmAddVirtualCdrom}, at most
 * {@link #MAX_DRIVES}: 2068, refused before asking when the listing has them all), loaded with an
 * image of the VM's pool from {@code searchInstallImages} ({@code vmMountImage}) and emptied
 * ({@code vmUnmountImage}). All three are synchronous; each needs a stopped or running VM with no
 * operation under way ({@link VmGuard}), is audited, and says whether a reboot is needed: a drive
 * added to, or an image ejected from, a running VM takes effect at its next start or reboot. The
 * platform lists a drive added to a running VM only after that boot: the portal keeps such drives
 * ({@link CdromPendingStore}) and counts them toward the limit.
 */
@Service
class CdromService {

    /** The most CD-ROM drives a VM may have (the spec's 2068). */
    static final int MAX_DRIVES = 4;
    /** Audit action of reading a VM's drives (logged only when refused). */
    static final String VIEW = "VM_CDROM_VIEW";
    /** Audit action of adding a drive. */
    static final String ADD = "VM_CDROM_ADD";
    /** Audit action of loading an image. */
    static final String MOUNT = "VM_CDROM_MOUNT";
    /** Audit action of ejecting an image. */
    static final String UNMOUNT = "VM_CDROM_UNMOUNT";

    private static final Logger log = LoggerFactory.getLogger(CdromService.class);
    private static final Set<Integer> STOPPED_OR_RUNNING = Set.of(0, 1);
    private static final int RUNNING = 1;
    /** The CD-ROM methods' refusals: {@code cdrom.refused.{code}}, arguments the VM's name and the code. */
    static final VmPlatformCalls.Texts TEXTS = new VmPlatformCalls.Texts(CdromRefusals.CDROM,
            Set.of("2003", "2052", "2062", "2068", "2070", "2071"));
    /** Stands for "answered": {@link #act} reads the code itself, as the texts name it. */
    private static final SdkResult ANSWERED = new SdkResult("0", "", Map.of());

    private final VmGuard guard;
    private final PlatformClient platform;
    private final VmPlatformCalls calls;
    private final TransactionTemplate tx;
    private final AuditService audit;
    private final CdromPendingStore pending;
    private final LiveUpdates live;

    CdromService(VmGuard guard, PlatformClient platform, VmPlatformCalls calls, TransactionTemplate tx,
            AuditService audit, CdromPendingStore pending, LiveUpdates live) {
        this.guard = guard;
        this.platform = platform;
        this.calls = calls;
        this.tx = tx;
        this.audit = audit;
        this.pending = pending;
        this.live = live;
    }

    /**
     * A VM's drives as the platform lists them, and those added since its last boot.
     *
     * @param pending     how many drives were added to the running VM since its last boot (usable after
     *                    its next start or reboot; the platform does not list them yet)
     * @param problemCode the platform's code when it refused the listing (then no drives), else {@code null}
     */
    record Drives(List<CdromInfo> drives, int pending, String problemCode) {

        /** Whether the VM has as many drives as it may, those added since its last boot included. */
        boolean full() {
            return drives.size() + pending >= MAX_DRIVES;
        }

        /** All drives, those added since the last boot included. */
        int count() {
            return drives.size() + pending;
        }

        /** Whether a drive present now is empty (an image can be loaded at once). */
        boolean emptyNow() {
            return drives.stream().anyMatch(d -> !d.loaded());
        }
    }

    /**
     * The installation images of a VM's pool.
     *
     * @param refusalCode the platform's code when it refused to list them (then none), else {@code null}
     * @param refusalText the platform's text of that refusal, possibly empty
     */
    record Images(List<ImageInfo> images, String refusalCode, String refusalText) {

        /** The refusal as a ProblemDetail: the platform's code and text. */
        PortalException refusal() {
            return new PortalException(VmPlatformCalls.statusOf(refusalCode), "cdrom.refused.images", refusalCode,
                    refusalCode, refusalText);
        }
    }

    /**
     * What a change did.
     *
     * @param cdromId      the drive loaded or emptied; {@code null} for an added drive (the platform names none)
     * @param imageId      the image loaded, or {@code null}
     * @param rebootNeeded whether the change waits for the VM's next start or reboot
     */
    record Change(String vmId, String cdromId, String imageId, boolean rebootNeeded) {
    }

    /** The VM {@code user} may see, or a 404. */
    Vm visible(CurrentUser user, String vmId) {
        return guard.visible(user, vmId, VIEW);
    }

    /** The drives of {@code vm}; a platform that cannot be reached is a 503. */
    Drives drives(Vm vm) {
        DeviceList<VdiskInfo> disks = ask(c -> c.getVmVdisks(vm.vmId()));
        if (!disks.ok()) {
            log.info("The platform refused the disks of VM '{}' with code {}", vm.vmId(), disks.code());
            return new Drives(List.of(), 0, disks.code());
        }
        List<CdromInfo> listed = CdromInfo.of(disks.devices());
        return new Drives(listed, pending.pending(vm.vmId(), listed.size()), null);
    }

    /** The installation images of {@code vm}'s pool, the only ones it can load, or the platform's refusal. */
    Images images(Vm vm) {
        try {
            return new Images(ofPool(ask(c -> c.searchInstallImages(null)), vm), null, null);
        } catch (Vsip4xRefusedException e) {
            log.info("The platform refused to list installation images with code {}", e.code());
            return new Images(List.of(), e.code(), e.info());
        }
    }

    private static List<ImageInfo> ofPool(List<ImageInfo> images, Vm vm) {
        return images.stream().filter(i -> vm.repoId().equals(i.repository())).toList();
    }

    /**
     * Adds an empty drive to VM {@code vmId}. The VM is checked under its row lock; the platform is
     * asked after the lock is let go (it refuses a race with 2052), as for the other changes.
     */
    public Change add(CurrentUser user, String vmId) {
        Vm vm = checked(user, vmId, "cdrom-add", ADD);
        Drives before = drives(vm);
        if (before.full()) {
            throw CdromRefusals.refusedHere(audit, ADD, vm, "2068", "the VM has " + before.drives().size()
                    + " drives and " + before.pending() + " added since its last boot");
        }
        act(vm, ADD, "", c -> c.vmAddVirtualCdrom(vmId), r -> r);
        boolean reboot = vm.status() == RUNNING;
        tx.executeWithoutResult(s -> {
            if (reboot) {
                pending.added(vmId, before.drives().size(), user.id());
            } else {
                pending.listedAtOnce(vmId);
            }
            audit.event(ADD).target("VM", vmId).params("rebootNeeded=" + reboot).record();
        });
        live.publish(vm.tenantId(), LiveUpdates.VMS, vmId);
        return new Change(vmId, null, null, reboot);
    }

    /**
     * Loads image {@code imageId} into the first empty drive of VM {@code vmId}, at once: only an
     * image of the VM's pool ({@link #images}), refused before asking otherwise (404 with 2062 for
     * an image the platform does not list, 400 with 2003 for another pool's).
     */
    public Change mount(CurrentUser user, String vmId, String imageId) {
        Vm vm = checked(user, vmId, "cdrom-mount", MOUNT);
        if (imageId == null || imageId.isBlank()) {
            throw FieldProblems.of("imageId", "cdrom.error.imageId");
        }
        String image = imageId.strip();
        String params = "image=" + image;
        Drives drives = drives(vm);
        if (drives.problemCode() == null && !drives.emptyNow()) {
            throw CdromRefusals.refusedHere(audit, MOUNT, vm, "2070", params + ": no empty drive present now, "
                    + drives.pending() + " added since the last boot");
        }
        List<ImageInfo> all;
        try {
            all = ask(c -> c.searchInstallImages(null));
        } catch (Vsip4xRefusedException e) {
            throw new Images(List.of(), e.code(), e.info()).refusal();
        }
        if (all.stream().noneMatch(i -> image.equals(i.id()))) {
            throw CdromRefusals.refusedHere(audit, MOUNT, vm, "2062", params + ": no such image");
        }
        if (ofPool(all, vm).stream().noneMatch(i -> image.equals(i.id()))) {
            throw CdromRefusals.refusedHere(audit, MOUNT, vm, VmPlatformCalls.INVALID, params + ": another pool's");
        }
        ImageMount mount = act(vm, MOUNT, params, c -> c.vmMountImage(vmId, image), ImageMount::result);
        audit.event(MOUNT).target("VM", vmId).params(params + ", drive=" + mount.cdImageId()).record();
        live.publish(vm.tenantId(), LiveUpdates.VMS, vmId);
        return new Change(vmId, mount.cdImageId(), image, false);
    }

    /** Ejects the image from drive {@code cdromId} of VM {@code vmId}. */
    public Change unmount(CurrentUser user, String vmId, String cdromId) {
        Vm vm = checked(user, vmId, "cdrom-unmount", UNMOUNT);
        String params = "drive=" + cdromId;
        act(vm, UNMOUNT, params, c -> c.vmUnmountImage(vmId, cdromId), r -> r);
        boolean reboot = vm.status() == RUNNING;
        audit.event(UNMOUNT).target("VM", vmId).params(params + ", rebootNeeded=" + reboot).record();
        live.publish(vm.tenantId(), LiveUpdates.VMS, vmId);
        return new Change(vmId, cdromId, null, reboot);
    }

    /** Why a drive cannot be added to {@code vm} now, or {@code null}: its state, or all drives taken. */
    VmGuard.Refusal addRefusal(Vm vm, Drives drives) {
        VmGuard.Refusal refusal = changeRefusal(vm);
        if (refusal == null && drives.full()) {
            return new VmGuard.Refusal("2068", CdromRefusals.CDROM + "2068");
        }
        return refusal;
    }

    /** Why an image cannot be loaded into {@code vm} now, or {@code null}: its state, or no empty drive now. */
    VmGuard.Refusal mountRefusal(Vm vm, Drives drives) {
        VmGuard.Refusal refusal = changeRefusal(vm);
        if (refusal == null && drives.problemCode() == null && !drives.emptyNow()) {
            return new VmGuard.Refusal("2070", drives.pending() > 0 ? "cdrom.why.noDriveNow" : "cdrom.why.noDrive");
        }
        return refusal;
    }

    /** Why {@code vm}'s drives cannot change now, or {@code null}. */
    VmGuard.Refusal changeRefusal(Vm vm) {
        return guard.refusal(vm, STOPPED_OR_RUNNING, "2052");
    }

    /** The VM {@code user} may change the drives of now, checked under its row lock and let go. */
    private Vm checked(CurrentUser user, String vmId, String action, String auditAction) {
        return tx.execute(s -> {
            Vm vm = guard.operable(user, vmId, action, auditAction);
            guard.require(vm, STOPPED_OR_RUNNING, "2052", action, auditAction);
            return vm;
        });
    }

    /** Asks the platform: 503 when it cannot be reached, its refusal with the CD-ROM texts. */
    private <T> T act(Vm vm, String auditAction, String params, Function<Vsip4xClient, T> call,
            Function<T, SdkResult> resultOf) {
        T answer = calls.call(vm, auditAction, params, call, a -> ANSWERED, TEXTS);
        SdkResult result = resultOf.apply(answer);
        if (!result.ok()) {
            throw calls.refused(vm, auditAction, params, result.code(), TEXTS, vm.name(), result.code());
        }
        return answer;
    }

    /** Asks the platform: 503 when it cannot be reached; a refused list is thrown as it is, for the caller. */
    private <T> T ask(Function<Vsip4xClient, T> call) {
        try {
            return platform.read(call);
        } catch (Vsip4xRefusedException e) {
            throw e;
        } catch (Vsip4xException e) {
            throw new PlatformUnavailableException(e);
        }
    }
}
