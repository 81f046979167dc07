package io.vsip4x.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every platform administration endpoint, found in the application's own request mappings (so one
 * added later is covered without touching this test), refuses every role but the platform admin's:
 * the JSON under {@code /api/v1/admin/} and the pages of the administration's tabs, for reads and
 * actions alike. The platform admin is not refused any read, which shows that the refusals come from
 * the role and not from a wrong path. Active consoles ({@code /admin/consoles}) are left out: tenant
 * admins see their own department's there (issue 8).
 */
class AdminRolesIntegrationTest extends PortalTestSupport {

    /** Page areas of the administration that only platform admins may open. */
    private static final List<String> PAGE_AREAS = List.of("/admin/hosts", "/admin/pools", "/admin/templates",
            "/admin/images", "/admin/networks", "/admin/storage-nodes", "/admin/placement", "/admin/unowned-vms",
            "/admin/tenants/export");
    private static final Pattern CHOICE = Pattern.compile("\\{[^}:]+:([^}|]+)[^}]*}");
    private static final Pattern VARIABLE = Pattern.compile("\\{[^}]+}");
    /** Fewer mappings than this means the enumeration lost its way. */
    private static final int AT_LEAST = 40;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    /** One method on one path, variables filled in. */
    private record Endpoint(HttpMethod method, String path) implements Comparable<Endpoint> {
        @Override
        public int compareTo(Endpoint other) {
            return (path + method).compareTo(other.path + other.method);
        }

        boolean api() {
            return path.startsWith("/api/v1/");
        }
    }

    @Test
    void everyAdministrationEndpointRefusesEveryOtherRole() {
        Set<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("administration endpoints found").hasSizeGreaterThanOrEqualTo(AT_LEAST);
        TestTenant t = newTenant();
        OtherRoles others = otherRoles(t);
        String admin = t.code() + "-ops";
        users.create(admin, PASSWORD, "运维 " + t.code(), null, Set.of(Role.PLATFORM_ADMIN));

        List<String> wrong = new ArrayList<>();
        for (String person : others.all()) {
            PageClient page = signedInPages(person);
            String csrf = PageClient.csrfOf(page.get("/account/password").body());
            for (Endpoint e : endpoints) {
                int status = e.api() ? apiStatus(person, e) : pageStatus(page, csrf, e);
                if (status != 403) {
                    wrong.add(person + " " + e.method() + " " + e.path() + " -> " + status);
                }
            }
        }
        assertThat(wrong).as("answers other than 403").isEmpty();

        PageClient page = signedInPages(admin);
        for (Endpoint e : endpoints) {
            if (e.method() == HttpMethod.GET) {
                int status = e.api() ? apiStatus(admin, e) : page.get(e.path()).statusCode();
                assertThat(status).as("platform admin %s", e.path()).isNotIn(401, 403);
            }
        }
    }

    private int apiStatus(String person, Endpoint e) {
        String path = e.path().substring("/api/v1".length());
        var spec = api(person).method(e.method()).uri(path);
        if (e.method() != HttpMethod.GET) {
            spec.contentType(MediaType.APPLICATION_JSON).body("{}");
        }
        return spec.retrieve().toBodilessEntity().getStatusCode().value();
    }

    private static int pageStatus(PageClient page, String csrf, Endpoint e) {
        HttpResponse<String> answer = e.method() == HttpMethod.GET ? page.get(e.path())
                : page.postForm(e.path(), "_csrf=" + PageClient.enc(csrf));
        return answer.statusCode();
    }

    /** The administration's mappings, each method on each path, path variables given dummy values. */
    private Set<Endpoint> endpoints() {
        Set<Endpoint> found = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (!administration(pattern)) {
                    continue;
                }
                String path = VARIABLE.matcher(CHOICE.matcher(pattern).replaceAll("$1")).replaceAll("x");
                if (methods.isEmpty()) {
                    found.add(new Endpoint(HttpMethod.GET, path));
                }
                methods.forEach(m -> found.add(new Endpoint(HttpMethod.valueOf(m.name()), path)));
            }
        }
        return found;
    }

    private static boolean administration(String pattern) {
        if (pattern.startsWith("/api/v1/admin/")) {
            return !pattern.startsWith("/api/v1/admin/consoles");
        }
        return pattern.equals("/admin") || pattern.equals("/admin/tenants")
                || PAGE_AREAS.stream().anyMatch(area -> pattern.equals(area) || pattern.startsWith(area + "/")
                        || pattern.startsWith(area + "."));
    }
}
