package io.vsip4x.simulator.methods;

import io.vsip4x.sdk.model.Ipv4;
import io.vsip4x.sdk.model.VnicSpec;
import io.vsip4x.simulator.lifecycle.CreateOrder;
import io.vsip4x.simulator.lifecycle.NicRequest;
import io.vsip4x.simulator.lifecycle.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks {@code createVm}'s parameters against the spec's constraints, in binary units
 * (catalog A13): 1 to 16 vCPUs; memory a positive multiple of 512 MiB up to 32 GiB; disk a
 * positive multiple of 1 GiB up to 2 TiB, not needed for a stateless VM (A10); one id per VM,
 * matching {@code vmTotalNum}; {@code vmNics} one list per VM of {@code vmNetCardNum} NICs
 * each naming its {@code vnicBridge} (A11).
 */
final class CreateVmParser {

    static final long MAX_CPU = 16;
    static final long MEMORY_STEP = 512L << 20;
    static final long MAX_MEMORY = 32L << 30;
    static final long DISK_STEP = 1L << 30;
    static final long MAX_DISK = 2L << 40;
    private static final long MAX_NICS = 8;
    /** The longest VM id accepted. */
    static final int MAX_ID_LENGTH = 64;

    private CreateVmParser() {
    }

    /**
     * The order {@code params} describe.
     *
     * @throws InvalidParamsException when they break a constraint
     */
    static CreateOrder parse(Map<String, Object> params) {
        Params p = new Params(params);
        String template = required(p, "vmTemplate");
        String pool = required(p, "repoName", "repName");
        boolean stateless = p.flag("stateless");
        Shape shape = shape(p, !stateless);

        List<String> ids = p.strings("vmIDs", false);
        if (ids == null || ids.isEmpty()) {
            throw new InvalidParamsException("vmIDs must name at least one VM");
        }
        ids.forEach(CreateVmParser::checkVmId);
        if (p.has("vmTotalNum") && p.number("vmTotalNum") != ids.size()) {
            throw new InvalidParamsException("vmTotalNum must equal the number of vmIDs");
        }
        long cards = stateless && !p.has("vmNetCardNum") ? 0 : p.number("vmNetCardNum");
        if (cards < 0 || cards > MAX_NICS) {
            throw new InvalidParamsException("vmNetCardNum must be between 0 and " + MAX_NICS);
        }
        List<List<NicRequest>> nics = nics(p.raw("vmNics"), ids.size(), (int) cards);
        checkOptions(p, shape);
        return new CreateOrder(template, pool, p.text("hostId"), shape, ids, nics, encryption(p));
    }

    /**
     * Refuses a VM id longer than {@value #MAX_ID_LENGTH} characters or holding blanks or
     * control characters: ids are keys of the state file, of log lines and of URLs.
     *
     * @throws InvalidParamsException when {@code id} is not such an id
     */
    static void checkVmId(String id) {
        if (id.length() > MAX_ID_LENGTH || id.codePoints().anyMatch(c -> Character.isISOControl(c)
                || Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '/')) {
            throw new InvalidParamsException("A VM id has at most " + MAX_ID_LENGTH
                    + " characters and no blanks, control characters or '/'");
        }
    }

    /**
     * The VM shape of {@code vmCPUNum}, {@code vmMemSize} and {@code vmDiskSize}; without
     * {@code diskRequired} a missing disk counts as none.
     *
     * @throws InvalidParamsException when a value breaks its constraint
     */
    static Shape shape(Params p, boolean diskRequired) {
        long cpu = p.number("vmCPUNum");
        if (cpu < 1 || cpu > MAX_CPU) {
            throw new InvalidParamsException("vmCPUNum must be between 1 and " + MAX_CPU);
        }
        long memory = p.number("vmMemSize");
        if (memory <= 0 || memory % MEMORY_STEP != 0 || memory > MAX_MEMORY) {
            throw new InvalidParamsException("vmMemSize must be a positive multiple of 512 MiB up to 32 GiB");
        }
        long disk = diskRequired ? p.number("vmDiskSize") : p.number("vmDiskSize", 0);
        boolean diskGiven = diskRequired || disk != 0;
        if (diskGiven && (disk <= 0 || disk % DISK_STEP != 0 || disk > MAX_DISK)) {
            throw new InvalidParamsException("vmDiskSize must be a positive multiple of 1 GiB up to 2 TiB");
        }
        return new Shape((int) cpu, memory, disk);
    }

    private static String required(Params p, String... keys) {
        String value = p.text(keys);
        if (value == null) {
            throw new InvalidParamsException(keys[0] + " is required");
        }
        return value;
    }

    private static List<List<NicRequest>> nics(Object raw, int vms, int cards) {
        if (cards == 0) {
            boolean none = raw == null || raw instanceof List<?> outer
                    && outer.stream().allMatch(perVm -> perVm instanceof List<?> list && list.isEmpty());
            if (!none) {
                throw new InvalidParamsException("vmNics describes NICs but vmNetCardNum is 0");
            }
            return Collections.nCopies(vms, List.of());
        }
        if (!(raw instanceof List<?> outer) || outer.size() != vms) {
            throw new InvalidParamsException("vmNics must hold one NIC list per VM");
        }
        List<List<NicRequest>> all = new ArrayList<>();
        for (Object perVm : outer) {
            if (!(perVm instanceof List<?> list) || list.size() != cards) {
                throw new InvalidParamsException("Each VM's NIC list must hold vmNetCardNum NICs");
            }
            all.add(list.stream().map(CreateVmParser::nic).toList());
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    static NicRequest nic(Object raw) {
        if (!(raw instanceof Map<?, ?>)) {
            throw new InvalidParamsException("A NIC must be a map");
        }
        Params nic = new Params((Map<String, Object>) raw);
        String mac = nic.text("macAddress", "vnicMacAddr");
        if (mac != null) {
            mac = mac.toLowerCase(Locale.ROOT);
        }
        String ip = nic.text("IPAddress");
        String mask = nic.text("subnetMask");
        String gateway = nic.text("Gateways");
        String dns = nic.text("dnsAddress");
        if (mac != null && !VnicSpec.validMac(mac) || ip != null && !Ipv4.valid(ip)
                || mask != null && !Ipv4.validMask(mask) || gateway != null && !Ipv4.valid(gateway)
                || dns != null && !Arrays.stream(dns.split("[,;\\s]+")).allMatch(Ipv4::valid)) {
            throw new InvalidParamsException("A NIC's macAddress, IPAddress, subnetMask, Gateways or dnsAddress is "
                    + "malformed");
        }
        return new NicRequest(required(nic, "vnicBridge"), ip, mask, gateway, dns, mac,
                nic.text("nicRate", "bandWidth"));
    }

    static String encryption(Params p) {
        String encrypt = p.text("vmEncrypt");
        if (encrypt == null || "false".equalsIgnoreCase(encrypt)) {
            return null;
        }
        String format = p.text("encrypt_fmt");
        if (!"true".equalsIgnoreCase(encrypt) || format == null || !format.matches("(?i)sm4|aes")) {
            throw new InvalidParamsException("vmEncrypt must be true or false; true needs encrypt_fmt sm4 or aes");
        }
        return format.toLowerCase();
    }

    private static void checkOptions(Params p, Shape shape) {
        String snap = p.text("snap");
        if (snap != null && !"1".equals(snap)) {
            throw new InvalidParamsException("snap must be empty or 1");
        }
        p.strings("licenceKey", false);
        Object attributes = p.raw("vmAttributes");
        if (attributes == null) {
            return;
        }
        if (!(attributes instanceof Map<?, ?>)) {
            throw new InvalidParamsException("vmAttributes must be a map");
        }
        @SuppressWarnings("unchecked")
        Params attrs = new Params((Map<String, Object>) attributes);
        long maxCpu = attrs.number("vm.vcpu.max", shape.cpu());
        long maxMemory = attrs.number("vm.memory.maxmem", shape.memoryBytes());
        if (maxCpu < shape.cpu() || maxCpu > MAX_CPU || maxMemory < shape.memoryBytes() || maxMemory > MAX_MEMORY) {
            throw new InvalidParamsException("vmAttributes must not be below the VM's size nor above the limits");
        }
    }
}
