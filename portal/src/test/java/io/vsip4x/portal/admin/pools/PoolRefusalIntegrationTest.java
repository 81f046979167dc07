package io.vsip4x.portal.admin.pools;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.HtmlUtils;

/**
 * A pool the platform lists but refuses to describe is not a pool that does not exist: its page still
 * answers with the note (and the platform's code) and the API is a localized 503 with the code, while a
 * pool the platform does not list stays 404. And a slow platform costs a pool's page its reads side by
 * side, not one after another; planner numbers are ASCII digits only.
 */
class PoolRefusalIntegrationTest extends PortalTestSupport {

    private static final List<String> POOL_READS = List.of("searchRepository", "searchRepoHosts",
            "getRepositoryInfo", "getRepositoryMonitor");

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    private MessageSource messages;

    @AfterEach
    void platformBack() {
        POOL_READS.forEach(method -> simulator.simulator().faults().clearMethod(method));
    }

    @Test
    void aRefusedMonitorOrInfoIsA503WithTheCodeNotANonexistentPool() {
        String admin = admin();
        for (String refused : List.of("getRepositoryMonitor", "getRepositoryInfo")) {
            simulator.simulator().faults().answer(refused, "1000", null);

            Map<String, Object> en = get(admin, "/admin/pools/pool-prod");
            assertThat(en).as(refused).containsEntry("status", 503).containsEntry("code", "1000")
                    .containsEntry("detail", messages.getMessage("pools.error.refused",
                            new Object[] {"pool-prod", "1000"}, Locale.ENGLISH));
            Map<String, Object> zh = api(admin).mutate()
                    .defaultHeaders(h -> h.set(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN")).build()
                    .get().uri("/admin/pools/pool-prod").retrieve().body(JSON);
            assertThat(zh).containsEntry("detail", "平台列出了资源池 pool-prod，但拒绝提供其详情（代码 1000），请稍后再试。");
            assertThat(status(admin, "/admin/pools/pool-nowhere")).as("an unlisted pool is still unknown")
                    .isEqualTo(404);

            PageClient page = signedInPages(admin);
            HttpResponse<String> detail = page.get("/admin/pools/pool-prod");
            assertThat(detail.statusCode()).isEqualTo(200);
            assertThat(detail.body()).contains(HtmlUtils.htmlEscape(messages.getMessage("admin.platformUnavailable",
                    null, Locale.ENGLISH))).contains("id=\"pool-refused-code\"").contains("Platform code: 1000")
                    .contains("id=\"admin-tab-pools\"").contains("id=\"pool-tenants\"");
            simulator.simulator().faults().clearMethod(refused);
        }
        assertThat(status(admin, "/admin/pools/pool-prod")).as("read again once the platform answers")
                .isEqualTo(200);
    }

    @Test
    void aSlowPlatformCostsAPoolsPageItsTwoStagesNotEveryReadInTurn() {
        String admin = admin();
        Duration slow = Duration.ofMillis(1500);
        POOL_READS.forEach(method -> simulator.simulator().faults().slow(method, slow, null));

        long start = System.nanoTime();
        Map<String, Object> detail = get(admin, "/admin/pools/pool-prod");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(detail).containsKeys("pool", "hosts", "vms");
        assertThat(took).as("the list and the hosts, then the info and the monitor, side by side")
                .isLessThan(slow.multipliedBy(POOL_READS.size() - 1));

        PageClient page = signedInPages(admin);
        start = System.nanoTime();
        HttpResponse<String> shown = page.get("/admin/pools/pool-prod");
        assertThat(shown.body()).contains("id=\"pool-figures\"").contains("id=\"pool-hosts\"");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the page, too")
                .isLessThan(slow.multipliedBy(POOL_READS.size()));
    }

    @Test
    void plannerNumbersAreAsciiDigitsOnly() {
        String admin = admin();
        String whole = messages.getMessage("pools.capacity.error.whole", null, Locale.ENGLISH);
        assertThat(post(admin, "/admin/pools/pool-test/capacity", Map.of("cpu", "2", "memoryMb", "1024",
                "diskGb", "20")).getStatusCode().value()).as("ASCII digits").isEqualTo(200);
        for (String number : List.of("\uFF12", "\u0662", "1e1", "2.0", "0x2", "2\u00A0")) {
            var answer = post(admin, "/admin/pools/pool-test/capacity",
                    Map.of("cpu", number, "memoryMb", "1024", "diskGb", "20"));
            assertThat(answer.getStatusCode().value()).as("'%s'", number).isEqualTo(400);
            @SuppressWarnings("unchecked")
            Map<String, Object> errors = (Map<String, Object>) answer.getBody().get("errors");
            assertThat(errors).as("'%s'", number).containsEntry("cpu", whole);
        }
        var across = post(admin, "/admin/pools/capacity", Map.of("cpu", "1", "memoryMb", "\uFF11\uFF10\uFF12\uFF14",
                "diskGb", 2.0));
        assertThat(across.getStatusCode().value()).isEqualTo(400);
        @SuppressWarnings("unchecked")
        Map<String, Object> errors = (Map<String, Object>) across.getBody().get("errors");
        assertThat(errors).containsEntry("memoryMb", whole).containsEntry("diskGb", whole);
    }

    private String admin() {
        TestTenant t = newTenant();
        String name = t.code() + "-ops";
        users.create(name, PASSWORD, "运维 " + t.code(), null, Set.of(Role.PLATFORM_ADMIN));
        return name;
    }
}
