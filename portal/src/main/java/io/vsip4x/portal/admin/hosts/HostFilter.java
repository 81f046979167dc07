package io.vsip4x.portal.admin.hosts;

import io.vsip4x.portal.web.FieldProblems;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The host list's filters; each {@code null} when not given.
 *
 * @param pool           a pool's id or name ({@code repoName})
 * @param online         whether the host runs
 * @param classification the host's classification level
 */
record HostFilter(String pool, Boolean online, Long classification) {

    /**
     * The filters as given in a query.
     *
     * @throws FieldProblems (400) for an {@code online} other than {@code true} or {@code false}, or a
     *                       classification that is not a whole number from 0
     */
    static HostFilter parse(String pool, String online, String classification) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        Boolean onlineValue = null;
        if (online != null && !online.isBlank()) {
            if ("true".equals(online.trim()) || "false".equals(online.trim())) {
                onlineValue = Boolean.valueOf(online.trim());
            } else {
                problems.reject("online", "admin.hosts.error.online");
            }
        }
        Long level = null;
        if (classification != null && !classification.isBlank()) {
            try {
                level = Long.valueOf(classification.trim());
            } catch (NumberFormatException e) {
                level = -1L;
            }
            if (level < 0 || level > 99) {
                problems.reject("classification", "admin.hosts.error.classification");
            }
        }
        problems.throwIfAny();
        return new HostFilter(pool == null || pool.isBlank() ? null : pool.trim(), onlineValue, level);
    }

    /** The filter {@code searchHostList} takes (the classification is filtered by the portal). */
    Map<String, Object> platformFilter() {
        Map<String, Object> filter = new LinkedHashMap<>();
        if (pool != null) {
            filter.put("repoName", pool);
        }
        if (online != null) {
            filter.put("host.online", online);
        }
        return filter;
    }
}
