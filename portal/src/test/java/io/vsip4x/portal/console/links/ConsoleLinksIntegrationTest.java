package io.vsip4x.portal.console.links;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.PageClient;
import io.vsip4x.portal.console.ConsoleSettingsRepository;
import io.vsip4x.portal.console.TenantConsoleSettings;
import io.vsip4x.sdk.links.FastrapLink;
import io.vsip4x.sdk.links.RdpLink;
import io.vsip4x.sdk.links.UsbControl;
import io.vsip4x.sdk.model.RemoteControlInfo;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * The native client's links of a VM: built from {@code getRemoteControlInfo} and the tenant's
 * settings, each with a lease of its own, for those with an interactive console only.
 */
class ConsoleLinksIntegrationTest extends ConsoleLinkTestSupport {

    @Autowired
    private ConsoleSettingsRepository settings;

    @Test
    @SuppressWarnings("unchecked")
    void linksCarryTheConsoleOfGetRemoteControlInfoAndTheTenantsSettingsInTheSpecsOrder() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        settings.save(new TenantConsoleSettings(t.id(), "03080B", true, true, false, "de-de-qwertz", false, 30),
                userId(t.requester()));
        RemoteControlInfo info = platform.call(c -> c.getRemoteControlInfo(vmId));
        String vmName = (String) vm(t.requester(), vmId).get("name");

        ResponseEntity<Map<String, Object>> answer = links(t.requester(), vmId);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getHeaders().getCacheControl()).contains("no-store");
        Map<String, Object> body = answer.getBody();
        String leaseUrl = (String) body.get("leaseUrl");
        assertThat(leaseUrl).startsWith("http://127.0.0.1:" + port + "/console/lease/");
        assertThat(body.get("expiresAt")).isNotNull();
        Map<String, Object> fastrap = (Map<String, Object>) body.get("fastrap");
        assertThat(fastrap).as("no TLS port, no encrypted variant").doesNotContainKey("encrypted");

        FastrapLink plain = FastrapLink.parse((String) fastrap.get("unencrypted"));
        assertThat(plain).isEqualTo(new FastrapLink(info.vncIpAddress(), info.vncPort(), null, info.password(),
                leaseUrl, vmName, t.requester(), new UsbControl(UsbControl.Mode.PARTIALLY_ALLOWED, List.of("08", "0B")),
                null, true, true, false));
        assertThat(RdpLink.parse((String) body.get("rdp")))
                .isEqualTo(new RdpLink(info.vncIpAddress(), info.vncPort(), leaseUrl, vmName, t.requester()));

        // Only the token's hash is kept; the audit names the lease, never the link, token or password.
        String token = leaseUrl.substring(leaseUrl.lastIndexOf('/') + 1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM console_link_lease WHERE token_hash = :h AND vm_id = :vm")
                .param("h", ConsoleLeases.hash(token)).param("vm", vmId).query(Integer.class).single()).isEqualTo(1);
        List<String> params = jdbc.sql("""
                SELECT params FROM audit_event WHERE action = 'CONSOLE_LINK_ISSUED' AND target = :vm
                   AND result = 'SUCCESS'""").param("vm", vmId).query(String.class).list();
        assertThat(params).hasSize(1);
        assertThat(params.get(0)).contains("lease=").doesNotContain(token).doesNotContain(info.password())
                .doesNotContain("fastrap://");
    }

    @Test
    @SuppressWarnings("unchecked")
    void encryptedVmGetsBothFastrapVariantsOverOneLease() {
        TestTenant t = newTenant();
        String vmId = encryptedRunningVm(t);
        RemoteControlInfo info = platform.call(c -> c.getRemoteControlInfo(vmId));
        assertThat(info.encrypted()).as("the simulator gives an encrypted VM a TLS port").isTrue();

        Map<String, Object> body = issued(t.requester(), vmId);

        Map<String, Object> fastrap = (Map<String, Object>) body.get("fastrap");
        FastrapLink tls = FastrapLink.parse((String) fastrap.get("encrypted"));
        FastrapLink plain = FastrapLink.parse((String) fastrap.get("unencrypted"));
        assertThat(tls.encrypted()).isTrue();
        assertThat(tls.tlsPort()).isEqualTo(info.tlsPort());
        assertThat(tls.tlsAuthParam()).isEqualTo(info.serverCertParam()).startsWith("--spice-host-subject=");
        assertThat(tls.port()).isEqualTo(info.vncPort());
        assertThat(tls.password()).isEqualTo(info.password());
        assertThat(plain.encrypted()).isFalse();
        // The tenant never changed its settings: the defaults (USB off, read-only, no smart card, control).
        assertThat(plain.usb()).isEqualTo(UsbControl.disabled());
        assertThat(plain.readWrite()).isFalse();
        assertThat(plain.smartcard()).isFalse();
        assertThat(plain.userControl()).isTrue();
        assertThat(List.of(tls.leaseUrl(), plain.leaseUrl(), RdpLink.parse((String) body.get("rdp")).leaseUrl()))
                .containsOnly((String) body.get("leaseUrl"));
    }

    @Test
    void onlyThoseWithAnInteractiveConsoleGetLinks() {
        TestTenant t = newTenant();
        TestTenant other = newTenant();
        String vmId = runningVm(t);
        String admin = tenantAdmin(t);

        assertThat(links(other.requester(), vmId).getStatusCode().value()).as("another tenant's").isEqualTo(404);
        assertThat(links(t.requester(), "vm-" + UUID.randomUUID()).getStatusCode().value()).isEqualTo(404);
        ResponseEntity<Map<String, Object>> approver = links(t.approver(), vmId);
        assertThat(approver.getStatusCode().value()).as("sees the VM, has no console").isEqualTo(403);
        assertThat(links(admin, vmId).getStatusCode().value()).as("the tenant's admin").isEqualTo(200);
        assertThat(jdbc.sql("""
                SELECT COUNT(*) FROM audit_event WHERE action = 'CONSOLE_LINK_ISSUED' AND target = :vm
                   AND result = 'DENIED'""").param("vm", vmId).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void vmWithoutAConsoleIsRefusedWithThePlatformsCode() {
        TestTenant t = newTenant();
        String stopped = stoppedVm(t);
        assertRefused(links(t.requester(), stopped), "2047");

        // The portal believes it running; the platform does not know it: its own code comes back.
        String unknown = "vm-gone-" + UUID.randomUUID().toString().substring(0, 8);
        portalVm(t, unknown, t.requester(), 1);
        String text = assertRefused(links(t.requester(), unknown), "2004");
        assertThat(text).contains("2004").contains("VM does not exist");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM console_link_lease WHERE vm_id IN (:ids)")
                .param("ids", List.of(stopped, unknown)).query(Integer.class).single()).as("no lease").isZero();
    }

    @Test
    void vmPageShowsLinksOnlyAfterAClick() {
        TestTenant t = newTenant();
        String vmId = runningVm(t);
        PageClient page = new PageClient(port, "en");
        page.signIn(t.requester(), PASSWORD);

        HttpResponse<String> detail = page.get("/vms/" + vmId);
        assertThat(detail.body()).contains("/vms/" + vmId + "/console-links/panel").doesNotContain("fastrap://");
        HttpResponse<String> panel = page.get("/vms/" + vmId + "/console-links/panel", "HX-Request", "true");
        assertThat(panel.body()).contains("id=\"console-links-show\"").contains("Make links")
                .doesNotContain("fastrap://");

        HttpResponse<String> shown = page.postForm("/vms/" + vmId + "/console-links",
                "_csrf=" + PageClient.enc(PageClient.csrfOf(detail.body())), "HX-Request", "true");
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(shown.body()).contains("value=\"fastrap://").contains("value=\"rdp://")
                .contains("href=\"fastrap://").contains("console password");
        assertThat(shown.body()).as("the VM has no TLS port: the page says why there is no encrypted link")
                .doesNotContain("id=\"link-fastrap-encrypted\"")
                .contains("No encrypted FastRap link: the VM&#39;s console has no TLS port.");

        // The lease list asks for itself again when links are issued, and then shows the new lease.
        assertThat(shown.headers().firstValue("HX-Trigger")).hasValue("console-leases-changed");
        String after = page.get("/vms/" + vmId + "/console-links/panel", "HX-Request", "true").body();
        assertThat(panel.body()).contains("id=\"console-leases-none\"");
        assertThat(after).contains("id=\"console-leases-part\"")
                .contains("hx-trigger=\"console-leases-changed from:body\"")
                .contains("hx-select=\"#console-leases-part\"").contains("id=\"console-leases\"")
                .doesNotContain("id=\"console-leases-none\"");
    }
}
