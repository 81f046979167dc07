package io.vsip4x.portal.storage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.requests.ChangeRequestService.NewDataDisk;
import io.vsip4x.portal.web.FormValues;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Data disks as JSON: the same rules and codes as the pages ({@link DataDiskService}). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "disks", description = "Data disks: list, create (through approval where the tenant asks it), "
        + "attach, detach, extend, delete, free space")
class DiskApiController {

    private final DataDiskService disks;

    DiskApiController(DataDiskService disks) {
        this.disks = disks;
    }

    /**
     * A new disk.
     *
     * @param name   its name
     * @param sizeGb its size in GiB
     * @param repoId its pool (for a disk on its own; one for a VM goes to the VM's pool)
     * @param vmId   the VM to attach it to, or none (under {@code /disks} only)
     * @param reason why (the approvers read it)
     */
    record DiskBody(String name, Long sizeGb, String repoId, String vmId, String reason) {
    }

    /** A larger size for a disk. */
    record ExtendBody(Long sizeGb, String reason) {
    }

    /** The platform's free data-disk storage; {@code null} when it cannot be asked. */
    record FreeSpace(Long freeGb) {
    }

    @GetMapping("/disks")
    @Operation(summary = "The data disks the caller may see (attached or not), newest first")
    List<DataDiskView> list() {
        return disks.list(UserService.current());
    }

    @GetMapping("/disks/free-space")
    @Operation(summary = "The platform's free data-disk storage in GiB (checkDataDiskSpace)")
    FreeSpace freeSpace() {
        return new FreeSpace(disks.freeGb());
    }

    @PostMapping("/disks")
    @Operation(summary = "Asks for a data disk, on its own in a pool (repoId) or for a VM (vmId): 202 with the "
            + "request, and the operation when the tenant needs no approval for disks; 400 for bad values, 409 "
            + "beyond the quota")
    ResponseEntity<DataDiskService.Created> create(@RequestBody DiskBody body) {
        return accepted(disks.create(UserService.current(), new NewDataDisk(FormValues.blankToNull(body.vmId()),
                body.name(), body.sizeGb(), FormValues.blankToNull(body.repoId()), body.reason())));
    }

    @DeleteMapping("/disks/{diskId}")
    @Operation(summary = "Deletes a detached data disk: 204; 409 with 2052 while it is attached or being made, "
            + "or with the platform's code; 404 when it is not the caller's to see, 403 when not theirs")
    ResponseEntity<Void> delete(@PathVariable String diskId) {
        disks.delete(UserService.current(), diskId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/disks/{diskId}/extend")
    @Operation(summary = "Asks for a detached data disk of the caller's to grow to sizeGb: 202 with the request "
            + "(approved at once where the tenant needs no approval for disks)")
    ResponseEntity<DataDiskService.Created> extendDetached(@PathVariable String diskId,
            @RequestBody ExtendBody body) {
        return accepted(disks.extend(UserService.current(), null, diskId, body.sizeGb(), body.reason()));
    }

    @GetMapping("/vms/{vmId}/disks")
    @Operation(summary = "The data disks of a VM: attached, being made and asked for")
    List<DataDiskView> ofVm(@PathVariable String vmId) {
        return disks.ofVm(UserService.current(), vmId);
    }

    @PostMapping("/vms/{vmId}/disks")
    @Operation(summary = "Asks for a new data disk attached to the VM, as POST /disks")
    ResponseEntity<DataDiskService.Created> createOnVm(@PathVariable String vmId, @RequestBody DiskBody body) {
        return accepted(disks.create(UserService.current(), new NewDataDisk(vmId, body.name(), body.sizeGb(),
                null, body.reason())));
    }

    @PostMapping("/vms/{vmId}/disks/{diskId}/attach")
    @Operation(summary = "Attaches a detached data disk of the VM's pool (mountDataDisk): 200 with the disk; 409 "
            + "with 2052 (VM busy or in transition), 2054 (attached already), 2003 (another pool), 2055 (unknown "
            + "to the platform)")
    DataDiskView attach(@PathVariable String vmId, @PathVariable String diskId) {
        return disks.attach(UserService.current(), vmId, diskId);
    }

    @PostMapping("/vms/{vmId}/disks/{diskId}/detach")
    @Operation(summary = "Detaches a data disk from the VM (umountDataDisk): 200 with the disk; 409 with 2052 or "
            + "2055; 404 when the disk is not on the VM")
    DataDiskView detach(@PathVariable String vmId, @PathVariable String diskId) {
        return disks.detach(UserService.current(), vmId, diskId);
    }

    @PostMapping("/vms/{vmId}/disks/{diskId}/extend")
    @Operation(summary = "Asks for a data disk of the VM to grow to sizeGb: 202 with the request (approved at once "
            + "where the tenant needs no approval for disks)")
    ResponseEntity<DataDiskService.Created> extend(@PathVariable String vmId, @PathVariable String diskId,
            @RequestBody ExtendBody body) {
        return accepted(disks.extend(UserService.current(), vmId, diskId, body.sizeGb(), body.reason()));
    }

    private static ResponseEntity<DataDiskService.Created> accepted(DataDiskService.Created created) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(created);
    }
}
