package io.vsip4x.portal.admin.catalog;

import io.vsip4x.portal.admin.PlatformReads;
import io.vsip4x.portal.admin.catalog.TenantGrants.TenantRef;
import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.tenancy.ResourceKind;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.Vsip4xClient;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.Vsip4xRefusedException;
import io.vsip4x.sdk.model.NetworkInfo;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.StorageNodeInfo;
import io.vsip4x.sdk.model.TemplateInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The platform's templates, images, networks and storage nodes as platform admins see them, each
 * with the tenants it is open to. Every read asks the platform now ({@link PlatformClient#read}).
 * A template's classification is the portal's: the higher of the platform's and, for a template
 * made from a portal VM, that VM's (as {@code platform.CatalogService} has it).
 */
@Service
class CatalogReads {

    /** The platform's code for an unknown pool. */
    static final String NO_POOL = "4020";
    private static final Logger log = LoggerFactory.getLogger(CatalogReads.class);

    private final PlatformClient platform;
    private final TenantGrants grants;
    private final JdbcClient jdbc;
    private final CatalogService catalog;
    private final PlatformReads perPool;

    CatalogReads(PlatformClient platform, TenantGrants grants, JdbcClient jdbc, CatalogService catalog,
            PlatformReads perPool) {
        this.platform = platform;
        this.grants = grants;
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.perPool = perPool;
    }

    /** A template made from a portal VM, as the portal keeps it (its level is {@link CatalogService}'s). */
    private record Built(String vmId, String displayName) {
    }

    /**
     * Every template of every pool; the pools are asked side by side ({@link PlatformReads#each}).
     *
     * @throws PlatformUnavailableException when the platform does not answer
     */
    List<CatalogRows.Template> templates() {
        List<TemplateInfo> all = read(c -> c.searchTemplateList(Map.of()));
        List<PoolInfo> pools = pools();
        List<List<TemplateInfo>> perPoolLists = perPool.each(pools,
                pool -> read(c -> c.searchTemplateList(Map.of("repoName", pool.repositoryId()))));
        Map<String, List<String>> poolsOf = new HashMap<>();
        for (int i = 0; i < pools.size(); i++) {
            String poolId = pools.get(i).repositoryId();
            perPoolLists.get(i).forEach(t -> poolsOf.computeIfAbsent(t.templateId(), k -> new ArrayList<>())
                    .add(poolId));
        }
        return rows(all, poolsOf);
    }

    /**
     * One template: the platform is asked for it alone, then each pool (side by side) whether it
     * has it.
     *
     * @throws PortalException              404 when the platform lists none of that id
     * @throws PlatformUnavailableException when the platform does not answer
     */
    CatalogRows.Template template(String templateId) {
        List<TemplateInfo> found = read(c -> c.searchTemplateList(Map.of("templateId", templateId))).stream()
                .filter(t -> templateId.equals(t.templateId())).limit(1).toList();
        if (found.isEmpty()) {
            throw PortalException.notFound("admin.templates.notFound", templateId);
        }
        List<PoolInfo> pools = pools();
        List<Boolean> has = perPool.each(pools, pool -> read(c -> c.searchTemplateList(
                        Map.of("templateId", templateId, "repoName", pool.repositoryId())).stream()
                .anyMatch(t -> templateId.equals(t.templateId()))));
        List<String> in = new ArrayList<>();
        for (int i = 0; i < pools.size(); i++) {
            if (has.get(i)) {
                in.add(pools.get(i).repositoryId());
            }
        }
        return rows(found, Map.of(templateId, in)).get(0);
    }

    /** The rows of {@code platform}'s templates, at the portal's levels, with their pools and tenants. */
    private List<CatalogRows.Template> rows(List<TemplateInfo> listed, Map<String, List<String>> poolsOf) {
        List<TemplateInfo> levelled = catalog.withBuiltLevels(listed);
        Map<String, Built> built = built();
        Map<String, List<TenantRef>> granted = grants.of(ResourceKind.TEMPLATE);
        List<CatalogRows.Template> rows = new ArrayList<>();
        for (int i = 0; i < listed.size(); i++) {
            TemplateInfo t = listed.get(i);
            rows.add(template(t, levelled.get(i).classification(), built.get(t.templateId()),
                    poolsOf.getOrDefault(t.templateId(), List.of()), granted.getOrDefault(t.templateId(), List.of())));
        }
        return rows;
    }

    /**
     * The installation images whose OS type or family contains {@code type} (any case; all when it is
     * blank); each is open to the tenants granted its pool. The platform only filters by the exact type
     * ("Kylin V10", not "Kylin"), so the portal filters.
     *
     * @throws PlatformUnavailableException when the platform does not answer
     */
    List<CatalogRows.Image> images(String type) {
        Map<String, List<TenantRef>> pools = grants.of(ResourceKind.POOL);
        return ofType(read(c -> c.searchInstallImages(null)).stream()
                .map(i -> new CatalogRows.Image(i.id(), i.name(), i.type(), i.family(), i.bits(), i.version(),
                        i.repository(), i.path(), pools.getOrDefault(i.repository(), List.of())))
                .toList(), type);
    }

    /** The images of {@code images} whose OS type or family contains {@code type}, in any case. */
    static List<CatalogRows.Image> ofType(List<CatalogRows.Image> images, String type) {
        if (type == null || type.isBlank()) {
            return images;
        }
        String wanted = type.trim().toLowerCase(Locale.ROOT);
        return images.stream().filter(i -> contains(i.type(), wanted) || contains(i.family(), wanted)).toList();
    }

    /** The OS types of {@code images}, each once, sorted. */
    static List<String> types(List<CatalogRows.Image> images) {
        return images.stream().map(CatalogRows.Image::type).filter(t -> t != null && !t.isBlank())
                .distinct().sorted().toList();
    }

    private static boolean contains(String text, String lowerCase) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(lowerCase);
    }

    /**
     * One installation image.
     *
     * @throws PortalException              404 when the platform lists no image of that id
     * @throws PlatformUnavailableException when the platform does not answer
     */
    CatalogRows.Image image(String imageId) {
        return images(null).stream().filter(i -> imageId.equals(i.id())).findFirst()
                .orElseThrow(() -> PortalException.notFound("admin.images.notFound", imageId));
    }

    /**
     * The virtual networks of every pool (asked side by side), with the pools each reaches.
     *
     * @throws PlatformUnavailableException when the platform does not answer
     */
    List<CatalogRows.Network> networks() {
        Map<String, NetworkInfo> networks = new LinkedHashMap<>();
        Map<String, List<String>> poolsOf = new HashMap<>();
        List<PoolInfo> pools = pools();
        List<List<NetworkInfo>> perPoolLists = perPool.each(pools,
                pool -> read(c -> c.getVirtualNetwork(pool.repositoryId())));
        for (int i = 0; i < pools.size(); i++) {
            String poolId = pools.get(i).repositoryId();
            for (NetworkInfo n : perPoolLists.get(i)) {
                networks.putIfAbsent(n.virtualNetworkId(), n);
                poolsOf.computeIfAbsent(n.virtualNetworkId(), k -> new ArrayList<>()).add(poolId);
            }
        }
        read(c -> c.getVirtualNetwork(null)).forEach(n -> networks.putIfAbsent(n.virtualNetworkId(), n));
        Map<String, List<TenantRef>> granted = grants.of(ResourceKind.NETWORK);
        Map<String, Long> vms = vmsByNetwork();
        return networks.values().stream().map(n -> new CatalogRows.Network(n.virtualNetworkId(),
                n.virtualNetworkName(), poolsOf.getOrDefault(n.virtualNetworkId(), List.of()),
                granted.getOrDefault(n.virtualNetworkId(), List.of()), vms.getOrDefault(n.virtualNetworkId(), 0L)))
                .toList();
    }

    /**
     * One virtual network.
     *
     * @throws PortalException              404 when no pool's networks include that id
     * @throws PlatformUnavailableException when the platform does not answer
     */
    CatalogRows.Network network(String networkId) {
        return networks().stream().filter(n -> networkId.equals(n.id())).findFirst()
                .orElseThrow(() -> PortalException.notFound("admin.networks.notFound", networkId));
    }

    /**
     * One distributed storage node, whichever pool it serves.
     *
     * @throws PortalException              404 when no pool's storage has a node of that id
     * @throws PlatformUnavailableException when the platform does not answer
     */
    CatalogRows.StorageNode storageNode(String nodeId) {
        return storageNodes(null).nodes().stream().filter(n -> nodeId.equals(n.id())).findFirst()
                .orElseThrow(() -> PortalException.notFound("admin.storage.notFound", nodeId));
    }

    /**
     * The distributed storage nodes of pool {@code poolId}, or of every pool when it is blank; each
     * pool is asked by its name, as {@code searchDistributedFS} takes it, the pools side by side.
     *
     * @throws PortalException              404 for a pool the platform does not list or refuses as unknown
     * @throws PlatformUnavailableException when the platform does not answer
     */
    CatalogRows.StorageNodes storageNodes(String poolId) {
        List<PoolInfo> pools = pools();
        if (poolId != null && !poolId.isBlank()) {
            pools = pools.stream().filter(p -> p.repositoryId().equals(poolId.trim())).toList();
            if (pools.isEmpty()) {
                throw PortalException.notFound("admin.storage.noPool", poolId.trim());
            }
        }
        Map<String, List<TenantRef>> granted = grants.of(ResourceKind.POOL);
        List<List<StorageNodeInfo>> perPoolLists = perPool.each(pools, pool -> nodesOf(pool,
                pool.name() == null || pool.name().isBlank() ? pool.repositoryId() : pool.name()));
        List<CatalogRows.StorageNode> nodes = new ArrayList<>();
        for (int i = 0; i < pools.size(); i++) {
            PoolInfo pool = pools.get(i);
            for (StorageNodeInfo n : perPoolLists.get(i)) {
                nodes.add(new CatalogRows.StorageNode(pool.repositoryId(), pool.name(), n.id(), n.ipAddress(),
                        n.volume() ? CatalogRows.StorageNodes.STORAGE : "cluster", blankToNull(n.hostId()),
                        n.totalBytes(), n.freeBytes(),
                        CatalogRows.usedPercent(n.totalBytes(), n.freeBytes()), n.online(),
                        granted.getOrDefault(pool.repositoryId(), List.of())));
            }
        }
        return CatalogRows.StorageNodes.of(nodes);
    }

    /**
     * The pools the platform lists.
     *
     * @throws PlatformUnavailableException when the platform does not answer
     */
    List<PoolInfo> pools() {
        return read(c -> c.searchRepository(Map.of()));
    }

    private List<StorageNodeInfo> nodesOf(PoolInfo pool, String ref) {
        try {
            return platform.read(c -> c.searchDistributedFS(ref));
        } catch (Vsip4xRefusedException e) {
            if (NO_POOL.equals(e.code())) {
                // A pool without distributed storage is listed as having no nodes.
                log.info("The platform has no distributed storage for pool \"{}\"", pool.repositoryId());
                return List.of();
            }
            throw new PlatformUnavailableException(e);
        } catch (Vsip4xException e) {
            throw new PlatformUnavailableException(e);
        }
    }

    private <T> T read(Function<Vsip4xClient, T> call) {
        try {
            return platform.read(call);
        } catch (Vsip4xException e) {
            log.info("A platform read for the catalog pages failed: {}", e.getMessage());
            throw new PlatformUnavailableException(e);
        }
    }

    private Map<String, Built> built() {
        Map<String, Built> built = new HashMap<>();
        jdbc.sql("SELECT template_id, vm_id, display_name FROM vm_template")
                .query(rs -> {
                    built.putIfAbsent(rs.getString(1), new Built(rs.getString(2), rs.getString(3)));
                });
        return built;
    }

    private Map<String, Long> vmsByNetwork() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql("""
                SELECT network, COUNT(*)
                  FROM vm
                 WHERE network IS NOT NULL
                   AND lifecycle NOT IN ('DELETED', 'FAILED')
                 GROUP BY network""")
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                });
        return counts;
    }

    private static CatalogRows.Template template(TemplateInfo t, int level, Built built, List<String> pools,
            List<TenantRef> tenants) {
        return new CatalogRows.Template(t.templateId(), built == null ? null : built.displayName(),
                built == null ? null : built.vmId(), t.osType(), t.osFamily(), t.osBits(), t.cpu(), t.memoryBytes(),
                t.diskBytes(), level, t.classification(), List.copyOf(pools), tenants);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
