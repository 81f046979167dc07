package io.vsip4x.portal.vms;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import io.vsip4x.portal.web.PortalException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The VM list page: live status, and the power actions. */
@Controller
class VmController {

    private final VmService vms;
    private final VmListView listView;

    VmController(VmService vms, VmListView listView) {
        this.vms = vms;
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

    /** Queues a power action; htmx gets the refreshed rows, a plain form post the page. */
    @PostMapping("/vms/{vmId}/{action}")
    String power(@PathVariable String vmId, @PathVariable String action,
            @RequestParam MultiValueMap<String, String> params, Model model, Locale locale,
            HttpServletRequest request) {
        PowerAction power = PowerAction.fromPath(action);
        if (power == null) {
            throw PortalException.notFound("error.notFound");
        }
        CurrentUser user = UserService.current();
        // The buttons send the page's filters along, so the rows answered are the page's.
        VmQuery query = VmQuery.from(params);
        vms.power(user, vmId, power);
        if (request.getHeader("HX-Request") == null) {
            return "redirect:/vms";
        }
        return listView.render(model, user, query, locale, VmListView.ROWS);
    }
}
