package io.vsip4x.portal.requests;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.PortalException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the caller's tenant may ask for, and how much of its quota is left. */
@RestController
@Tag(name = "Catalog")
class CatalogApiController {

    private final RequestOptions options;

    CatalogApiController(RequestOptions options) {
        this.options = options;
    }

    @GetMapping("/api/v1/catalog")
    @Operation(summary = "Templates, pools and networks open to the caller's tenant (none above the caller's "
            + "clearance or the tenant's ceiling), with its quota and usage")
    RequestOptions.Offer catalog() {
        CurrentUser user = UserService.current();
        if (user.tenantId() == null) {
            throw PortalException.notFound("error.request.noTenant");
        }
        return options.offer(user);
    }
}
