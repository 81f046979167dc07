package io.vsip4x.portal.admin.placement;

/**
 * The filters and page of the placement list; a blank filter matches every VM.
 *
 * @param page the page, from 0
 */
public record PlacementQuery(String tenant, String pool, String host, String name, int page) {

    /** VMs on one page. */
    static final int PAGE_SIZE = 50;

    public PlacementQuery {
        tenant = clean(tenant);
        pool = clean(pool);
        host = clean(host);
        name = clean(name);
        page = Math.max(0, page);
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
