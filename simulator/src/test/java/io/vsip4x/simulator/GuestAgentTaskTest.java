package io.vsip4x.simulator;

import static io.vsip4x.simulator.GuestVms.CENTOS;
import static io.vsip4x.simulator.GuestVms.KYLIN;
import static io.vsip4x.simulator.GuestVms.WINDOWS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.codes.GuestTasks;
import io.vsip4x.sdk.model.BackupVmSpec;
import io.vsip4x.sdk.model.GuestIpConfig;
import io.vsip4x.sdk.model.GuestIpSettings;
import io.vsip4x.sdk.model.GuestProcess;
import io.vsip4x.sdk.model.GuestProcessList;
import io.vsip4x.sdk.model.GuestSoftware;
import io.vsip4x.sdk.model.GuestSoftwareList;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every guest-agent task of appendix 1 through executeGATask over HTTP, with its typed answer and its codes. */
class GuestAgentTaskTest {

    private TestPlatform platform;

    @BeforeEach
    void start() {
        platform = new TestPlatform(s -> s.withMethodDelay("shutdownVm", Duration.ofMillis(600)));
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void setsAStaticAddressAndReadsItBack() {
        GuestVms.running(platform, CENTOS, "vm-ip");
        String mac = GuestVms.mac(platform, "vm-ip");

        SdkResult set = platform.client.setGuestIpAddress("vm-ip",
                new GuestIpSettings(mac, "10.10.0.77", "255.255.255.0", "10.10.0.1", "10.10.0.2,114.114.114.114"));
        GuestIpConfig read = platform.client.getGuestIpAddress("vm-ip", mac.toUpperCase());

        assertThat(set.code()).isEqualTo("0");
        assertThat(read.ok()).isTrue();
        assertThat(read.ipAddress()).isEqualTo("10.10.0.77");
        assertThat(read.netmask()).isEqualTo("255.255.255.0");
        assertThat(read.gateway()).isEqualTo("10.10.0.1");
        assertThat(read.dnsServer()).isEqualTo("10.10.0.2,114.114.114.114");
        // The answer spells the key as appendix 1 does (catalog A30).
        assertThat(read.result().raw()).containsKey("dnserver").doesNotContainKey("dnsserver");
    }

    @Test
    void readsThePlatformsAddressUntilOneIsSetAndAgainAfterDhcp() {
        GuestVms.running(platform, KYLIN, "vm-dhcp");
        Map<String, Object> nic = GuestVms.nic(platform, "vm-dhcp");
        String mac = nic.get("vnicMacAddr").toString();

        GuestIpConfig before = platform.client.getGuestIpAddress("vm-dhcp", mac);
        platform.client.setGuestIpAddress("vm-dhcp", new GuestIpSettings(mac, "10.10.0.200", "255.255.0.0", null,
                null));
        GuestIpConfig fixed = platform.client.getGuestIpAddress("vm-dhcp", mac);
        SdkResult dhcp = platform.client.setGuestIpDhcp("vm-dhcp", mac);
        GuestIpConfig after = platform.client.getGuestIpAddress("vm-dhcp", mac);

        assertThat(before.ipAddress()).isEqualTo(nic.get("IPAddress")).startsWith("10.10.0.");
        assertThat(before.gateway()).isEqualTo("10.10.0.1");
        assertThat(before.dnsServer()).isEqualTo("10.10.0.2");
        assertThat(fixed.ipAddress()).isEqualTo("10.10.0.200");
        assertThat(fixed.netmask()).isEqualTo("255.255.0.0");
        assertThat(fixed.gateway()).isEmpty();
        assertThat(dhcp.code()).isEqualTo("0");
        assertThat(after.ipAddress()).isEqualTo(before.ipAddress());
        assertThat(after.netmask()).isEqualTo(before.netmask());
    }

    @Test
    void reportsTheGuestSetAddressInTheNicListAndTheVmListUntilDhcp() {
        GuestVms.running(platform, CENTOS, "vm-seen");
        Map<String, Object> nic = GuestVms.nic(platform, "vm-seen");
        String mac = nic.get("vnicMacAddr").toString();

        platform.client.setGuestIpAddress("vm-seen", new GuestIpSettings(mac, "10.10.0.201", "255.255.255.0",
                "10.10.0.1", "10.10.0.2"));
        io.vsip4x.sdk.model.VnicInfo listed = platform.client.getVmVnics("vm-seen").devices().get(0);
        Map<String, Object> searched = GuestVms.nic(platform, "vm-seen");
        platform.client.setGuestIpDhcp("vm-seen", mac);
        io.vsip4x.sdk.model.VnicInfo afterDhcp = platform.client.getVmVnics("vm-seen").devices().get(0);

        assertThat(listed.ipAddress()).isEqualTo("10.10.0.201");
        assertThat(listed.gateway()).isEqualTo("10.10.0.1");
        assertThat(searched.get("IPAddress")).isEqualTo("10.10.0.201");
        assertThat(afterDhcp.ipAddress()).isEqualTo(nic.get("IPAddress"));
    }

    @Test
    void acceptsTheDnsKeyInBothSpellings() {
        GuestVms.running(platform, CENTOS, "vm-dns");
        String mac = GuestVms.mac(platform, "vm-dns");
        Map<String, Object> params = new LinkedHashMap<>(Map.of("macaddr", mac, "ipaddr", "10.10.0.90",
                "netmask", "255.255.255.0", "gateway", "10.10.0.1"));

        params.put("dnsserver", "8.8.8.8");
        SdkResult variant = platform.client.executeGATask("vm-dns", GuestTasks.SET_IP_ADDR, params);
        String afterVariant = platform.client.getGuestIpAddress("vm-dns", mac).dnsServer();
        params.remove("dnsserver");
        params.put("dnserver", "9.9.9.9");
        SdkResult documented = platform.client.executeGATask("vm-dns", GuestTasks.SET_IP_ADDR, params);

        assertThat(variant.code()).isEqualTo("0");
        assertThat(afterVariant).isEqualTo("8.8.8.8");
        assertThat(documented.code()).isEqualTo("0");
        assertThat(platform.client.getGuestIpAddress("vm-dns", mac).dnsServer()).isEqualTo("9.9.9.9");
        assertThat(new GuestIpSettings(mac, "1.2.3.4", "255.0.0.0", null, "8.8.4.4").toParams())
                .containsEntry("dnserver", "8.8.4.4").doesNotContainKey("dnsserver");
    }

    @Test
    void refusesBadAddressesWith2003AndAnUnknownNicWith2060ChangingNothing() {
        GuestVms.running(platform, CENTOS, "vm-bad");
        String mac = GuestVms.mac(platform, "vm-bad");
        String before = platform.client.getGuestIpAddress("vm-bad", mac).ipAddress();

        List<GuestIpSettings> bad = List.of(
                new GuestIpSettings(mac, "10.10.0.300", "255.255.255.0", null, null),
                new GuestIpSettings(mac, "10.10.0.5", "255.0.255.0", null, null),
                new GuestIpSettings(mac, "10.10.0.5", "255.255.255.0", "10.20.0.1", null),
                new GuestIpSettings(mac, "10.10.0.5", "255.255.255.0", null, "dns.example"),
                new GuestIpSettings("", "10.10.0.5", "255.255.255.0", null, null));

        assertThat(bad).allSatisfy(settings ->
                assertThat(platform.client.setGuestIpAddress("vm-bad", settings).code()).isEqualTo("2003"));
        assertThat(platform.client.setGuestIpAddress("vm-bad",
                new GuestIpSettings("52:54:00:ff:ff:ff", "10.10.0.5", "255.255.255.0", null, null)).code())
                .isEqualTo("2060");
        assertThat(platform.client.setGuestIpDhcp("vm-bad", "52:54:00:ff:ff:ff").code()).isEqualTo("2060");
        assertThat(platform.client.getGuestIpAddress("vm-bad", "52:54:00:ff:ff:ff").result().code())
                .isEqualTo("2060");
        assertThat(platform.client.getGuestIpAddress("vm-bad", mac).ipAddress()).isEqualTo(before);
        assertThat(platform.simulator.guest("vm-bad").addresses()).isEmpty();
    }

    @Test
    void listsLinuxProcessesWithStablePidsAndVaryingFigures() {
        GuestVms.running(platform, CENTOS, "vm-ps");

        GuestProcessList first = platform.client.getGuestProcesses("vm-ps");
        GuestProcessList second = platform.client.getGuestProcesses("vm-ps");

        assertThat(first.ok()).isTrue();
        assertThat(first.processes()).extracting(GuestProcess::name).contains("systemd", "sshd", "qemu-ga")
                .doesNotContain("explorer.exe");
        assertThat(first.processes()).filteredOn(p -> p.name().equals("systemd")).singleElement()
                .extracting(GuestProcess::pid).isEqualTo("1");
        assertThat(first.processes()).allSatisfy(p -> {
            assertThat(p.pid()).matches("\\d+");
            assertThat(p.cpuPercent()).isBetween(0.0, 100.0);
            assertThat(p.memoryPercent()).isBetween(0.0, 100.0);
            assertThat(p.memoryKb()).isLessThan(8L << 20);
        });
        assertThat(second.processes()).extracting(GuestProcess::pid)
                .isEqualTo(first.processes().stream().map(GuestProcess::pid).toList());
        assertThat(second.processes()).extracting(GuestProcess::memoryKb)
                .isNotEqualTo(first.processes().stream().map(GuestProcess::memoryKb).toList());
        // Spec item keys, as strings (appendix 1).
        assertThat(first.processes().get(0).raw()).containsOnlyKeys("processname", "PID", "cpu", "memory",
                "memory_count").allSatisfy((key, value) -> assertThat(value).isInstanceOf(String.class));
    }

    @Test
    void listsWindowsProcessesWithTheSessionsOnesAfterLoginAndLock() {
        GuestVms.running(platform, WINDOWS, "vm-win");

        List<String> idle = names(platform.client.getGuestProcesses("vm-win"));
        platform.client.loginVmOS("vm-win", "Administrator", "Pa55w0rd!");
        List<String> signedIn = names(platform.client.getGuestProcesses("vm-win"));
        platform.client.lockVmOS("vm-win");
        List<String> locked = names(platform.client.getGuestProcesses("vm-win"));

        assertThat(idle).contains("System", "lsass.exe", "qemu-ga.exe").doesNotContain("explorer.exe", "systemd");
        assertThat(signedIn).contains("explorer.exe").doesNotContain("LogonUI.exe");
        assertThat(locked).contains("explorer.exe", "LogonUI.exe");
    }

    @Test
    void listsSoftwareByTheTemplatesOsTheSameOnEveryCall() {
        GuestVms.running(platform, CENTOS, "vm-sw-c");
        GuestVms.running(platform, KYLIN, "vm-sw-k");
        GuestVms.running(platform, WINDOWS, "vm-sw-w");

        GuestSoftwareList centos = platform.client.getGuestSoftware("vm-sw-c");
        GuestSoftwareList kylin = platform.client.getGuestSoftware("vm-sw-k");
        GuestSoftwareList windows = platform.client.getGuestSoftware("vm-sw-w");

        assertThat(centos.ok()).isTrue();
        assertThat(centos.software()).extracting(GuestSoftware::name).contains("kernel", "qemu-guest-agent");
        assertThat(centos.software()).filteredOn(s -> s.name().equals("kernel")).singleElement()
                .extracting(GuestSoftware::version).asString().contains("el7");
        assertThat(kylin.software()).filteredOn(s -> s.name().equals("kernel")).singleElement()
                .extracting(GuestSoftware::version).asString().contains("ky10");
        assertThat(windows.software()).extracting(GuestSoftware::name).contains("QEMU guest agent")
                .doesNotContain("kernel");
        assertThat(centos.software()).allSatisfy(s -> assertThat(s.version()).isNotBlank());
        assertThat(platform.client.getGuestSoftware("vm-sw-c").software()).isEqualTo(centos.software());
    }

    @Test
    void opensAUrlOnlyInWindowsGuests() {
        GuestVms.running(platform, WINDOWS, "vm-url-w");
        GuestVms.running(platform, CENTOS, "vm-url-c");

        assertThat(platform.client.openGuestUrl("vm-url-w", "https://portal.example/help").code()).isEqualTo("0");
        assertThat(platform.client.openGuestUrl("vm-url-w", "file:///C:/Windows/win.ini").code()).isEqualTo("2003");
        assertThat(platform.client.openGuestUrl("vm-url-w", "not a url").code()).isEqualTo("2003");
        assertThat(platform.client.openGuestUrl("vm-url-c", "https://portal.example/help").code()).isEqualTo("2003");
    }

    @Test
    void refusesAnUnknownTaskWith2003AndAnUnknownVmWith2004() {
        GuestVms.running(platform, CENTOS, "vm-task");

        assertThat(platform.client.executeGATask("vm-task", "formatDisk", Map.of()).code()).isEqualTo("2003");
        assertThat(platform.client.executeGATask("vm-task", "guest_open_url", Map.of()).code()).isEqualTo("2003");
        assertThat(platform.client.getGuestProcesses("no-such-vm").result().code()).isEqualTo("2004");
        assertThat(platform.client.getGuestSoftware("no-such-vm").software()).isEmpty();
    }

    @Test
    void needsARunningVmWithNoOperationInFlight() {
        platform.createStopped("pool-prod", "vm-off");
        GuestVms.running(platform, CENTOS, "vm-busy");

        assertThat(platform.client.getGuestProcesses("vm-off").result().code()).isEqualTo("2050");
        assertThat(platform.client.shutdownVm("vm-busy").code()).isEqualTo("0");
        assertThat(platform.client.getGuestProcesses("vm-busy").result().code()).isEqualTo("2052");
        platform.awaitStatus("vm-busy", 0);
        assertThat(platform.client.getGuestSoftware("vm-busy").result().code()).isEqualTo("2050");
    }

    @Test
    void anOnlineBackupInFlightIsAnOperationInFlight() {
        try (TestPlatform slow = new TestPlatform(s -> s.withMethodDelay("backupVm", Duration.ofMinutes(1)))) {
            GuestVms.running(slow, CENTOS, "vm-backing-up");
            assertThat(slow.client.backupVm(new BackupVmSpec("vm-backing-up", null, false, false)).ok()).isTrue();

            assertThat(slow.simulator.vm("vm-backing-up")).get().extracting(vm -> vm.status()).isEqualTo(12);
            assertThat(slow.client.getGuestProcesses("vm-backing-up").result().code()).isEqualTo("2052");
        }
    }

    @Test
    void namesTheVmByItsNameWhichIsItsId() {
        GuestVms.running(platform, CENTOS, "vm-named");
        String name = platform.client.searchVmList(Map.of("vmId", "vm-named")).get(0).vmName();

        assertThat(name).isEqualTo("vm-named");
        assertThat(platform.client.getGuestProcesses(name).ok()).isTrue();
    }

    private static List<String> names(GuestProcessList list) {
        return list.processes().stream().map(GuestProcess::name).toList();
    }
}
