package io.vsip4x.portal.vms;

import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.sdk.codes.VmStatus;
import java.util.ArrayList;
import java.util.List;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the VM list is asked for: a search, filters, an order and a page. Every filter narrows
 * the VMs the asker may see anyway; none widens them.
 *
 * @param q              matched against the name (contained anywhere), the VM id (from its start) and
 *                       the IP addresses (any address starting with it); {@code null} for no search
 * @param statuses       the spec's status codes (0–12) to keep; empty for any
 * @param repoName       the pool id the VMs are in, or {@code null}
 * @param hostId         the host they run on, or {@code null}
 * @param owner          the owner's username, or {@code null}
 * @param templateId     the template they were made from, or {@code null}
 * @param classification the exact classification (密级) level to keep, or {@code null} for every
 *                       level the asker is cleared for
 * @param page           the page, from 0
 * @param size           VMs per page, 1 to {@value #MAX_SIZE}
 */
public record VmQuery(String q, List<Integer> statuses, String repoName, String hostId, String owner,
        String templateId, Integer classification, VmSort sort, int page, int size) {

    /** VMs per page when none is asked for. */
    public static final int DEFAULT_SIZE = 50;
    /** The most VMs one page holds. */
    public static final int MAX_SIZE = 200;
    /** The longest search text. */
    public static final int MAX_Q = 100;

    public VmQuery {
        statuses = List.copyOf(statuses);
    }

    /** The first page of every VM, newest first. */
    public static VmQuery all() {
        return new VmQuery(null, List.of(), null, null, null, null, null, VmSort.DEFAULT, 0, DEFAULT_SIZE);
    }

    /**
     * Reads the parameters as they come from a URL; blank ones count as absent.
     *
     * @throws FieldProblems naming each parameter that is not valid
     */
    public static VmQuery parse(String q, List<String> status, String repoName, String hostId, String owner,
            String templateId, String classification, String sort, String page, String size) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        String search = blankToNull(q);
        if (search != null && search.length() > MAX_Q) {
            problems.reject("q", "vmlist.error.q", MAX_Q);
        }
        List<Integer> statuses = new ArrayList<>();
        for (String value : status == null ? List.<String>of() : status) {
            for (String code : value.split(",")) {
                if (code.isBlank()) {
                    continue;
                }
                VmStatus.parse(code).ifPresentOrElse(s -> statuses.add(s.code()),
                        () -> reject(problems, "status", "vmlist.error.status"));
            }
        }
        Integer level = number(classification, 0, Integer.MAX_VALUE, "classification", "vmlist.error.classification",
                problems);
        VmSort order = VmSort.DEFAULT;
        if (blankToNull(sort) != null) {
            order = VmSort.of(sort.trim()).orElse(null);
            if (order == null) {
                problems.reject("sort", "vmlist.error.sort", VmSort.params());
            }
        }
        Integer pageNumber = number(page, 0, Integer.MAX_VALUE / MAX_SIZE, "page", "vmlist.error.page", problems);
        Integer pageSize = number(size, 1, MAX_SIZE, "size", "vmlist.error.size", problems);
        problems.throwIfAny();
        return new VmQuery(search, statuses.stream().distinct().sorted().toList(), blankToNull(repoName),
                blankToNull(hostId), blankToNull(owner), blankToNull(templateId), level, order,
                pageNumber == null ? 0 : pageNumber, pageSize == null ? DEFAULT_SIZE : pageSize);
    }

    /**
     * Reads the parameters of a request (a page's address, or the filters an htmx request
     * includes); others are ignored.
     *
     * @throws FieldProblems naming each parameter that is not valid
     */
    public static VmQuery from(MultiValueMap<String, String> params) {
        return parse(params.getFirst("q"), params.get("status"), params.getFirst("repoName"),
                params.getFirst("hostId"), params.getFirst("owner"), params.getFirst("templateId"),
                params.getFirst("classification"), params.getFirst("sort"), params.getFirst("page"),
                params.getFirst("size"));
    }

    /** Whether anything narrows the list (a search or a filter; order and page do not). */
    public boolean filtered() {
        return q != null || !statuses.isEmpty() || repoName != null || hostId != null || owner != null
                || templateId != null || classification != null;
    }

    /** The offset of the page's first VM. */
    long offset() {
        return (long) page * size;
    }

    /** This query on another page. */
    public VmQuery onPage(int other) {
        return new VmQuery(q, statuses, repoName, hostId, owner, templateId, classification, sort, other, size);
    }

    /** This query in another order, from its first page. */
    public VmQuery sortedBy(VmSort other) {
        return new VmQuery(q, statuses, repoName, hostId, owner, templateId, classification, other, 0, size);
    }

    /**
     * The order a column header asks for: the column's other direction when the list is already in
     * this column's order, its usual direction otherwise.
     */
    public VmSort toggle(String column) {
        return switch (column) {
            case "name" -> sort == VmSort.NAME ? VmSort.NAME_DESC : VmSort.NAME;
            case "created" -> sort == VmSort.CREATED_DESC ? VmSort.CREATED : VmSort.CREATED_DESC;
            default -> VmSort.of(column).orElse(VmSort.DEFAULT);
        };
    }

    /** {@code "asc"} or {@code "desc"} when the list is in {@code column}'s order, else {@code null}. */
    public String direction(String column) {
        return switch (sort) {
            case NAME_DESC -> "name".equals(column) ? "desc" : null;
            case CREATED_DESC -> "created".equals(column) ? "desc" : null;
            case CREATED -> "created".equals(column) ? "asc" : null;
            default -> sort.param().equals(column) ? "asc" : null;
        };
    }

    /** Whether the status code {@code code} is among the filters. */
    public boolean hasStatus(int code) {
        return statuses.contains(code);
    }

    /** The list page's address for this query, with defaults left out, as a shared link shows it. */
    public String url() {
        UriComponentsBuilder url = UriComponentsBuilder.fromPath("/vms");
        add(url, "q", q);
        if (!statuses.isEmpty()) {
            url.queryParam("status", String.join(",", statuses.stream().map(String::valueOf).toList()));
        }
        add(url, "repoName", repoName);
        add(url, "hostId", hostId);
        add(url, "owner", owner);
        add(url, "templateId", templateId);
        add(url, "classification", classification == null ? null : String.valueOf(classification));
        add(url, "sort", sort == VmSort.DEFAULT ? null : sort.param());
        add(url, "page", page == 0 ? null : String.valueOf(page));
        add(url, "size", size == DEFAULT_SIZE ? null : String.valueOf(size));
        return url.build().encode().toUriString();
    }

    private static void add(UriComponentsBuilder url, String name, String value) {
        if (value != null) {
            url.queryParam(name, value);
        }
    }

    private static void reject(FieldProblems.Collector problems, String field, String key) {
        if (!problems.has(field)) {
            problems.reject(field, key);
        }
    }

    private static Integer number(String text, int min, int max, String field, String key,
            FieldProblems.Collector problems) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Refused below, like a number out of range.
        }
        problems.reject(field, key, min, max);
        return null;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
