package io.vsip4x.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vsip4x.sdk.model.CdromInfo;
import io.vsip4x.sdk.model.ImageMount;
import io.vsip4x.sdk.model.Ipv4;
import io.vsip4x.sdk.model.VdiskInfo;
import io.vsip4x.sdk.model.VnicInfo;
import io.vsip4x.sdk.model.VnicSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The adapter's NIC spec checks and its reading of the device answers. */
class DeviceModelTest {

    @Test
    void writesTheNicInTheSpellingOfAddVmNetwork() {
        VnicSpec spec = new VnicSpec("52-54-00-AA-BB-CC", "vnet-office", "10.10.0.5", "255.255.255.0",
                "10.10.0.1", List.of("10.10.0.2", "8.8.8.8"));

        assertThat(spec.toParams()).containsExactly(Map.entry("macaddr", "52:54:00:aa:bb:cc"),
                Map.entry("vbridge", "vnet-office"), Map.entry("ipaddr", "10.10.0.5"),
                Map.entry("netmask", "255.255.255.0"), Map.entry("gateway", "10.10.0.1"),
                Map.entry("dnsserver", "10.10.0.2,8.8.8.8"));
        assertThat(VnicSpec.dhcp("vnet-dmz").toParams()).containsEntry("ipaddr", "").containsEntry("gateway", "");
        assertThat(VnicSpec.dhcp("vnet-dmz").dhcp()).isTrue();
        assertThat(VnicSpec.dhcp("vnet-dmz").macAddress()).startsWith("52:54:00:");
    }

    @Test
    void refusesWhatThePlatformWouldRefuseWith2003() {
        assertThatThrownBy(() -> VnicSpec.fixed("vnet", "10.10.0.256", "255.255.255.0", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VnicSpec.fixed("vnet", "10.10.0.5", "255.0.255.0", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VnicSpec.fixed("vnet", "10.10.0.5", "255.255.255.0", "10.10.1.1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VnicSpec.fixed("vnet", "10.10.0.255", "255.255.255.0", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VnicSpec.fixed("vnet", "10.10.0.5", null, null, "dns.example"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VnicSpec("01:00:5e:00:00:01", "vnet", null, null, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VnicSpec("52:54:00:aa:bb", "vnet", null, null, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VnicSpec(VnicSpec.randomMac(), " ", null, null, null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void checksMasksAndSubnets() {
        assertThat(Ipv4.validMask("255.255.252.0")).isTrue();
        assertThat(Ipv4.validMask("255.255.255.255")).isFalse();
        assertThat(Ipv4.validMask("0.0.0.0")).isFalse();
        assertThat(Ipv4.sameSubnet("10.10.1.5", "10.10.2.1", "255.255.252.0")).isTrue();
        assertThat(Ipv4.sameSubnet("10.10.1.5", "10.10.4.1", "255.255.252.0")).isFalse();
        assertThat(Ipv4.reserved("10.10.3.255", "255.255.252.0")).isTrue();
        assertThat(Ipv4.valid("1.2.3")).isFalse();
    }

    @Test
    void readsTheSpacedVnicKeysAndSplitsTheDnsServers() {
        Map<String, Object> row = SdkMaps.trimKeys(Map.of(" vnic.id", "n1", "vnic.macaddr ", "52:54:00:00:00:02",
                "vnic.vbridge", "vnet-office", "vnic.ipaddr", "10.10.0.9", "vnic.dnsserver", "10.10.0.2, 10.10.0.3"));

        VnicInfo nic = VnicInfo.from(row);

        assertThat(nic.id()).isEqualTo("n1");
        assertThat(nic.macAddress()).isEqualTo("52:54:00:00:00:02");
        assertThat(nic.network()).isEqualTo("vnet-office");
        assertThat(nic.dnsServers()).containsExactly("10.10.0.2", "10.10.0.3");
        assertThat(VnicInfo.from(Map.of()).dnsServers()).isEmpty();
    }

    @Test
    void findsTheCdromDrivesAmongTheDisks() {
        VdiskInfo system = VdiskInfo.from(Map.of("vdisk.id", "d0", "vdisk.device", "disk",
                "vdisk.size", "42949672960"));
        VdiskInfo empty = VdiskInfo.from(Map.of("vdisk.id", "c1", "vdisk.device", "cdrom", "vdisk.location", ""));
        VdiskInfo loaded = VdiskInfo.from(Map.of("vdisk.id", "c2", "vdisk.device", "CDROM",
                "vdisk.location", "a.iso", "vdisk.size", 0));

        List<CdromInfo> drives = CdromInfo.of(List.of(system, empty, loaded));

        assertThat(system.sizeBytes()).isEqualTo(40L << 30);
        assertThat(drives).extracting(CdromInfo::id).containsExactly("c1", "c2");
        assertThat(drives).extracting(CdromInfo::image).containsExactly(null, "a.iso");
        assertThatThrownBy(() -> CdromInfo.from(system)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheDriveOfAMountFromItsDataMap() {
        ImageMount mount = ImageMount.from(SdkResult.of(Map.of("result", "0", "data", Map.of(" cdImageId", "c1"))));
        ImageMount refused = ImageMount.from(SdkResult.of(Map.of("result", "2062", "resultinfo", "x")));

        assertThat(mount.ok()).isTrue();
        assertThat(mount.cdImageId()).isEqualTo("c1");
        assertThat(refused.code()).isEqualTo("2062");
        assertThat(refused.cdImageId()).isNull();
    }
}
