package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.state.Vm;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The attributes {@code setVmAttributes} takes. The spec names none for it (its detail title
 * speaks of network attributes but lists none), so these are the VM attributes it names
 * elsewhere: {@code createVm}'s {@code vmAttributes} and {@code searchVmList}'s
 * {@code vm.classification} and {@code usbEnable}. {@code searchVmList} shows each under its key.
 */
enum VmAttribute {

    /** Security classification level, a whole number from 0. */
    CLASSIFICATION("vm.classification"),
    /** Maximum vCPUs, from the VM's vCPUs up to 16. */
    MAX_CPU("vm.vcpu.max"),
    /** Maximum memory in bytes, a multiple of 512 MiB from the VM's memory up to 32 GiB. */
    MAX_MEMORY("vm.memory.maxmem"),
    /** USB allowed ({@code "true"}) or disabled ({@code "false"}). */
    USB("usbEnable");

    private final String key;

    VmAttribute(String key) {
        this.key = key;
    }

    /** Its key, as sent and as shown by {@code searchVmList}. */
    String key() {
        return key;
    }

    /**
     * The attribute named {@code name}.
     *
     * @throws InvalidParamsException when there is none
     */
    static VmAttribute of(String name) {
        return Arrays.stream(values()).filter(a -> a.key.equals(name)).findFirst()
                .orElseThrow(() -> new InvalidParamsException("Unknown VM attribute '" + name + "'"));
    }

    /**
     * {@code raw} as the value to keep for {@code vm}: a {@code Long}, or for {@link #USB} a
     * {@code "true"}/{@code "false"} string.
     *
     * @throws InvalidParamsException when the attribute does not take it
     */
    Object value(Object raw, Vm vm) {
        if (raw instanceof Map<?, ?> || raw instanceof List<?>) {
            throw new InvalidParamsException(key + " takes a single value");
        }
        String text = String.valueOf(raw).trim();
        if (this == USB) {
            if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                throw new InvalidParamsException("usbEnable must be true or false");
            }
            return text.toLowerCase();
        }
        long value = new Params(Map.of(key, text)).number(key);
        boolean fits = switch (this) {
            case CLASSIFICATION -> value >= 0;
            case MAX_CPU -> value >= vm.cpu() && value <= CreateVmParser.MAX_CPU;
            case MAX_MEMORY -> value >= vm.memoryBytes() && value <= CreateVmParser.MAX_MEMORY
                    && value % CreateVmParser.MEMORY_STEP == 0;
            case USB -> true;
        };
        if (!fits) {
            throw new InvalidParamsException(key + " does not take " + value + " for VM '" + vm.vmId() + "'");
        }
        return value;
    }
}
