package io.vsip4x.portal.tenancy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.PortalException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own quota as JSON. */
@RestController
@Tag(name = "Quotas", description = "Limits, usage and reservations")
class QuotaApiController {

    private final TenantService tenants;
    private final QuotaService quotas;

    QuotaApiController(TenantService tenants, QuotaService quotas) {
        this.tenants = tenants;
        this.quotas = quotas;
    }

    /**
     * The caller's tenant's quota, and their own caps when they have any.
     *
     * @param personal the caps ({@code null} components: no cap of their own) with their usage
     */
    record MyQuota(String tenant, Quota limits, Quota used, Quota reserved, Quota free,
            @JsonInclude(JsonInclude.Include.NON_NULL) Personal personal) {
    }

    /** A person's caps with what their own work uses and holds. */
    record Personal(QuotaService.PersonalCap limits, Quota used, Quota reserved) {
    }

    @GetMapping("/api/v1/quota")
    @Operation(summary = "The caller's department's limits, used, reserved and free; with personal caps "
            + "when set; 404 for accounts without a department")
    MyQuota mine() {
        CurrentUser me = UserService.current();
        if (me.tenantId() == null) {
            throw PortalException.notFound("quota.error.noTenant");
        }
        Tenant tenant = tenants.find(me.tenantId()).orElseThrow(
                () -> PortalException.notFound("quota.error.noTenant"));
        QuotaService.Report report = quotas.report(tenant.id());
        Personal personal = quotas.personalCap(me.id()).map(cap -> {
            Usage usage = quotas.usage(tenant.id(), me.id());
            return new Personal(cap, usage.used(), usage.reserved());
        }).orElse(null);
        return new MyQuota(tenant.code(), report.limits(), report.used(), report.reserved(), report.free(),
                personal);
    }
}
