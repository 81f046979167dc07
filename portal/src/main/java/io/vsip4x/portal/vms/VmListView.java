package io.vsip4x.portal.vms;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.sdk.codes.VmStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Renders the VM list page, or the part of it an htmx request asks for: its rows (a live
 * update, or the answer to a power action) or its results (table and pager, after a search,
 * a new order or another page).
 */
@Component
class VmListView {

    /** The id of the table body that live updates refresh. */
    static final String ROWS = "vm-rows";
    /** The id of the table and pager that searching, sorting and paging replace. */
    static final String RESULTS = "vm-list";
    private static final List<Integer> STATUSES = Arrays.stream(VmStatus.values()).map(VmStatus::code).toList();

    private final VmListing listing;

    VmListView(VmListing listing) {
        this.listing = listing;
    }

    /**
     * Fills {@code model} with the page {@code query} asks for and names the template to render.
     *
     * @param target the id of the element htmx will swap ({@code HX-Target}), or {@code null}
     */
    String render(Model model, CurrentUser user, VmQuery query, Locale locale, String target) {
        VmPage page = listing.page(user, query, locale);
        model.addAttribute("vms", page.items());
        model.addAttribute("vmPage", page);
        model.addAttribute("query", query);
        if (ROWS.equals(target)) {
            return "vms/list :: rows";
        }
        if (RESULTS.equals(target)) {
            return "vms/list :: results";
        }
        model.addAttribute("facets", listing.facets(user));
        model.addAttribute("statuses", STATUSES);
        return "vms/list";
    }
}
