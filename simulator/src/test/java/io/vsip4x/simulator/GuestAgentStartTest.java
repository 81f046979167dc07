package io.vsip4x.simulator;

import static io.vsip4x.simulator.GuestVms.CENTOS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.model.GuestProcessList;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guest agent as a platform has it: it starts some time after its VM runs, a test may stop and
 * start it (from Java or the admin endpoint), {@code agentOn} of {@code searchVmList} follows it,
 * and the guest methods answer 2052 while it is off.
 */
class GuestAgentStartTest {

    private static final Duration AGENT_DELAY = Duration.ofMillis(1500);

    private TestPlatform platform;

    @BeforeEach
    void start() {
        platform = new TestPlatform(s -> s.withGuestAgentDelay(AGENT_DELAY));
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void theAgentStartsAfterTheVmRunsAndAnswersOnlyThen() {
        GuestVms.running(platform, CENTOS, "vm-boot");

        assertThat(agentOn("vm-boot")).isEqualTo("false");
        assertThat(platform.simulator.guestAgents().agentOn("vm-boot")).contains(false);
        assertThat(platform.client.getGuestProcesses("vm-boot").result().code()).isEqualTo("2052");
        assertThat(platform.client.lockVmOS("vm-boot").code()).isEqualTo("2052");

        Await.until("the guest agent of vm-boot runs", () -> "true".equals(agentOn("vm-boot")));
        GuestProcessList processes = platform.client.getGuestProcesses("vm-boot");
        assertThat(processes.ok()).isTrue();
        assertThat(processes.processes()).isNotEmpty();
    }

    @Test
    void aTestStopsAndStartsTheAgentOfARunningVm() {
        GuestVms.running(platform, CENTOS, "vm-agent");
        platform.simulator.guestAgents().setRunning("vm-agent", true);
        assertThat(agentOn("vm-agent")).isEqualTo("true");

        platform.simulator.guestAgents().setRunning("vm-agent", false);
        assertThat(agentOn("vm-agent")).isEqualTo("false");
        assertThat(platform.simulator.vm("vm-agent").orElseThrow().status()).isEqualTo(1);
        SdkResult login = platform.client.loginVmOS("vm-agent", "root", "secret-1");
        assertThat(login.code()).isEqualTo("2052");
        assertThat(platform.client.getGuestSoftware("vm-agent").result().code()).isEqualTo("2052");

        platform.simulator.guestAgents().setRunning("vm-agent", true);
        assertThat(agentOn("vm-agent")).isEqualTo("true");
        assertThat(platform.client.loginVmOS("vm-agent", "root", "secret-1").code()).isEqualTo("0");
    }

    @Test
    void aStoppedVmHasNoAgentAndAStoppedAgentStartsAgainWithTheNextBoot() {
        GuestVms.running(platform, CENTOS, "vm-reboot");
        platform.simulator.guestAgents().setRunning("vm-reboot", false);

        assertThat(platform.client.shutdownVm("vm-reboot").ok()).isTrue();
        platform.awaitStatus("vm-reboot", 0);
        assertThat(agentOn("vm-reboot")).isEqualTo("false");
        assertThat(platform.client.startVm("vm-reboot").ok()).isTrue();
        platform.awaitStatus("vm-reboot", 1);

        Await.until("the guest agent of vm-reboot runs again", () -> "true".equals(agentOn("vm-reboot")));
    }

    @Test
    void theAdminEndpointStopsAndStartsAnAgent() throws Exception {
        GuestVms.running(platform, CENTOS, "vm-admin");
        platform.simulator.guestAgents().setRunning("vm-admin", true);

        HttpResponse<String> stopped = send("PUT", "vm-admin", "{\"running\": false}", "portal-secret");
        assertThat(stopped.statusCode()).isEqualTo(200);
        assertThat(stopped.body()).contains("\"agentOn\":false");
        assertThat(agentOn("vm-admin")).isEqualTo("false");
        assertThat(send("GET", "vm-admin", null, "portal-secret").body()).contains("\"agentOn\":false");

        assertThat(send("PUT", "vm-admin", "{\"running\": true}", "portal-secret").body())
                .contains("\"agentOn\":true");
        assertThat(agentOn("vm-admin")).isEqualTo("true");
        assertThat(send("PUT", "vm-admin", "{\"running\": \"no\"}", "portal-secret").statusCode())
                .isEqualTo(400);
        assertThat(send("PUT", "vm-nobody", "{\"running\": false}", "portal-secret").statusCode())
                .isEqualTo(404);
        assertThat(send("PUT", "vm-admin", "{\"running\": false}", "wrong").statusCode()).isEqualTo(401);
        assertThat(agentOn("vm-admin")).isEqualTo("true");
    }

    private HttpResponse<String> send(String verb, String vmId, String body, String password) throws Exception {
        String credentials = Base64.getEncoder()
                .encodeToString(("portal:" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(platform.simulator.baseUrl()
                        + "/admin/guest-agents/" + vmId))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/json")
                .method(verb, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private String agentOn(String vmId) {
        return String.valueOf(platform.client.searchVmList(Map.of("vmId", vmId)).get(0).raw().get("agentOn"));
    }
}
