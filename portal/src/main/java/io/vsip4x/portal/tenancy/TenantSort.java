package io.vsip4x.portal.tenancy;

import io.vsip4x.portal.web.FieldProblems;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the tenants table is sorted, from its {@code sort} parameter: a column's key, descending
 * with a leading {@code -} ({@code -cpu}); none is the default, by code. Names go in Chinese
 * (pinyin) order ({@link #NAMES}). Ties go by code, so the order is stable.
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

    /** The order of department names: Chinese, so 财务部 (cai) comes before 研发部 (yan). */
    private static final Collator NAMES = Collator.getInstance(Locale.CHINA);
    private static final Map<String, Comparator<TenantTable.Row>> KEYS = keys();

    /**
     * The order {@code param} names, {@link #DEFAULT} for none.
     *
     * @throws FieldProblems (400) for an order that names no column
     */
    public static TenantSort parse(String param) {
        return read(param).orElseThrow(() -> FieldProblems.of("sort", "tenants.error.sort", params()));
    }

    /** The order {@code param} names, {@link #DEFAULT} for none, empty for one that names no column. */
    public static Optional<TenantSort> read(String param) {
        if (param == null || param.isBlank()) {
            return Optional.of(DEFAULT);
        }
        String text = param.trim();
        boolean descending = text.startsWith("-");
        String key = descending ? text.substring(1) : text;
        return KEYS.containsKey(key) ? Optional.of(new TenantSort(key, descending)) : Optional.empty();
    }

    /** The orders there are, as a list for a message: {@code name, code, ...}. */
    public static String params() {
        List<String> keys = new ArrayList<>(List.of("name", "code"));
        COLUMNS.forEach(r -> keys.add(r.key()));
        keys.add("share");
        return String.join(", ", keys);
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

    Comparator<TenantTable.Row> comparator() {
        Comparator<TenantTable.Row> by = KEYS.get(key);
        if (descending) {
            by = by.reversed();
        }
        return by.thenComparing(r -> r.tenant().code());
    }

    private static Map<String, Comparator<TenantTable.Row>> keys() {
        Map<String, Comparator<TenantTable.Row>> keys = new HashMap<>();
        keys.put("name", Comparator.comparing(r -> r.tenant().name(), TenantSort::compareNames));
        keys.put("code", Comparator.comparing(r -> r.tenant().code()));
        keys.put("share", Comparator.comparing(TenantTable.Row::share));
        for (Resource resource : COLUMNS) {
            keys.put(resource.key(), Comparator.comparing(r -> r.held(resource)));
        }
        return Map.copyOf(keys);
    }

    /** Two names in Chinese order (a {@link Collator} is not safe for several threads at once). */
    private static int compareNames(String a, String b) {
        synchronized (NAMES) {
            return NAMES.compare(a, b);
        }
    }
}
