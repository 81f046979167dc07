package io.vsip4x.portal.requests;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.platform.Catalog;
import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.tenancy.QuotaService;
import io.vsip4x.portal.tenancy.Tenant;
import io.vsip4x.portal.tenancy.TenantService;
import java.util.List;
import org.springframework.stereotype.Component;

/** What a tenant may ask for: its catalog, quota and usage, in the shape the form and API use. */
@Component
class RequestOptions {

    private final CatalogService catalog;
    private final TenantService tenants;
    private final QuotaService quotas;

    RequestOptions(CatalogService catalog, TenantService tenants, QuotaService quotas) {
        this.catalog = catalog;
        this.tenants = tenants;
        this.quotas = quotas;
    }

    /** A template offered. */
    record TemplateOption(String templateId, String osType, String osBits, int cpu, long memoryMb, long diskGb) {
    }

    /** A pool offered. */
    record PoolOption(String repoName, String name, String type, long freeGb) {
    }

    /** A network offered. */
    record NetworkOption(String network, String name) {
    }

    /** The whole offer. */
    record Offer(String tenant, List<TemplateOption> templates, List<PoolOption> pools,
            List<NetworkOption> networks, Quota quota, Quota used, Quota left) {
    }

    /** What {@code viewer}'s tenant offers them: nothing above their clearance or its ceiling. */
    Offer offer(CurrentUser viewer) {
        long tenantId = viewer.tenantId();
        Catalog c = catalog.forViewer(viewer);
        Tenant tenant = tenants.find(tenantId).orElseThrow();
        QuotaService.Report report = quotas.report(tenantId);
        Quota used = report.used().plus(report.reserved());
        long mib = 1024L * 1024L;
        return new Offer(tenant.name(),
                c.templates().stream().map(t -> new TemplateOption(t.templateId(), t.osType(), t.osBits(), t.cpu(),
                        t.memoryBytes() / mib, t.diskBytes() / (mib * 1024))).toList(),
                c.pools().stream().map(p -> new PoolOption(p.repositoryId(), p.name(), p.type(),
                        p.freeBytes() / (mib * 1024))).toList(),
                c.networks().stream().map(n -> new NetworkOption(n.virtualNetworkId(), n.virtualNetworkName()))
                        .toList(),
                tenant.quota(), used, quotas.left(tenantId, viewer.id()));
    }
}
