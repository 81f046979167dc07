package io.vsip4x.simulator.methods;

import io.vsip4x.sdk.codes.GuestTasks;
import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.http.RefusalException;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.state.GuestState;
import io.vsip4x.simulator.state.GuestState.GuestAddress;
import io.vsip4x.simulator.state.Nic;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code executeGATask} with every task of appendix 1. The VM is named by name or id (catalog
 * A21) and must run with no operation in flight (2050, 2052). Refusals: 2004 unknown VM, 2003
 * unknown task, invalid parameters or {@code guest-open-url} on a guest other than Windows
 * (catalog A32), 2060 no NIC of the given MAC. The answer carries the task's keys beside
 * {@code result} (catalog A31) and spells the DNS key {@code dnserver}; both spellings are read
 * (catalog A30). Addresses set stay with the VM's guest state, across reboots and restarts.
 */
public final class GuestAgentMethods {

    private static final String NO_NIC = "2060";

    private final Inventory inventory;
    private final PlatformState state;
    private final Runnable onChange;

    /** @param onChange called after every change, outside the state's monitor, to persist it */
    public GuestAgentMethods(Inventory inventory, PlatformState state, Runnable onChange) {
        this.inventory = inventory;
        this.state = state;
        this.onChange = onChange;
    }

    /** Serves {@code executeGATask} through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        registry.register("executeGATask", this::executeGATask, ArgType.STRING, ArgType.STRING, ArgType.MAP);
    }

    private Object executeGATask(Call call) {
        String task = call.string(1) == null ? "" : call.string(1).trim();
        Params p = new Params(call.map(2));
        Map<String, Object> answer;
        boolean changed;
        synchronized (state) {
            Vm vm = GuestAccess.vmByName(state, call.string(0));
            if (!GuestTasks.ALL.contains(task)) {
                throw new InvalidParamsException("Unknown guest-agent task '" + task + "'");
            }
            GuestAccess.running(state, vm);
            GuestState guest = state.guest(vm.vmId());
            changed = task.equals(GuestTasks.SET_IP_ADDR) || task.equals(GuestTasks.SET_IP_DHCP);
            answer = switch (task) {
                case GuestTasks.SET_IP_ADDR -> setIpAddr(vm, guest, p);
                case GuestTasks.SET_IP_DHCP -> setIpDhcp(vm, guest, p);
                case GuestTasks.GET_IP_ADDR -> getIpAddr(vm, guest, p);
                case GuestTasks.GET_VM_PROCESS -> list(GuestLists.processes(vm, os(vm), guest,
                        ThreadLocalRandom.current()));
                case GuestTasks.GET_VM_SOFT -> list(GuestLists.software(vm, os(vm)));
                default -> openUrl(vm, p);
            };
        }
        if (changed) {
            onChange.run();
        }
        return answer;
    }

    /** Sets a static address: 2003 for a missing or malformed address, a gateway outside the subnet. */
    private Map<String, Object> setIpAddr(Vm vm, GuestState guest, Params p) {
        Nic nic = nic(vm, p);
        String ip = ipv4(p.text("ipaddr"), "ipaddr", true);
        String netmask = ipv4(p.text("netmask"), "netmask", true);
        String gateway = ipv4(p.text("gateway"), "gateway", false);
        String dns = dns(p.text(GuestTasks.DNS_KEY, GuestTasks.DNS_KEY_VARIANT));
        int mask = bits(netmask);
        // A mask is ones then zeros: adding one to its complement gives a single bit.
        if (mask == 0 || Integer.bitCount(~mask + 1) != 1) {
            throw new InvalidParamsException("netmask " + netmask + " is not a subnet mask");
        }
        if (!gateway.isEmpty() && (bits(gateway) & mask) != (bits(ip) & mask)) {
            throw new InvalidParamsException("gateway " + gateway + " is outside " + ip + "/" + netmask);
        }
        state.put(guest.withAddress(nic.macAddress(), new GuestAddress(false, ip, netmask, gateway, dns)));
        return Answers.result(Answers.OK);
    }

    private Map<String, Object> setIpDhcp(Vm vm, GuestState guest, Params p) {
        Nic nic = nic(vm, p);
        state.put(guest.withAddress(nic.macAddress(), GuestAddress.byDhcp()));
        return Answers.result(Answers.OK);
    }

    /** The address set on the NIC, or by DHCP (or never set) the one the platform gave it. */
    private Map<String, Object> getIpAddr(Vm vm, GuestState guest, Params p) {
        Nic nic = nic(vm, p);
        GuestAddress set = guest.addresses().get(nic.macAddress().toLowerCase());
        boolean own = set != null && !set.dhcp();
        Map<String, Object> answer = Answers.result(Answers.OK);
        answer.put("ipaddr", own ? set.ip() : blankIfNull(nic.ipAddress()));
        answer.put("netmask", own ? set.netmask() : blankIfNull(nic.subnetMask()));
        answer.put("gateway", own ? set.gateway() : blankIfNull(nic.gateway()));
        answer.put(GuestTasks.DNS_KEY, own ? set.dns() : blankIfNull(nic.dns()));
        return answer;
    }

    /** Opens a browser in a Windows guest: 2003 for another OS or a URL that is not absolute http(s). */
    private Map<String, Object> openUrl(Vm vm, Params p) {
        if (!os(vm).windows()) {
            throw new InvalidParamsException("guest-open-url runs on Windows guests only, not on VM '"
                    + vm.vmId() + "'");
        }
        String url = p.text("url");
        try {
            URI uri = new URI(url == null ? "" : url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new InvalidParamsException("url must be an absolute http or https URL");
            }
        } catch (URISyntaxException e) {
            throw new InvalidParamsException("url is not a URL");
        }
        return Answers.result(Answers.OK);
    }

    private GuestOs os(Vm vm) {
        return GuestOs.of(inventory.template(vm.templateId()));
    }

    private static Map<String, Object> list(Object rows) {
        Map<String, Object> answer = Answers.result(Answers.OK);
        answer.put("list", rows);
        return answer;
    }

    /** The NIC of {@code macaddr}: 2003 when it is missing, 2060 when the VM has none of that MAC. */
    private static Nic nic(Vm vm, Params p) {
        String mac = p.text("macaddr");
        if (mac == null) {
            throw new InvalidParamsException("macaddr is required");
        }
        return vm.nics().stream()
                .filter(nic -> mac.equalsIgnoreCase(nic.macAddress()))
                .findFirst()
                .orElseThrow(() -> new RefusalException(NO_NIC, "VM '" + vm.vmId() + "' has no NIC " + mac));
    }

    /** {@code text} as a dotted IPv4 address, or empty when optional and absent. */
    private static String ipv4(String text, String key, boolean required) {
        if (text == null) {
            if (required) {
                throw new InvalidParamsException(key + " is required");
            }
            return "";
        }
        String[] parts = text.split("\\.", -1);
        boolean valid = parts.length == 4 && Arrays.stream(parts).allMatch(part -> part.matches("\\d{1,3}")
                && Integer.parseInt(part) <= 255);
        if (!valid) {
            throw new InvalidParamsException(key + " '" + text + "' is not an IPv4 address");
        }
        return text;
    }

    /** DNS servers separated by commas (the spec does not say how several are written). */
    private static String dns(String text) {
        if (text == null) {
            return "";
        }
        String[] servers = text.split("\\s*,\\s*");
        for (String server : servers) {
            ipv4(server, GuestTasks.DNS_KEY, true);
        }
        return String.join(",", servers);
    }

    private static int bits(String ipv4) {
        int value = 0;
        for (String part : ipv4.split("\\.")) {
            value = value << 8 | Integer.parseInt(part);
        }
        return value;
    }

    private static String blankIfNull(String text) {
        return text == null ? "" : text;
    }
}
