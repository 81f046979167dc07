package io.vsip4x.portal.tenancy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tenants and their quotas as JSON, for platform admins (everybody else gets 403). */
@RestController
@RequestMapping("/api/v1/tenants")
@Tag(name = "Tenants", description = "Departments, their quotas and what is open to them")
class TenantApiController {

    private final TenantAdmin admin;
    private final QuotaService quotas;

    TenantApiController(TenantAdmin admin, QuotaService quotas) {
        this.admin = admin;
        this.quotas = quotas;
    }

    /** A tenant's settings. */
    record TenantView(String code, String name, Quota limits, Tenant.VmCap vmCap, int ceiling, Integer leaseMaxDays,
            Set<String> templates, Set<String> pools, Set<String> networks, int version) {

        static TenantView of(TenantAdmin.Details d) {
            Tenant t = d.tenant();
            return new TenantView(t.code(), t.name(), t.quota(), t.vmCap(), t.ceiling(), t.leaseMaxDays(),
                    d.grants().templates(), d.grants().pools(), d.grants().networks(), d.version());
        }
    }

    /** A tenant's limits with what is used, reserved and free of them. */
    record QuotaView(String tenant, Quota limits, Quota used, Quota reserved, Quota free) {

        static QuotaView of(String code, QuotaService.Report r) {
            return new QuotaView(code, r.limits(), r.used(), r.reserved(), r.free());
        }
    }

    @GetMapping
    @Operation(summary = "Every department with its settings")
    List<TenantView> list() {
        CurrentUser me = UserService.current();
        return admin.list(me).stream().map(t -> TenantView.of(admin.get(me, t.code()))).toList();
    }

    @PostMapping
    @Operation(summary = "Create a department: code, name, limits (seven keys), vmCap, ceiling, leaseMaxDays, "
            + "templates, pools, networks; 400 with one message per field")
    ResponseEntity<TenantView> create(@RequestBody Map<String, Object> body) {
        CurrentUser me = UserService.current();
        TenantAdmin.requirePlatformAdmin(me);
        String code = admin.create(me, TenantJson.form(body));
        return ResponseEntity.created(URI.create("/api/v1/tenants/" + code)).body(TenantView.of(admin.get(me, code)));
    }

    @GetMapping("/{code}")
    @Operation(summary = "One department's settings; 404 when there is none")
    TenantView get(@PathVariable String code) {
        return TenantView.of(admin.get(UserService.current(), code));
    }

    @GetMapping("/{code}/quota")
    @Operation(summary = "One department's limits, used, reserved and free")
    QuotaView quota(@PathVariable String code) {
        Tenant tenant = admin.get(UserService.current(), code).tenant();
        return QuotaView.of(tenant.code(), quotas.report(tenant.id()));
    }

    @PutMapping("/{code}/quota")
    @Operation(summary = "Set one department's limits: {\"limits\": {all seven keys}}; 400 for a missing, "
            + "unknown, negative or fractional value (nothing changes then)")
    QuotaView setQuota(@PathVariable String code, @RequestBody Map<String, Object> body) {
        CurrentUser me = UserService.current();
        TenantAdmin.requirePlatformAdmin(me);
        Tenant tenant = admin.find(code);
        return QuotaView.of(tenant.code(), admin.setLimits(me, code, TenantJson.limits(body)));
    }
}
