package io.vsip4x.portal.console.links;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.vms.VmOperationsTestSupport;
import io.vsip4x.sdk.model.InstallVmSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.ResponseEntity;

/** Helpers of the native-link tests: VMs of every kind, the links API, the lease URL as a client calls it. */
abstract class ConsoleLinkTestSupport extends VmOperationsTestSupport {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final long GIB = 1024L * 1024 * 1024;
    private final HttpClient http = HttpClient.newHttpClient();

    /** GETs the VM's links as {@code user}. */
    ResponseEntity<Map<String, Object>> links(String user, String vmId) {
        return api(user).get().uri("/vms/" + vmId + "/console-links").retrieve().toEntity(JSON);
    }

    /** The links, asserting they were issued. */
    @SuppressWarnings("unchecked")
    Map<String, Object> issued(String user, String vmId) {
        ResponseEntity<Map<String, Object>> answer = links(user, vmId);
        assertThat(answer.getStatusCode().value()).as("links answer %s", answer.getBody()).isEqualTo(200);
        return answer.getBody();
    }

    /** Calls a lease URL as a native client does: no session, no credentials. */
    HttpResponse<String> callLease(String url, String method) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
            request = "POST".equals(method) ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A tenant admin of {@code t}. */
    String tenantAdmin(TestTenant t) {
        String name = t.code() + "-admin";
        users.create(name, PASSWORD, "管理员 " + t.code(), t.id(), Set.of(Role.USER, Role.TENANT_ADMIN));
        return name;
    }

    long userId(String username) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = :u").param("u", username).query(Long.class).single();
    }

    /** A VM row in the portal (active, in {@code status}) of {@code owner}, whatever the platform knows of it. */
    void portalVm(TestTenant t, String vmId, String owner, int status) {
        jdbc.sql("""
                INSERT INTO vm (vm_id, name, tenant_id, owner_id, template_id, repo_id, cpu, memory_mb, disk_gb,
                                network, lifecycle, status, classification)
                VALUES (:vmId, :name, :tenantId, :ownerId, 'tpl-centos7', 'pool-prod', 1, 1024, 20, 'vnet-office',
                        'ACTIVE', :status, 0)""")
                .param("vmId", vmId)
                .param("name", "加密机-" + vmId.substring(vmId.length() - 4))
                .param("tenantId", t.id())
                .param("ownerId", userId(owner))
                .param("status", status)
                .update();
    }

    /**
     * A running VM with an encrypted disk, so that its console has a TLS port: installed on the
     * platform directly (the portal's requests make no encrypted VMs) and entered in the portal as
     * the requester's. The tenant's tidy-up discards it.
     */
    String encryptedRunningVm(TestTenant t) {
        String vmId = "vm-tls-" + UUID.randomUUID().toString().substring(0, 8);
        InstallVmSpec spec = new InstallVmSpec(vmId, "pool-prod", "iso-centos7", 1, GIB, null, null, null, null,
                false, List.of(new InstallVmSpec.Disk("vda", 20 * GIB)),
                List.of(new InstallVmSpec.Nic("vnet-office", null, null)), "sm4");
        assertThat(platform.call(c -> c.installVm(spec)).ok()).isTrue();
        await().atMost(PATIENCE).until(() -> simulator.simulator().vm(vmId).filter(vm -> !vm.busy()).isPresent());
        if (simulator.simulator().vm(vmId).orElseThrow().status() != 1) {
            assertThat(platform.call(c -> c.startVm(vmId)).ok()).isTrue();
            awaitPlatform(vmId, 1);
        }
        portalVm(t, vmId, t.requester(), 1);
        return vmId;
    }
}
