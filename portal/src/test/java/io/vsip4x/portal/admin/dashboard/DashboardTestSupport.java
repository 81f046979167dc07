package io.vsip4x.portal.admin.dashboard;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.identity.ViewerZones;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.web.util.HtmlUtils;

/** What the dashboard tests share: a platform admin of their own, the API's answer, message texts. */
abstract class DashboardTestSupport extends PortalTestSupport {

    @Autowired
    MessageSource messages;
    @Autowired
    ViewerZones zones;

    /** Today on {@code clock} in the portal's time zone, the day the licence's expiry is counted from. */
    LocalDate portalToday(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), zones.portalZone());
    }

    /** A platform admin made for {@code t}. */
    String platformAdmin(TestTenant t) {
        String name = t.code() + "-ops";
        users.create(name, PASSWORD, "运维 " + t.code(), null, Set.of(Role.PLATFORM_ADMIN));
        return name;
    }

    /** An auditor made for {@code t}. */
    String auditor(TestTenant t) {
        String name = t.code() + "-auditor";
        users.create(name, PASSWORD, "审计员 " + t.code(), null, Set.of(Role.AUDITOR));
        return name;
    }

    /** A page client signed in as {@code username}, reading English pages. */
    PageClient signedIn(String username) {
        PageClient page = new PageClient(port, "en");
        page.signIn(username, PASSWORD);
        return page;
    }

    Map<String, Object> dashboard(String admin) {
        return get(admin, "/admin/dashboard");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> section(Map<String, Object> dashboard, String name) {
        return (Map<String, Object>) dashboard.get(name);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> pools(Map<String, Object> dashboard) {
        return (List<Map<String, Object>>) dashboard.get("pools");
    }

    static long number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).longValue();
    }

    /** The English text of {@code key} with {@code args}, HTML-escaped as pages write it. */
    String text(String key, Object... args) {
        return HtmlUtils.htmlEscape(messages.getMessage(key, args, Locale.ENGLISH));
    }
}
