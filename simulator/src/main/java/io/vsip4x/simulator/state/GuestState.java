package io.vsip4x.simulator.state;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a VM's guest agent and console settings hold beyond the {@link Vm}: the addresses set per
 * NIC, the OS session, the files pushed in and the remote-view type. Immutable; changes make
 * copies. The session ends when the OS goes down; addresses and files stay, as on a disk.
 *
 * @param vmId      the VM
 * @param addresses the address set per NIC, by lower-case MAC; a NIC not in it has the
 *                  platform's address (what {@code createVm} gave it)
 * @param session   who is signed in to the OS, or {@code null} for nobody
 * @param files     the files pushed with {@code pushFileContent}, by path
 * @param viewType  the remote-view type last set, or {@code null} for the default
 * @param boots     how many times the OS went down since the agent was first used; seeds the PIDs
 */
public record GuestState(String vmId, Map<String, GuestAddress> addresses, GuestSession session,
        Map<String, GuestFile> files, String viewType, int boots) {

    public GuestState {
        Objects.requireNonNull(vmId, "vmId");
        addresses = addresses == null ? Map.of() : Map.copyOf(addresses);
        files = files == null ? Map.of() : Map.copyOf(files);
    }

    /** The state of a VM whose agent was never used. */
    public static GuestState fresh(String vmId) {
        return new GuestState(vmId, Map.of(), null, Map.of(), null, 0);
    }

    /** A copy with {@code address} on the NIC of {@code mac}. */
    public GuestState withAddress(String mac, GuestAddress address) {
        Map<String, GuestAddress> copy = new LinkedHashMap<>(addresses);
        copy.put(mac.toLowerCase(), address);
        return new GuestState(vmId, copy, session, files, viewType, boots);
    }

    /** A copy with {@code newSession}, or nobody signed in when {@code null}. */
    public GuestState withSession(GuestSession newSession) {
        return new GuestState(vmId, addresses, newSession, files, viewType, boots);
    }

    /** A copy with {@code file} at its path, replacing what was there. */
    public GuestState withFile(GuestFile file) {
        Map<String, GuestFile> copy = new LinkedHashMap<>(files);
        copy.put(file.path(), file);
        return new GuestState(vmId, addresses, session, copy, viewType, boots);
    }

    /** A copy with remote-view type {@code type}. */
    public GuestState withViewType(String type) {
        return new GuestState(vmId, addresses, session, files, type, boots);
    }

    /**
     * This state after the VM changed from {@code before} (or {@code null}) to {@code after}: when
     * the OS went down (stopped, or a reboot finished), the session ends and a new boot begins.
     */
    public GuestState after(Vm before, Vm after) {
        boolean stopped = after.status() == 0 && (before == null || before.status() != 0);
        boolean rebooted = before != null && before.pending() != null && after.pending() == null
                && "rebootVm".equals(before.pending().operation());
        if (!stopped && !rebooted) {
            return this;
        }
        return new GuestState(vmId, addresses, null, files, viewType, boots + 1);
    }

    /**
     * An address set by the guest agent.
     *
     * @param dhcp    whether the NIC takes its address by DHCP ({@code setIPDhcp}); the other
     *                fields are then empty
     * @param ip      the static address
     * @param netmask its subnet mask
     * @param gateway the gateway, possibly empty
     * @param dns     the DNS server(s), possibly empty
     */
    public record GuestAddress(boolean dhcp, String ip, String netmask, String gateway, String dns) {

        /** DHCP: the NIC takes the platform's address. */
        public static GuestAddress byDhcp() {
            return new GuestAddress(true, "", "", "", "");
        }
    }

    /**
     * A signed-in OS user.
     *
     * @param user   the user name; the credential is never kept
     * @param locked whether the screen is locked
     * @param since  when the user signed in
     */
    public record GuestSession(String user, boolean locked, Instant since) {

        /** A copy with the screen locked. */
        public GuestSession lock() {
            return new GuestSession(user, true, since);
        }
    }

    /**
     * A file pushed into the guest.
     *
     * @param path     its absolute path
     * @param content  its text
     * @param bytes    its size in UTF-8 bytes
     * @param pushedAt when it was written
     */
    public record GuestFile(String path, String content, long bytes, Instant pushedAt) {

        /** Leaves the content out: it may be a secret (a key, a configuration). */
        @Override
        public String toString() {
            return "GuestFile[" + path + ", " + bytes + " bytes, " + pushedAt + "]";
        }
    }
}
