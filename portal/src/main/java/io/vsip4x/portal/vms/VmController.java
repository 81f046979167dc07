package io.vsip4x.portal.vms;

import io.vsip4x.portal.identity.UserService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The VM list page, with live status (the operations are {@link VmActionController}'s). */
@Controller
class VmController {

    private final VmListView listView;

    VmController(VmListView listView) {
        this.listView = listView;
    }

    /**
     * The page with the search, filters, order and page its address gives ({@link VmQuery}); only
     * its rows when htmx asks for them (a live update, which sends the page's current filters), only
     * its table and pager after a search, a new order or another page, with the address that shows
     * this view (empty filters and defaults left out) for the browser's history.
     */
    @GetMapping("/vms")
    String list(@RequestParam MultiValueMap<String, String> params, Model model, Locale locale,
            HttpServletRequest request, HttpServletResponse response) {
        VmQuery query = VmQuery.from(params);
        String target = request.getHeader("HX-Target");
        if (VmListView.RESULTS.equals(target)) {
            response.setHeader("HX-Push-Url", query.url());
        }
        return listView.render(model, UserService.current(), query, locale, target);
    }
}
