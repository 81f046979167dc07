package io.vsip4x.portal.admin.placement;

/**
 * The filters and page of the placement list; a blank filter matches every VM.
 *
 * @param page the page, from 0
 * @param size VMs on one page, 1 to {@link #MAX_SIZE}
 */
public record PlacementQuery(String tenant, String pool, String host, String name, int page, int size) {

    /** VMs on one page unless asked otherwise. */
    static final int PAGE_SIZE = 50;
    /** The most VMs on one page, as the VM list allows. */
    static final int MAX_SIZE = 200;

    public PlacementQuery {
        tenant = clean(tenant);
        pool = clean(pool);
        host = clean(host);
        name = clean(name);
        page = Math.max(0, page);
        size = size < 1 ? PAGE_SIZE : Math.min(size, MAX_SIZE);
    }

    /** The filters and page with the default page size. */
    public PlacementQuery(String tenant, String pool, String host, String name, int page) {
        this(tenant, pool, host, name, page, PAGE_SIZE);
    }

    /**
     * The page size {@code text} gives (blank: {@link #PAGE_SIZE}), 1 to {@link #MAX_SIZE} in ASCII digits.
     *
     * @throws io.vsip4x.portal.web.FieldProblems 400 for anything else, as the VM list answers
     */
    static int size(String text) {
        if (text == null || text.isBlank()) {
            return PAGE_SIZE;
        }
        String size = text.strip();
        if (!size.matches("[0-9]{1,3}") || Integer.parseInt(size) < 1 || Integer.parseInt(size) > MAX_SIZE) {
            throw io.vsip4x.portal.web.FieldProblems.of("size", "vmlist.error.size", 1, MAX_SIZE);
        }
        return Integer.parseInt(size);
    }

    /**
     * The page number {@code text} gives (blank: the first), in ASCII digits.
     *
     * @throws io.vsip4x.portal.web.FieldProblems 400 for anything else, as the VM list answers
     */
    static int page(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        String page = text.strip();
        if (!page.matches("[0-9]{1,7}")) {
            throw io.vsip4x.portal.web.FieldProblems.of("page", "vmlist.error.page", 0);
        }
        return Integer.parseInt(page);
    }

    private static String clean(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
