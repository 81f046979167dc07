package io.vsip4x.portal.admin.catalog;

import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.model.PoolInfo;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The catalog pages of platform admins: templates (with their sync), images, virtual networks and
 * storage nodes. When the platform does not answer, a page still renders, saying so.
 */
@Controller
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
class AdminCatalogPageController {

    private final CatalogReads reads;
    private final TemplateSyncs syncs;
    private final MessageSource messages;

    AdminCatalogPageController(CatalogReads reads, TemplateSyncs syncs, MessageSource messages) {
        this.reads = reads;
        this.syncs = syncs;
        this.messages = messages;
    }

    @GetMapping("/admin/templates")
    String templates(Model model) {
        model.addAttribute("templates", readOrNote(model, reads::templates));
        return "admin/catalog/templates";
    }

    /** Syncs a template and shows the list again with what the platform said (or why it did not). */
    @PostMapping("/admin/templates/{templateId}/sync")
    String sync(@PathVariable String templateId, RedirectAttributes redirect, Locale locale) {
        try {
            redirect.addFlashAttribute("synced", syncs.sync(templateId));
        } catch (PortalException e) {
            redirect.addFlashAttribute("syncError", messages.getMessage(e.messageKey(), e.args(), locale));
        } catch (PlatformUnavailableException e) {
            redirect.addFlashAttribute("syncError", messages.getMessage("error.platformUnreachable", null, locale));
        }
        return "redirect:/admin/templates";
    }

    @GetMapping("/admin/images")
    String images(@RequestParam(required = false) String type, Model model) {
        model.addAttribute("type", type == null ? "" : type.trim());
        List<CatalogRows.Image> all = readOrNote(model, () -> reads.images(null));
        model.addAttribute("types", all == null ? List.of() : CatalogReads.types(all));
        model.addAttribute("images", all == null ? null : CatalogReads.ofType(all, type));
        return "admin/catalog/images";
    }

    @GetMapping("/admin/networks")
    String networks(Model model) {
        model.addAttribute("networks", readOrNote(model, reads::networks));
        return "admin/catalog/networks";
    }

    @GetMapping("/admin/storage-nodes")
    String storageNodes(@RequestParam(required = false) String pool, Model model, Locale locale) {
        model.addAttribute("pool", pool == null ? "" : pool.trim());
        List<PoolInfo> pools = readOrNote(model, reads::pools);
        model.addAttribute("pools", pools == null ? List.of() : pools);
        try {
            model.addAttribute("storage", pools == null ? null : readOrNote(model, () -> reads.storageNodes(pool)));
        } catch (PortalException e) {
            // An unknown pool in the address: the page stays, with its pools to choose from.
            model.addAttribute("storage", null);
            model.addAttribute("poolError", messages.getMessage(e.messageKey(), e.args(), locale));
        }
        return "admin/catalog/storage-nodes";
    }

    /** What {@code read} gives, or {@code null} with the page's note that the platform did not answer. */
    private static <T> T readOrNote(Model model, Supplier<T> read) {
        try {
            return read.get();
        } catch (PlatformUnavailableException e) {
            model.addAttribute("platformUnavailable", true);
            return null;
        }
    }
}
