package io.vsip4x.portal.storage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmPlatformCalls;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.model.ImageInfo;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A VM's CD-ROM drives and the images it can load, as JSON: the same rules and codes as its page. */
@RestController
@RequestMapping("/api/v1/vms/{vmId}/cdroms")
@Tag(name = "cdroms", description = "A VM's CD-ROM drives: list, add (at most 4), load an installation image, "
        + "eject it")
class CdromApiController {

    private final CdromService cdroms;

    CdromApiController(CdromService cdroms) {
        this.cdroms = cdroms;
    }

    /**
     * One drive; {@code image} is the loaded image's file name, or {@code null} when empty. A drive
     * added to the running VM since its last boot is {@code pending}: usable after its next start or
     * reboot, with no id or name yet (the platform lists it only then).
     */
    record DriveView(String id, String name, String image, boolean loaded, boolean pending) {

        static List<DriveView> of(CdromService.Drives drives) {
            List<DriveView> views = new ArrayList<>(drives.drives().stream()
                    .map(d -> new DriveView(d.id(), d.name(), d.image(), d.loaded(), false)).toList());
            for (int i = 0; i < drives.pending(); i++) {
                views.add(new DriveView(null, null, null, false, true));
            }
            return views;
        }
    }

    /** One installation image of the VM's pool. */
    record ImageView(String id, String name, String type, String bits, String repository) {

        static ImageView of(ImageInfo i) {
            return new ImageView(i.id(), i.name(), i.type(), i.bits(), i.repository());
        }
    }

    /** What to load. */
    record MountBody(String imageId) {
    }

    /**
     * What a change did, and the drives after it.
     *
     * @param rebootNeeded whether the change waits for the VM's next start or reboot
     */
    record ChangeView(String vmId, String cdromId, String imageId, boolean rebootNeeded, List<DriveView> drives) {
    }

    @GetMapping
    @Operation(summary = "The VM's CD-ROM drives as the platform lists them, then those added to the running VM "
            + "since its last boot (pending: usable after its next start or reboot, no id yet); they count "
            + "toward the 4 drives. 404 when the VM is not the caller's to see")
    List<DriveView> list(@PathVariable String vmId) {
        Vm vm = cdroms.visible(UserService.current(), vmId);
        CdromService.Drives drives = cdroms.drives(vm);
        if (drives.problemCode() != null) {
            String code = drives.problemCode();
            throw new PortalException(VmPlatformCalls.statusOf(code), CdromService.TEXTS.key(code), code, vm.name(),
                    code);
        }
        return DriveView.of(drives);
    }

    @GetMapping("/images")
    @Operation(summary = "The installation images the VM can load: those of its pool. When the platform refuses "
            + "to list them: its code (409, 404, or 400 for 2003) with its text")
    List<ImageView> images(@PathVariable String vmId) {
        Vm vm = cdroms.visible(UserService.current(), vmId);
        CdromService.Images images = cdroms.images(vm);
        if (images.refusalCode() != null) {
            throw images.refusal();
        }
        return images.images().stream().map(ImageView::of).toList();
    }

    @PostMapping
    @Operation(summary = "Adds an empty CD-ROM drive: 201; rebootNeeded when the VM runs (the drive shows after "
            + "its next boot). 409 with code 2068 when it has 4 drives, 2052 when it is neither stopped nor "
            + "running or busy; 403 when the caller may not operate it")
    ResponseEntity<ChangeView> add(@PathVariable String vmId) {
        CurrentUser user = UserService.current();
        CdromService.Change change = cdroms.add(user, vmId);
        return ResponseEntity.status(HttpStatus.CREATED).body(view(user, change));
    }

    @PostMapping("/mount")
    @Operation(summary = "Loads image imageId (from the images list) into the first empty drive present now (not one "
            + "added since the last boot), at once: 200 with the drive as cdromId. 403 when the caller may not "
            + "operate the VM (checked first); 400 without imageId; 404 with code 2062 for an unknown image, 400 "
            + "with 2003 for an image of another pool, 409 with 2070 when no drive present now is empty, 2052 "
            + "when busy")
    ChangeView mount(@PathVariable String vmId, @RequestBody(required = false) MountBody body) {
        CurrentUser user = UserService.current();
        return view(user, cdroms.mount(user, vmId, body == null ? null : body.imageId()));
    }

    @PostMapping("/{cdromId}/unmount")
    @Operation(summary = "Ejects the image from drive cdromId: 200; rebootNeeded when the VM runs (the drive "
            + "empties at its next boot). 409 with code 2071 when the VM has no such drive or it holds no image, "
            + "2052 when busy")
    ChangeView unmount(@PathVariable String vmId, @PathVariable String cdromId) {
        CurrentUser user = UserService.current();
        return view(user, cdroms.unmount(user, vmId, cdromId));
    }

    private ChangeView view(CurrentUser user, CdromService.Change change) {
        CdromService.Drives drives = cdroms.drives(cdroms.visible(user, change.vmId()));
        return new ChangeView(change.vmId(), change.cdromId(), change.imageId(), change.rebootNeeded(),
                DriveView.of(drives));
    }
}
