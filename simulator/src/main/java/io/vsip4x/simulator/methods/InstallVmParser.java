package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.lifecycle.InstallOrder;
import io.vsip4x.simulator.lifecycle.NicRequest;
import io.vsip4x.simulator.lifecycle.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks {@code installVm}'s parameters. They sit in the map under {@code buildParams} (catalog
 * A09); the pool is {@code repoId}, printed {@code repold} and read in both spellings (A06); the
 * OS type is under the empty key the spec prints, {@code osType} or {@code vmOSType} (A08).
 * Limits as {@code createVm}'s, in binary units (A13): 1 to 16 vCPUs; {@code memMin} and
 * {@code memMax} multiples of 512 MiB up to 32 GiB; every disk of {@code vdisks} (at least one)
 * a multiple of 1 GiB, all of them together up to 2 TiB, createVm's limit, the spec giving none
 * for this method (catalog A13).
 */
final class InstallVmParser {

    private static final long MAX_NICS = 8;

    private InstallVmParser() {
    }

    /**
     * The order {@code params} describe.
     *
     * @throws InvalidParamsException when they break a constraint
     */
    @SuppressWarnings("unchecked")
    static InstallOrder parse(Map<String, Object> params) {
        if (!(params.get("buildParams") instanceof Map<?, ?> build)) {
            throw new InvalidParamsException("installVm takes its parameters under buildParams");
        }
        Params p = new Params((Map<String, Object>) build);
        String vmId = required(p, "vmId");
        CreateVmParser.checkVmId(vmId);
        String pool = required(p, "repoId", "repold");
        String image = required(p, "installSrc");
        long cpu = p.number("cpuNum");
        if (cpu < 1 || cpu > CreateVmParser.MAX_CPU) {
            throw new InvalidParamsException("cpuNum must be between 1 and " + CreateVmParser.MAX_CPU);
        }
        long memory = memory(p, "memMin");
        long disk = disks(p.raw("vdisks"));
        List<NicRequest> nics = nics(p.raw("vnics"));
        checkFlags(p);

        Map<String, Object> attributes = new LinkedHashMap<>();
        putIfGiven(attributes, "vmOSType", p.text("", "osType", "vmOSType"));
        putIfGiven(attributes, "vmOSBits", bits(p));
        putIfGiven(attributes, "vmCPUArch", p.text("cpuArch"));
        if (p.has("memMax")) {
            long max = memory(p, "memMax");
            if (max < memory) {
                throw new InvalidParamsException("memMax must not be below memMin");
            }
            attributes.put("vm.memory.maxmem", max);
        }
        Params encryption = p.has("vmEncrypt") ? p : new Params(params);
        return new InstallOrder(vmId, pool, image, new Shape((int) cpu, memory, disk), nics,
                CreateVmParser.encryption(encryption), p.text("vncPwd"), attributes);
    }

    private static String required(Params p, String... keys) {
        String value = p.text(keys);
        if (value == null) {
            throw new InvalidParamsException(keys[0] + " is required");
        }
        return value;
    }

    private static long memory(Params p, String key) {
        long memory = p.number(key);
        if (memory <= 0 || memory % CreateVmParser.MEMORY_STEP != 0 || memory > CreateVmParser.MAX_MEMORY) {
            throw new InvalidParamsException(key + " must be a positive multiple of 512 MiB up to 32 GiB");
        }
        return memory;
    }

    /** The total size of {@code vdisks}, a non-empty list of disks. */
    @SuppressWarnings("unchecked")
    private static long disks(Object raw) {
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidParamsException("vdisks must list at least one disk");
        }
        long total = 0;
        for (Object entry : list) {
            if (!(entry instanceof Map<?, ?> map)) {
                throw new InvalidParamsException("A disk of vdisks must be a map");
            }
            long size = new Params((Map<String, Object>) map).number("vdiskSize");
            if (size <= 0 || size % CreateVmParser.DISK_STEP != 0 || size > CreateVmParser.MAX_DISK) {
                throw new InvalidParamsException("vdiskSize must be a positive multiple of 1 GiB up to 2 TiB");
            }
            total += size;
        }
        if (total > CreateVmParser.MAX_DISK) {
            throw new InvalidParamsException("The disks of vdisks add up to more than 2 TiB, createVm's limit");
        }
        return total;
    }

    private static List<NicRequest> nics(Object raw) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list) || list.size() > MAX_NICS) {
            throw new InvalidParamsException("vnics must be a list of at most " + MAX_NICS + " NICs");
        }
        return list.stream().map(CreateVmParser::nic).toList();
    }

    private static String bits(Params p) {
        String bits = p.text("osBits");
        if (bits != null && !bits.equals("32") && !bits.equals("64")) {
            throw new InvalidParamsException("osBits must be 32 or 64");
        }
        return bits;
    }

    /** {@code hvm} and {@code vmUefi} are {@code true} or {@code false} when given. */
    private static void checkFlags(Params p) {
        for (String key : List.of("hvm", "vmUefi")) {
            String value = p.text(key);
            if (value != null && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new InvalidParamsException(key + " must be true or false");
            }
        }
    }

    private static void putIfGiven(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
