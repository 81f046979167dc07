package io.vsip4x.portal.admin.catalog;

import io.vsip4x.portal.tenancy.ResourceKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Which tenants each platform resource is open to, read in one query per kind. */
@Component
class TenantGrants {

    private final JdbcClient jdbc;

    TenantGrants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A tenant a resource is open to. */
    record TenantRef(String code, String name) {
    }

    /** Per resource id of {@code kind}, the tenants it is granted to, by code. */
    Map<String, List<TenantRef>> of(ResourceKind kind) {
        Map<String, List<TenantRef>> byResource = new HashMap<>();
        jdbc.sql("""
                SELECT r.resource_id, t.code, t.name
                  FROM tenant_resource r
                  JOIN tenant t ON t.id = r.tenant_id
                 WHERE r.kind = :kind
                 ORDER BY t.code""")
                .param("kind", kind.name())
                .query(rs -> {
                    byResource.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new TenantRef(rs.getString(2), rs.getString(3)));
                });
        return byResource;
    }

    /** The tenants granted any of {@code ids} in {@code byResource}, each once, by code. */
    static List<TenantRef> anyOf(Map<String, List<TenantRef>> byResource, Collection<String> ids) {
        Map<String, TenantRef> found = new TreeMap<>();
        for (String id : ids) {
            byResource.getOrDefault(id, List.of()).forEach(t -> found.putIfAbsent(t.code(), t));
        }
        return List.copyOf(found.values());
    }
}
