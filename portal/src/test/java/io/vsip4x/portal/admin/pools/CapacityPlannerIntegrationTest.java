package io.vsip4x.portal.admin.pools;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.PortalTestSupport;
import io.vsip4x.portal.identity.Role;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The capacity planner through the simulator: a bigger shape fits fewer VMs, per pool and across
 * pools; bad input is refused field by field in both languages and never reaches the platform;
 * an unknown pool is not found; the platform's refusal is explained; the page answers in place.
 */
class CapacityPlannerIntegrationTest extends PortalTestSupport {

    private static final String METHOD = "getCreateVmNumAvailable";
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST =
            new ParameterizedTypeReference<>() {
            };

    @AfterEach
    void answerNormallyAgain() {
        simulator.simulator().faults().clearMethod(METHOD);
    }

    @Test
    void aBiggerShapeFitsFewerVmsInAPoolAndAcrossPools() {
        String admin = admin();
        Map<String, Object> small = Map.of("cpu", 1, "memoryMb", 1024, "diskGb", 20);
        Map<String, Object> big = Map.of("cpu", 16, "memoryMb", 32768, "diskGb", 2048, "templates",
                List.of("tpl-centos7"));

        Map<String, Object> fewer = answer(post(admin, "/admin/pools/pool-test/capacity", big));
        Map<String, Object> more = answer(post(admin, "/admin/pools/pool-test/capacity", small));

        assertThat(more).containsEntry("repoId", "pool-test").containsEntry("ok", true).containsEntry("code", null);
        assertThat(fewer).containsEntry("ok", true);
        assertThat(count(more)).isPositive().isGreaterThan(count(fewer));

        ResponseEntity<List<Map<String, Object>>> all = api(admin).post().uri("/admin/pools/capacity")
                .contentType(MediaType.APPLICATION_JSON).body(small).retrieve().toEntity(LIST);
        assertThat(all.getStatusCode().value()).isEqualTo(200);
        assertThat(all.getBody()).extracting(a -> a.get("repoId")).contains("pool-prod", "pool-test");
        assertThat(all.getBody()).allSatisfy(a -> assertThat(a).containsEntry("ok", true));
        Map<String, Object> test = all.getBody().stream().filter(a -> "pool-test".equals(a.get("repoId")))
                .findFirst().orElseThrow();
        assertThat(count(test)).isEqualTo(count(more));
    }

    @Test
    void badInputIsRefusedFieldByFieldInBothLanguagesAndNeverReachesThePlatform() {
        String admin = admin();
        // Set for one call: still set afterwards only when no question reached the platform.
        simulator.simulator().faults().answer(METHOD, "1", 1);
        Map<String, Object> bad = Map.of("cpu", 0, "memoryMb", 1000, "diskGb", "forty");

        ResponseEntity<Map<String, Object>> en = post(admin, "/admin/pools/pool-prod/capacity", bad);
        assertThat(en.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(en)).containsEntry("cpu", "vCPU must be a whole number from 1 to 16.")
                .containsEntry("memoryMb", "Memory must be a multiple of 512 MiB and at most 32768 MiB.")
                .containsEntry("diskGb", "Enter a whole number.");

        ResponseEntity<Map<String, Object>> zh = api(admin).mutate()
                .defaultHeaders(h -> h.set(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN")).build()
                .post().uri("/admin/pools/capacity").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("cpu", 17, "memoryMb", 2048, "diskGb", 2.5)).retrieve()
                .toEntity(new ParameterizedTypeReference<>() {
                });
        assertThat(zh.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(zh)).containsEntry("cpu", "vCPU 须为 1 到 16 之间的整数。")
                .containsEntry("diskGb", "请输入整数。").doesNotContainKey("memoryMb");

        ResponseEntity<Map<String, Object>> template = post(admin, "/admin/pools/pool-prod/capacity",
                Map.of("cpu", 2, "memoryMb", 2048, "diskGb", 40, "templates", List.of("tpl-nowhere")));
        assertThat(template.getStatusCode().value()).isEqualTo(400);
        assertThat(errors(template)).containsEntry("templates", "The platform has no template tpl-nowhere.");
        ResponseEntity<Map<String, Object>> missing = post(admin, "/admin/pools/pool-prod/capacity", Map.of());
        assertThat(errors(missing)).containsKeys("cpu", "memoryMb", "diskGb");

        assertThat(simulator.simulator().faults().view().plan().methods()).as("the platform was not asked")
                .containsKey(METHOD);
    }

    @Test
    void anUnknownPoolIsNotFoundAndARefusalIsExplained() {
        String admin = admin();
        Map<String, Object> shape = Map.of("cpu", 2, "memoryMb", 2048, "diskGb", 40);

        ResponseEntity<Map<String, Object>> unknown = post(admin, "/admin/pools/pool-nowhere/capacity", shape);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).containsEntry("detail", "The platform has no resource pool pool-nowhere.");

        simulator.simulator().faults().answer(METHOD, "1", 1);
        Map<String, Object> refused = answer(post(admin, "/admin/pools/pool-prod/capacity", shape));
        assertThat(refused).containsEntry("ok", false).containsEntry("code", "1").containsEntry("count", 0);
        assertThat(refused.get("explanation").toString()).startsWith("The platform could not answer (code 1)");
    }

    @Test
    void thePageAnswersInPlaceWithTheNumberOrTheFieldsProblems() {
        String admin = admin();
        PageClient page = signedInPages(admin);
        String detail = page.get("/admin/pools/pool-test").body();
        String token = PageClient.csrfOf(detail);
        long expected = count(answer(post(admin, "/admin/pools/pool-test/capacity",
                Map.of("cpu", 2, "memoryMb", 2048, "diskGb", 40))));

        HttpResponse<String> answered = page.postForm("/admin/pools/pool-test/capacity",
                "cpu=2&memoryMb=2048&diskGb=40&_csrf=" + token, "HX-Request", "true");
        assertThat(answered.statusCode()).isEqualTo(200);
        assertThat(answered.body()).startsWith("<section id=\"capacity-planner\"").doesNotContain("<html")
                .contains(expected + " VMs");

        HttpResponse<String> refused = page.postForm("/admin/pools/pool-test/capacity",
                "cpu=two&memoryMb=2048&diskGb=40&templates=tpl-centos7&_csrf=" + token, "HX-Request", "true");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("HX-Retarget")).hasValue("#capacity-planner");
        assertThat(refused.body()).contains("Enter a whole number.").contains("value=\"two\"")
                .doesNotContain("capacity-answers");

        assertThat(page.get("/admin/pools/capacity").body()).contains("id=\"capacity-form\"")
                .contains("action=\"/admin/pools/capacity\"").contains("value=\"tpl-centos7\"");
        HttpResponse<String> across = page.postForm("/admin/pools/capacity",
                "cpu=1&memoryMb=1024&diskGb=20&_csrf=" + token);
        assertThat(across.statusCode()).isEqualTo(200);
        assertThat(across.body()).contains("id=\"admin-tab-pools\"").contains("data-pool=\"pool-prod\"")
                .contains("data-pool=\"pool-test\"");
    }

    private String admin() {
        TestTenant t = newTenant();
        String name = t.code() + "-ops";
        users.create(name, PASSWORD, "运维 " + t.code(), null, Set.of(Role.PLATFORM_ADMIN));
        return name;
    }

    private static Map<String, Object> answer(ResponseEntity<Map<String, Object>> response) {
        assertThat(response.getStatusCode().value()).as("answer %s", response.getBody()).isEqualTo(200);
        return response.getBody();
    }

    private static long count(Map<String, Object> answer) {
        return ((Number) answer.get("count")).longValue();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> errors(ResponseEntity<Map<String, Object>> response) {
        return (Map<String, Object>) response.getBody().get("errors");
    }
}
