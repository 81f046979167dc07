package io.vsip4x.sdk.codes;

import java.util.List;

/**
 * The guest-agent tasks of the spec's appendix 1, by the name {@code executeGATask} takes as its
 * second argument. Names go verbatim, {@code guest-open-url} in its kebab case too (catalog A32).
 */
public final class GuestTasks {

    /** Sets a static address on the NIC named by {@code macaddr}. */
    public static final String SET_IP_ADDR = "setIPAddr";
    /** Makes the NIC named by {@code macaddr} take its address by DHCP. */
    public static final String SET_IP_DHCP = "setIPDhcp";
    /** Reads the address of the NIC named by {@code macaddr}. */
    public static final String GET_IP_ADDR = "getIPAddr";
    /** Lists the running processes. */
    public static final String GET_VM_PROCESS = "getVMProcess";
    /** Lists the installed software (the spec's title says processes; catalog A32). */
    public static final String GET_VM_SOFT = "getVMSoft";
    /** Opens a browser at {@code url}; Windows guests only. */
    public static final String GUEST_OPEN_URL = "guest-open-url";

    /** Every task, in the appendix's order. */
    public static final List<String> ALL = List.of(SET_IP_ADDR, SET_IP_DHCP, GET_IP_ADDR, GET_VM_PROCESS,
            GET_VM_SOFT, GUEST_OPEN_URL);

    /** The DNS key of the tasks as the appendix spells it (catalog A30). */
    public static final String DNS_KEY = "dnserver";
    /** The spelling of the SDK methods, also accepted (catalog A30). */
    public static final String DNS_KEY_VARIANT = "dnsserver";

    private GuestTasks() {
    }
}
