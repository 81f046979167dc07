package io.vsip4x.portal.guest;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.network.NicAddresses;
import io.vsip4x.portal.network.NicNetworks;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.vms.VmAddressRefresh;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.model.DeviceList;
import io.vsip4x.sdk.model.VnicInfo;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmGuard;
import io.vsip4x.portal.vms.VmPlatformCalls;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xClient;
import io.vsip4x.sdk.model.GuestIpConfig;
import io.vsip4x.sdk.model.GuestIpSettings;
import io.vsip4x.sdk.model.GuestProcessList;
import io.vsip4x.sdk.model.GuestSoftwareList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The guest tasks of a VM (appendix 1's {@code executeGATask} tasks, the guest OS session, files
 * pushed in), asked under the rules of {@link VmGuard}: the person may operate the VM, it runs
 * with nothing under way (else 409 with 2050 or 2052) and its guest agent runs (else 409; 503 when
 * the platform cannot say); the input passes {@link GuestInput} before the platform is asked (else
 * 400 per field). Tasks that only read are checked without locking the VM; changes are checked
 * under its row lock, released before the platform is asked, so that the platform's callbacks
 * about the VM never wait for the guest. The platform's refusals answer as {@link VmPlatformCalls}
 * maps them. Every task is written to the operation log with what it touched, never a credential
 * or a file's content.
 */
@Service
public class GuestService {

    /** The only status in which the guest agent answers: running. */
    static final Set<Integer> RUNNING = Set.of(1);
    /** Audit action: a VM's guest page refused (written only when refused). */
    static final String AUDIT_VIEW = "VM_GUEST_VIEW";
    /** The texts of the platform's refusals: {@code vm.guest.refused.{code}}. */
    static final VmPlatformCalls.Texts TEXTS = new VmPlatformCalls.Texts("vm.guest.refused.",
            Set.of("2003", "2004", "2050", "2052", "2060"));
    /** What the platform call itself is judged by: the answer came; its code is judged after. */
    private static final SdkResult ASKED = new SdkResult("0", "", Map.of());

    private final VmGuard guard;
    private final VmPlatformCalls calls;
    private final GuestAgent agent;
    private final AuditService audit;
    private final TransactionTemplate transactions;
    private final PlatformClient platform;
    private final NicNetworks networkFacts;
    private final VmAddressRefresh addresses;

    GuestService(VmGuard guard, VmPlatformCalls calls, GuestAgent agent, AuditService audit,
            TransactionTemplate transactions, PlatformClient platform, NicNetworks networkFacts,
            VmAddressRefresh addresses) {
        this.platform = platform;
        this.networkFacts = networkFacts;
        this.addresses = addresses;
        this.guard = guard;
        this.calls = calls;
        this.agent = agent;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** An address as the guest reports it for the NIC of {@code macAddress}. */
    public record Address(String macAddress, String ipAddress, String subnetMask, String gateway,
            List<String> dnsServers) {
    }

    /**
     * A running process of the guest.
     *
     * @param pid      its process id, or {@code null} when the guest gave none that is a number
     * @param memoryKb its memory in KiB (1024 bytes)
     */
    public record Process(String name, Long pid, double cpuPercent, double memoryPercent, long memoryKb) {
    }

    /** A software package installed in the guest. */
    public record Software(String name, String version) {
    }

    /** A task done: the VM and the task's action name. */
    public record Done(String vmId, String task) {
    }

    /** Sets a static address on the guest's NIC of {@code mac} ({@code setIPAddr}). */
    public Done setAddress(CurrentUser user, String vmId, String mac, GuestInput.AddressInput input) {
        GuestTask task = GuestTask.SET_IP;
        operator(user, vmId, task);
        String nic = GuestInput.checkAddress(mac, input);
        checkNetwork(vmId, nic, input);
        Vm vm = changeable(user, vmId, task);
        GuestIpSettings settings = new GuestIpSettings(nic, input.ipAddress(), input.subnetMask(), input.gateway(),
                input.dnsServers().isEmpty() ? null : String.join(",", input.dnsServers()));
        String params = "mac=" + nic + " address=" + input.ipAddress() + "/" + input.subnetMask()
                + (input.gateway() == null ? "" : " gateway=" + input.gateway())
                + (input.dnsServers().isEmpty() ? "" : " dns=" + String.join(",", input.dnsServers()));
        run(vm, task, params, nic, c -> c.setGuestIpAddress(vmId, settings), r -> r);
        addresses.refresh(vmId, vm.tenantId());
        return new Done(vmId, task.path());
    }

    /** Makes the guest's NIC of {@code mac} take its address by DHCP ({@code setIPDhcp}). */
    public Done setDhcp(CurrentUser user, String vmId, String mac) {
        GuestTask task = GuestTask.DHCP;
        operator(user, vmId, task);
        String nic = GuestInput.checkMac(mac);
        Vm vm = changeable(user, vmId, task);
        run(vm, task, "mac=" + nic, nic, c -> c.setGuestIpDhcp(vmId, nic), r -> r);
        addresses.refresh(vmId, vm.tenantId());
        return new Done(vmId, task.path());
    }

    /** The address the guest's NIC of {@code mac} has ({@code getIPAddr}); read without locking the VM. */
    public Address readAddress(CurrentUser user, String vmId, String mac) {
        GuestTask task = GuestTask.READ_IP;
        Vm vm = operator(user, vmId, task);
        String nic = GuestInput.checkMac(mac);
        readable(vm, task);
        GuestIpConfig config = run(vm, task, "mac=" + nic, nic, c -> c.getGuestIpAddress(vmId, nic),
                GuestIpConfig::result);
        return new Address(nic, NicAddresses.blankToNull(config.ipAddress()),
                NicAddresses.blankToNull(config.netmask()), NicAddresses.blankToNull(config.gateway()),
                NicAddresses.dnsList(config.dnsServer()));
    }

    /** The guest's processes ({@code getVMProcess}), sorted by {@code sort}; read without locking the VM. */
    public List<Process> processes(CurrentUser user, String vmId, GuestSort sort) {
        GuestTask task = GuestTask.PROCESSES;
        Vm vm = readable(operator(user, vmId, task), task);
        GuestProcessList list = run(vm, task, "", null, c -> c.getGuestProcesses(vmId), GuestProcessList::result);
        return sort.processes(list.processes().stream().map(p -> new Process(p.name(), pid(p.pid()), p.cpuPercent(),
                p.memoryPercent(), p.memoryKb())).toList());
    }

    /** The guest's installed software ({@code getVMSoft}), sorted by {@code sort}; read without locking the VM. */
    public List<Software> software(CurrentUser user, String vmId, GuestSort sort) {
        GuestTask task = GuestTask.SOFTWARE;
        Vm vm = readable(operator(user, vmId, task), task);
        GuestSoftwareList list = run(vm, task, "", null, c -> c.getGuestSoftware(vmId), GuestSoftwareList::result);
        return sort.software(list.software().stream().map(s -> new Software(s.name(), s.version())).toList());
    }

    /** Opens a browser at {@code url} in a Windows guest ({@code guest-open-url}); 400 with 2003 for others. */
    public Done openUrl(CurrentUser user, String vmId, String url) {
        GuestTask task = GuestTask.OPEN_URL;
        operator(user, vmId, task);
        String checked = GuestInput.checkUrl(url);
        Vm vm = changeable(user, vmId, task);
        run(vm, task, "url=" + GuestInput.auditUrl(checked), null, c -> c.openGuestUrl(vmId, checked), r -> r);
        return new Done(vmId, task.path());
    }

    /**
     * Signs {@code username} in to the guest OS ({@code loginVmOS}). The credential goes to the
     * platform only: it is neither kept, logged, audited nor shown again.
     */
    public Done login(CurrentUser user, String vmId, String username, String credential) {
        GuestTask task = GuestTask.LOGIN;
        operator(user, vmId, task);
        String name = GuestInput.checkLogin(username, credential);
        Vm vm = changeable(user, vmId, task);
        run(vm, task, "username=" + name, null, c -> c.loginVmOS(vmId, name, credential), r -> r);
        return new Done(vmId, task.path());
    }

    /** Locks the guest's session ({@code lockVmOS}); 409 with 2052 when nobody is signed in. */
    public Done lock(CurrentUser user, String vmId) {
        GuestTask task = GuestTask.LOCK;
        operator(user, vmId, task);
        Vm vm = changeable(user, vmId, task);
        run(vm, task, "", null, c -> c.lockVmOS(vmId), r -> r);
        return new Done(vmId, task.path());
    }

    /** Ends the guest's session ({@code logoutVmOS}). */
    public Done logout(CurrentUser user, String vmId) {
        GuestTask task = GuestTask.LOGOUT;
        operator(user, vmId, task);
        Vm vm = changeable(user, vmId, task);
        run(vm, task, "", null, c -> c.logoutVmOS(vmId), r -> r);
        return new Done(vmId, task.path());
    }

    /**
     * Writes {@code content} as UTF-8 text to the absolute {@code path} in the guest
     * ({@code pushFileContent}); at most {@link GuestInput#MAX_FILE_BYTES}. The log holds the path
     * and the size, never the content.
     */
    public Done pushFile(CurrentUser user, String vmId, String path, String content) {
        GuestTask task = GuestTask.PUSH_FILE;
        operator(user, vmId, task);
        String checked = GuestInput.checkFile(path, content);
        Vm vm = changeable(user, vmId, task);
        String text = content == null ? "" : content;
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        run(vm, task, "path=" + checked + " bytes=" + bytes, null,
                guest -> GuestInput.checkPathStyle(checked, guest.windows()),
                c -> c.pushFileContent(vmId, text, checked), r -> r);
        return new Done(vmId, task.path());
    }

    /**
     * Checks a static address against the network of the VM's NIC of {@code mac} ({@link NicNetworks}),
     * when the platform names that NIC; else the platform answers for the MAC itself.
     */
    private void checkNetwork(String vmId, String mac, GuestInput.AddressInput input) {
        String network;
        try {
            DeviceList<VnicInfo> list = platform.call(c -> c.getVmVnics(vmId));
            network = list.devices().stream().filter(n -> mac.equalsIgnoreCase(n.macAddress()))
                    .map(VnicInfo::network).findFirst().orElse(null);
        } catch (Vsip4xException e) {
            throw new PlatformUnavailableException(e);
        }
        if (network != null) {
            FieldProblems.Collector problems = new FieldProblems.Collector();
            NicAddresses.checkNetwork(problems, networkFacts.of(network, vmId), vmId, input.ipAddress(),
                    input.gateway());
            problems.throwIfAny();
        }
    }

    /** The VM {@code user} may see and operate, read without a lock: else 404 or 403. */
    private Vm operator(CurrentUser user, String vmId, GuestTask task) {
        Vm vm = guard.visible(user, vmId, task.auditAction());
        if (!guard.mayOperate(user, vm)) {
            guard.denied(task.auditAction(), vmId, null, "not permitted");
            throw PortalException.forbidden("vm.op.forbidden", vm.name(),
                    new DefaultMessageSourceResolvable("vm.op.action." + task.path())).audited();
        }
        return vm;
    }

    /** {@code vm} when it runs with nothing under way (else 409 with 2050 or 2052), checked without a lock. */
    private Vm readable(Vm vm, GuestTask task) {
        guard.require(vm, RUNNING, "2050", task.path(), task.auditAction());
        return vm;
    }

    /**
     * The VM, checked as {@link #readable} under its row lock, which is released before the
     * platform is asked: the platform refuses a change that races another operation itself (2052).
     */
    private Vm changeable(CurrentUser user, String vmId, GuestTask task) {
        return transactions.execute(status -> {
            Vm vm = guard.operable(user, vmId, task.path(), task.auditAction());
            return readable(vm, task);
        });
    }

    /**
     * Asks the platform for {@code task} once its agent runs, logs the outcome, and answers the
     * platform's refusal with its code.
     */
    private <T> T run(Vm vm, GuestTask task, String params, String mac, Function<Vsip4xClient, T> call,
            Function<T, SdkResult> resultOf) {
        return run(vm, task, params, mac, guest -> { }, call, resultOf);
    }

    /** As above, with {@code fits} checking the input against the guest (its OS) before asking. */
    private <T> T run(Vm vm, GuestTask task, String params, String mac, Consumer<GuestAgent.State> fits,
            Function<Vsip4xClient, T> call, Function<T, SdkResult> resultOf) {
        GuestAgent.State guest;
        try {
            guest = agent.of(vm.vmId());
        } catch (PlatformUnavailableException e) {
            audit.event(task.auditAction()).target("VM", vm.vmId()).params(params)
                    .result(AuditService.FAILURE, null, "platform unreachable").recordAlone();
            throw e;
        }
        if (!guest.on()) {
            guard.denied(task.auditAction(), vm.vmId(), null, "guest agent not running");
            throw PortalException.conflict("vm.guest.refused.agentOff", vm.name(), passive(task)).audited();
        }
        if (task == GuestTask.OPEN_URL && !guest.windows()) {
            guard.denied(task.auditAction(), vm.vmId(), VmPlatformCalls.INVALID, "not a Windows guest");
            throw new PortalException(VmPlatformCalls.statusOf(VmPlatformCalls.INVALID),
                    "vm.guest.refused.windowsOnly", VmPlatformCalls.INVALID, vm.name(), guest.os()).audited();
        }
        fits.accept(guest);
        // Judged here rather than by the call, as the refusal's text names the code the platform gave.
        T answer = calls.call(vm, task.auditAction(), params, call, a -> ASKED, TEXTS);
        SdkResult result = resultOf.apply(answer);
        if (!result.ok()) {
            throw calls.refused(vm, task.auditAction(), params, result.code(), TEXTS, vm.name(), passive(task),
                    mac == null ? "" : mac, result.code());
        }
        audit.event(task.auditAction()).target("VM", vm.vmId()).params(params).record();
        return answer;
    }

    private static Long pid(String text) {
        try {
            return text == null ? null : Long.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static DefaultMessageSourceResolvable passive(GuestTask task) {
        return new DefaultMessageSourceResolvable("vm.op.passive." + task.path());
    }
}
