package io.vsip4x.portal.requests;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.PortalException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The ISO images the caller may install a VM from (a request of kind INSTALL). */
@RestController
@Tag(name = "Catalog")
class InstallImageApiController {

    private final InstallImages images;

    InstallImageApiController(InstallImages images) {
        this.images = images;
    }

    @GetMapping("/api/v1/catalog/images")
    @Operation(summary = "ISO images (searchInstallImages) in the pools open to the caller's tenant, none in a "
            + "pool above the caller's clearance or the tenant's ceiling; a request of kind INSTALL names one "
            + "as imageId, with its pool as repoName")
    List<InstallImages.ImageOption> images() {
        CurrentUser user = UserService.current();
        if (user.tenantId() == null) {
            throw PortalException.notFound("error.request.noTenant");
        }
        return images.forViewer(user);
    }
}
