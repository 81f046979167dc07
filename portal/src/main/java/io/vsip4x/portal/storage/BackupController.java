package io.vsip4x.portal.storage;

import io.vsip4x.portal.identity.UserService;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A VM's backups page: the list kept from the platform's callbacks, live, with backing up
 * (description, memory snapshot, checksum), restoring where the VM is or into another pool or
 * host of its tenant (after a confirmation naming what is lost) and deleting; the same rules and
 * codes as the API ({@link BackupService}).
 */
@Controller
class BackupController {

    /** The id of the page's live part, which its forms and live updates refresh. */
    static final String LIVE = "backups-live";

    private final BackupPages pages;
    private final BackupService backups;

    BackupController(BackupPages pages, BackupService backups) {
        this.pages = pages;
        this.backups = backups;
    }

    /** The page, or only its live part when htmx asks for it. */
    @GetMapping("/vms/{vmId}/backups")
    String page(@PathVariable String vmId, Model model, Locale locale, HttpServletRequest request) {
        pages.fill(UserService.current(), vmId, model, locale);
        return LIVE.equals(request.getHeader("HX-Target")) ? "storage/backups :: live" : "storage/backups";
    }

    @PostMapping("/vms/{vmId}/backups")
    String create(@PathVariable String vmId, @RequestParam(required = false) String description,
            @RequestParam(required = false) String memorySnapshot, @RequestParam(required = false) String checksum,
            Model model, Locale locale, HttpServletRequest request) {
        backups.create(UserService.current(), vmId,
                new BackupService.NewBackup(description, BackupFields.flag("memorySnapshot", memorySnapshot),
                        BackupFields.flag("checksum", checksum)));
        return answer(vmId, model, locale, request);
    }

    @PostMapping("/vms/{vmId}/backups/{backupId}/restore")
    String restore(@PathVariable String vmId, @PathVariable String backupId,
            @RequestParam(required = false) String target, @RequestParam(required = false) String checksum,
            Model model, Locale locale, HttpServletRequest request) {
        // The form's one choice is "pool" or "pool/host"; empty restores where the VM is.
        String repoId = null;
        String hostId = null;
        if (target != null && !target.isBlank()) {
            int slash = target.indexOf('/');
            repoId = slash < 0 ? target : target.substring(0, slash);
            hostId = slash < 0 ? null : target.substring(slash + 1);
        }
        backups.restore(UserService.current(), vmId, backupId,
                new BackupService.Restore(repoId, hostId, BackupFields.flag("checksum", checksum)));
        return answer(vmId, model, locale, request);
    }

    @PostMapping("/vms/{vmId}/backups/{backupId}/delete")
    String delete(@PathVariable String vmId, @PathVariable String backupId, Model model, Locale locale,
            HttpServletRequest request) {
        backups.delete(UserService.current(), vmId, backupId);
        return answer(vmId, model, locale, request);
    }

    /** htmx gets the live part refreshed; a plain form post the page. */
    private String answer(String vmId, Model model, Locale locale, HttpServletRequest request) {
        if (request.getHeader("HX-Request") == null) {
            return "redirect:/vms/" + vmId + "/backups";
        }
        pages.fill(UserService.current(), vmId, model, locale);
        return "storage/backups :: live";
    }
}
