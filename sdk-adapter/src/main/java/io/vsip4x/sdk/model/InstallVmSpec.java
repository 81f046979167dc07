package io.vsip4x.sdk.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A VM to install from an image with {@code installVm}. Written as the spec nests it, every key
 * under {@code buildParams} (catalog A09); the pool goes as {@code repoId}, which the spec prints
 * {@code repold} (A06), and the OS type as {@code osType}, which the spec prints with an empty
 * key (A08).
 *
 * @param vmId           the new VM's id
 * @param repoId         the resource pool id
 * @param installSource  the image ({@code installSrc}): its id, file name or full path
 * @param cpu            vCPUs ({@code cpuNum}), 1 to 16
 * @param memoryBytes    memory ({@code memMin}), a multiple of 512 MiB up to 32 GiB
 * @param maxMemoryBytes maximum memory ({@code memMax}), or {@code null} for none
 * @param osType         OS type, or {@code null} to take the image's
 * @param osBits         {@code "32"} or {@code "64"}, or {@code null} to take the image's
 * @param vncPassword    console password ({@code vncPwd}), or {@code null} to let the platform
 *                       choose; left out of {@link #toString()}
 * @param uefi           whether the VM boots with UEFI ({@code vmUefi})
 * @param disks          its disks ({@code vdisks}); at least one
 * @param nics           its NICs ({@code vnics}); may be empty
 * @param encryption     disk encryption format ({@code sm4}, {@code aes}), or {@code null} for none
 */
public record InstallVmSpec(String vmId, String repoId, String installSource, int cpu, long memoryBytes,
        Long maxMemoryBytes, String osType, String osBits, String vncPassword, boolean uefi,
        List<Disk> disks, List<Nic> nics, String encryption) {

    public InstallVmSpec {
        Objects.requireNonNull(vmId, "vmId");
        Objects.requireNonNull(repoId, "repoId");
        Objects.requireNonNull(installSource, "installSource");
        disks = List.copyOf(disks);
        nics = List.copyOf(nics);
    }

    /** One disk of {@code diskBytes} and one NIC on {@code network} (none when {@code null}). */
    public static InstallVmSpec of(String vmId, String repoId, String installSource, int cpu, long memoryBytes,
            long diskBytes, String network) {
        List<Nic> nics = network == null ? List.of() : List.of(new Nic(network, null, null));
        return new InstallVmSpec(vmId, repoId, installSource, cpu, memoryBytes, null, null, null, null, false,
                List.of(new Disk("vda", diskBytes)), nics, null);
    }

    /**
     * A disk of the VM.
     *
     * @param name      its name ({@code vdiskName})
     * @param sizeBytes its size ({@code vdiskSize}), a multiple of 1 GiB up to 2 TiB
     */
    public record Disk(String name, long sizeBytes) {
    }

    /**
     * A NIC of the VM.
     *
     * @param network    the virtual network it binds to ({@code vnicBridge})
     * @param ipAddress  its address ({@code IPAddress}), or {@code null} for the next free one
     * @param macAddress its MAC ({@code vnicMacAddr}), or {@code null} to let the platform choose
     */
    public record Nic(String network, String ipAddress, String macAddress) {

        public Nic {
            Objects.requireNonNull(network, "network");
        }
    }

    /** The parameter map: {@code {"buildParams": {...}}} in the spec's keys, values as strings. */
    public Map<String, Object> toParams() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("vmId", vmId);
        b.put("repoId", repoId);
        b.put("cpuNum", String.valueOf(cpu));
        b.put("memMin", String.valueOf(memoryBytes));
        putIfGiven(b, "memMax", maxMemoryBytes == null ? null : String.valueOf(maxMemoryBytes));
        b.put("type", "QEMU");
        b.put("hvm", "true");
        putIfGiven(b, "osType", osType);
        putIfGiven(b, "osBits", osBits);
        putIfGiven(b, "vncPwd", vncPassword);
        b.put("installSrc", installSource);
        b.put("vmUefi", Boolean.toString(uefi));
        b.put("vdisks", disks.stream().map(d -> Map.of("vdiskName", d.name(), "vdiskSize",
                String.valueOf(d.sizeBytes()))).toList());
        b.put("vnics", nics.stream().map(InstallVmSpec::nic).toList());
        b.put("vmEncrypt", Boolean.toString(encryption != null));
        putIfGiven(b, "encrypt_fmt", encryption);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("buildParams", b);
        return params;
    }

    private static Map<String, Object> nic(Nic nic) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("vnicBridge", nic.network());
        putIfGiven(m, "IPAddress", nic.ipAddress());
        putIfGiven(m, "vnicMacAddr", nic.macAddress());
        return m;
    }

    private static void putIfGiven(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** Leaves the console password out. */
    @Override
    public String toString() {
        return "InstallVmSpec[" + vmId + ", pool=" + repoId + ", image=" + installSource + ", " + cpu + " vCPU, "
                + memoryBytes + " B memory, disks=" + disks + ", nics=" + nics + ", encryption=" + encryption
                + ", vncPassword=" + (vncPassword == null ? "none" : "***") + "]";
    }
}
