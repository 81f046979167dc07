package io.vsip4x.portal.vms;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.UserService;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The VMs as JSON. */
@RestController
@RequestMapping("/api/v1/vms")
@Tag(name = "VMs", description = "The caller's VMs")
class VmApiController {

    private final VmListing listing;

    VmApiController(VmListing listing) {
        this.listing = listing;
    }

    @GetMapping
    @Operation(summary = "One page of the VMs the caller sees (platform admins every tenant's, tenant admins and "
            + "approvers their tenant's, others their own; none above their clearance), searched, filtered and "
            + "sorted: {\"items\": [...], \"page\": 0, \"size\": 50, \"total\": 1234}. Deleted VMs are left "
            + "out. An invalid parameter answers 400 naming it in errors")
    VmPage list(
            @Parameter(description = "Search: name (contained), VM id (from its start) or an IP address (from its "
                    + "start)") @RequestParam(required = false) String q,
            @Parameter(description = "Status codes of the spec (0-9, 11, 12), repeated or comma-separated")
            @RequestParam(required = false) List<String> status,
            @Parameter(description = "Pool id") @RequestParam(required = false) String repoName,
            @Parameter(description = "Host id") @RequestParam(required = false) String hostId,
            @Parameter(description = "Owner's username") @RequestParam(required = false) String owner,
            @Parameter(description = "Template id") @RequestParam(required = false) String templateId,
            @Parameter(description = "Exact classification level")
            @RequestParam(required = false) String classification,
            @Parameter(description = "name, -name, status, created, -created (the default), host or owner")
            @RequestParam(required = false) String sort,
            @Parameter(description = "Page number from 0 (default 0)") @RequestParam(required = false) String page,
            @Parameter(description = "VMs per page, 1 to 200 (default 50)")
            @RequestParam(required = false) String size,
            Locale locale) {
        VmQuery query = VmQuery.parse(q, status, repoName, hostId, owner, templateId, classification, sort, page,
                size);
        return listing.page(UserService.current(), query, locale);
    }
}
