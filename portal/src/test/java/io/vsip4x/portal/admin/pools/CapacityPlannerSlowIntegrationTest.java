package io.vsip4x.portal.admin.pools;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.platform.CatalogService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The planner across pools with templates on a slow platform: the templates and the pools are read side
 * by side, then every pool is asked side by side, so the answer waits for two stages, not for every read
 * in turn.
 */
class CapacityPlannerSlowIntegrationTest extends PortalTestSupport {

    private static final List<String> SLOW = List.of("searchTemplateList", "searchRepository",
            "getCreateVmNumAvailable");

    @Autowired
    private CatalogService catalog;

    @AfterEach
    void platformBack() {
        SLOW.forEach(method -> simulator.simulator().faults().clearMethod(method));
    }

    @Test
    void templatesAndPoolsAreReadSideBySideThenThePoolsAskedSideBySide() {
        TestTenant t = newTenant();
        String admin = t.code() + "-ops";
        users.create(admin, PASSWORD, "运维 " + t.code(), null, Set.of(Role.PLATFORM_ADMIN));
        // Signed in for the API before the platform slows, so that only the platform's reads are timed.
        assertThat(status(admin, "/admin/pools")).isEqualTo(200);
        Duration slow = Duration.ofMillis(1500);
        SLOW.forEach(method -> simulator.simulator().faults().slow(method, slow, null));
        // The templates are read again (the catalog reads its templates, then its pools, one after another).
        catalog.forget();

        long start = System.nanoTime();
        ResponseEntity<List<Map<String, Object>>> all = api(admin).post().uri("/admin/pools/capacity")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("cpu", 1, "memoryMb", 1024, "diskGb", 20, "templates", List.of("tpl-centos7")))
                .retrieve().toEntity(new ParameterizedTypeReference<>() {
                });
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(all.getStatusCode().value()).isEqualTo(200);
        assertThat(all.getBody()).hasSizeGreaterThan(1).allSatisfy(a -> assertThat(a).containsEntry("ok", true));
        // One after another: the catalog (two slow reads), the pools, then the pools' answers: four slow reads.
        assertThat(took).as("the catalog beside the pools, then the answers").isLessThan(slow.multipliedBy(4));
    }
}
