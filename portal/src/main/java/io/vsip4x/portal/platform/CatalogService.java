package io.vsip4x.portal.platform;

import io.vsip4x.portal.identity.Clearance;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.tenancy.ResourceKind;
import io.vsip4x.portal.tenancy.Tenant;
import io.vsip4x.portal.tenancy.TenantService;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.model.TemplateInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the platform offers, read from it and kept for a short while; when the platform cannot
 * be reached, the last answer is served. A template made from one of the portal's VMs
 * ({@code vm_template}) is of at least that VM's classification in every view, whatever level
 * the platform gives it: the new-VM form, the request checks and the templates list all read it here.
 */
@Service
public class CatalogService {

    private static final Logger log = LoggerFactory.getLogger(CatalogService.class);
    private static final Duration FRESH_FOR = Duration.ofSeconds(30);

    private final PlatformClient platform;
    private final TenantService tenants;
    private final Clock clock;
    private final PlatformHealth health;
    private final JdbcClient jdbc;
    private volatile Catalog cached;
    private volatile Instant cachedAt = Instant.EPOCH;

    CatalogService(PlatformClient platform, TenantService tenants, Clock clock, PlatformHealth health,
            JdbcClient jdbc) {
        this.platform = platform;
        this.tenants = tenants;
        this.clock = clock;
        this.health = health;
        this.jdbc = jdbc;
    }

    /**
     * Everything the platform offers, each template made from a VM at least of that VM's level.
     *
     * @throws PlatformUnavailableException when it cannot be reached and nothing was read before
     */
    public Catalog all() {
        return withBuiltLevels(offer());
    }

    /** The platform's offer as it gives it (kept for {@link #FRESH_FOR}). */
    private Catalog offer() {
        Catalog current = cached;
        if (current != null && cachedAt.plus(FRESH_FOR).isAfter(clock.instant())) {
            return current;
        }
        if (!health.reachable()) {
            // Known down: no page waits for time-outs; reconciliation notices when it is back.
            if (current != null) {
                return current;
            }
            throw new PlatformUnavailableException(null);
        }
        try {
            Catalog fresh = new Catalog(
                    platform.call(c -> c.searchTemplateList(Map.of())),
                    platform.call(c -> c.searchRepository(Map.of())),
                    platform.call(c -> c.getVirtualNetwork(null)));
            cached = fresh;
            cachedAt = clock.instant();
            return fresh;
        } catch (Vsip4xException e) {
            if (current != null) {
                log.info("Serving the last known catalog: the platform did not answer");
                return current;
            }
            throw new PlatformUnavailableException(e);
        }
    }

    /** Drops the kept answer, so that the next read asks the platform (after a change such as a new template). */
    public void forget() {
        cachedAt = Instant.EPOCH;
    }

    /**
     * What {@code viewer} may see and use of their tenant's catalog: nothing above their
     * clearance or above the tenant's ceiling as it stands now.
     *
     * @throws IllegalArgumentException when {@code viewer} belongs to no tenant
     */
    public Catalog forViewer(CurrentUser viewer) {
        if (viewer.tenantId() == null) {
            throw new IllegalArgumentException("A platform-wide account has no tenant catalog");
        }
        int ceiling = tenants.find(viewer.tenantId()).map(Tenant::ceiling).orElse(0);
        return forTenant(viewer.tenantId()).upTo(Clearance.limit(viewer.clearance(), ceiling));
    }

    /** What tenant {@code tenantId} may use of the platform's offer, whatever its classification. */
    public Catalog forTenant(long tenantId) {
        Catalog all = all();
        Set<String> templates = tenants.granted(tenantId, ResourceKind.TEMPLATE);
        Set<String> pools = tenants.granted(tenantId, ResourceKind.POOL);
        Set<String> networks = tenants.granted(tenantId, ResourceKind.NETWORK);
        return new Catalog(
                all.templates().stream().filter(t -> templates.contains(t.templateId())).toList(),
                all.pools().stream().filter(p -> pools.contains(p.repositoryId())).toList(),
                all.networks().stream().filter(n -> networks.contains(n.virtualNetworkId())).toList());
    }

    /**
     * {@code offer} with each template made from a portal VM raised to that VM's classification
     * when the platform gives it less (the higher of the two counts).
     */
    private Catalog withBuiltLevels(Catalog offer) {
        return new Catalog(withBuiltLevels(offer.templates()), offer.pools(), offer.networks());
    }

    /**
     * {@code templates} as every view of the portal has them: each made from a portal VM raised to
     * that VM's classification when the platform gives it less (the higher of the two counts).
     */
    public List<TemplateInfo> withBuiltLevels(List<TemplateInfo> templates) {
        Map<String, Integer> built = new HashMap<>();
        jdbc.sql("SELECT template_id, classification FROM vm_template")
                .query(rs -> {
                    built.merge(rs.getString(1), rs.getInt(2), Math::max);
                });
        if (built.isEmpty()) {
            return templates;
        }
        return templates.stream().map(t -> raised(t, built.get(t.templateId()))).toList();
    }

    private static TemplateInfo raised(TemplateInfo t, Integer level) {
        if (level == null || level <= t.classification()) {
            return t;
        }
        return new TemplateInfo(t.templateId(), t.osType(), t.osFamily(), t.osBits(), t.cpu(), t.memoryBytes(),
                t.diskBytes(), level, t.raw());
    }
}
