package io.vsip4x.portal.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who the caller is. */
@RestController
@Tag(name = "Identity")
class MeApiController {

    @GetMapping("/api/v1/me")
    @Operation(summary = "The signed-in account: name, tenant and roles")
    CurrentUser me() {
        return UserService.current();
    }
}
