package io.vsip4x.portal.tenancy;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How the tenants table is sorted, from its {@code sort} parameter: a column's key, descending
 * with a leading {@code -} ({@code -cpu}). Anything else is the default, by code. Ties go by code,
 * so the order is stable.
 *
 * @param key        the column: {@code name}, {@code code}, {@code share} or a resource's key
 * @param descending whether largest (or last) first
 */
public record TenantSort(String key, boolean descending) {

    /** The default order: by code. */
    public static final TenantSort DEFAULT = new TenantSort("code", false);
    /** The resource columns in the order the table shows them. */
    public static final List<Resource> COLUMNS = List.of(Resource.VMS, Resource.CPU, Resource.MEMORY_MB,
            Resource.DISK_GB, Resource.DATA_DISK_GB, Resource.SNAPSHOTS, Resource.BACKUPS);

    private static final Map<String, Function<TenantTable.Row, Comparable<?>>> KEYS = keys();

    /** The order {@code param} names, or {@link #DEFAULT} for a missing or unknown one. */
    public static TenantSort parse(String param) {
        if (param == null) {
            return DEFAULT;
        }
        String text = param.trim();
        boolean descending = text.startsWith("-");
        String key = descending ? text.substring(1) : text;
        return KEYS.containsKey(key) ? new TenantSort(key, descending) : DEFAULT;
    }

    /** This order as the {@code sort} parameter. */
    public String param() {
        return descending ? "-" + key : key;
    }

    /**
     * The parameter of a header link for {@code column}: this column the other way round, or a new
     * column (names ascending, amounts largest first).
     */
    public String toggle(String column) {
        if (column.equals(key)) {
            return descending ? column : "-" + column;
        }
        return "name".equals(column) || "code".equals(column) ? column : "-" + column;
    }

    /** {@code asc} or {@code desc} for the sorted column, {@code null} for the others. */
    public String direction(String column) {
        if (!column.equals(key)) {
            return null;
        }
        return descending ? "desc" : "asc";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Comparator<TenantTable.Row> comparator() {
        Function<TenantTable.Row, Comparable> value = (Function) KEYS.get(key);
        Comparator<TenantTable.Row> by = Comparator.comparing(value);
        if (descending) {
            by = by.reversed();
        }
        return by.thenComparing(r -> r.tenant().code());
    }

    private static Map<String, Function<TenantTable.Row, Comparable<?>>> keys() {
        Map<String, Function<TenantTable.Row, Comparable<?>>> keys = new HashMap<>();
        keys.put("name", r -> r.tenant().name());
        keys.put("code", r -> r.tenant().code());
        keys.put("share", TenantTable.Row::share);
        for (Resource resource : COLUMNS) {
            keys.put(resource.key(), r -> r.held(resource));
        }
        return Map.copyOf(keys);
    }
}
