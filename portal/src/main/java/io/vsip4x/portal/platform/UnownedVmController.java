package io.vsip4x.portal.platform;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.tenancy.Tenant;
import io.vsip4x.portal.tenancy.TenantService;
import io.vsip4x.portal.web.FieldProblems;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The VMs the platform has and the portal does not know, as the inventory reconciliation found
 * them, for platform admins only: a page and its JSON. The page offers to adopt each into a
 * tenant ({@code admin.placement.AdoptionController}).
 */
@Controller
@PreAuthorize("hasRole('PLATFORM_ADMIN')")
@Tag(name = "Platform", description = "The platform as the portal sees it")
class UnownedVmController {

    private final UnownedVms unowned;
    private final TenantService tenants;

    UnownedVmController(UnownedVms unowned, TenantService tenants) {
        this.unowned = unowned;
        this.tenants = tenants;
    }

    /** The page, {@link UnownedVms#PAGE_SIZE} VMs a page; a page that is not a number is a localized 400. */
    @GetMapping("/admin/unowned-vms")
    String page(@RequestParam(required = false) String page, Model model) {
        int number = pageNumber(page);
        long total = unowned.count();
        model.addAttribute("vms", unowned.page(number));
        model.addAttribute("page", number);
        model.addAttribute("total", total);
        model.addAttribute("hasNext", (long) (number + 1) * UnownedVms.PAGE_SIZE < total);
        model.addAttribute("tenants", tenants.all().stream().map(Tenant::code).toList());
        return "admin/unowned-vms";
    }

    @GetMapping("/api/v1/admin/unowned-vms")
    @ResponseBody
    @Operation(summary = "VMs on the platform that the portal does not know (platform admins): every one, or "
            + "one page of 50 by name with page (from 0)")
    List<UnownedVms.UnownedVm> list(@RequestParam(required = false) String page) {
        return page == null ? unowned.list() : unowned.page(pageNumber(page));
    }

    /** The page number {@code text} gives (blank: the first), in ASCII digits, else a localized 400. */
    private static int pageNumber(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        if (!text.strip().matches("[0-9]{1,7}")) {
            throw FieldProblems.of("page", "vmlist.error.page", 0);
        }
        return Integer.parseInt(text.strip());
    }
}
