package io.vsip4x.portal.guest;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.network.NicAddresses;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmGuard;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xClient;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.model.GuestIpConfig;
import io.vsip4x.sdk.model.GuestIpSettings;
import io.vsip4x.sdk.model.GuestProcessList;
import io.vsip4x.sdk.model.GuestSoftwareList;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The guest tasks of a VM (appendix 1's {@code executeGATask} tasks, the guest OS session, files
 * pushed in), asked under the rules of {@link VmGuard}: the person may operate the VM, it runs
 * with nothing under way (else 409 with 2050 or 2052) and its guest agent runs (else 409); the
 * input passes {@link GuestInput} before the platform is asked (else 400 per field). Every task is
 * written to the operation log with what it touched, never a credential or a file's content.
 */
@Service
public class GuestService {

    /** The only status in which the guest agent answers: running. */
    static final Set<Integer> RUNNING = Set.of(1);
    /** Audit action: a VM's guest page refused (written only when refused). */
    static final String AUDIT_VIEW = "VM_GUEST_VIEW";

    private static final Logger log = LoggerFactory.getLogger(GuestService.class);

    private final VmGuard guard;
    private final PlatformClient platform;
    private final GuestAgent agent;
    private final AuditService audit;

    GuestService(VmGuard guard, PlatformClient platform, GuestAgent agent, AuditService audit) {
        this.guard = guard;
        this.platform = platform;
        this.agent = agent;
        this.audit = audit;
    }

    /** An address as the guest reports it for the NIC of {@code macAddress}. */
    public record Address(String macAddress, String ipAddress, String subnetMask, String gateway,
            List<String> dnsServers) {
    }

    /** A running process of the guest. */
    public record Process(String name, String pid, double cpuPercent, double memoryPercent, long memoryKb) {
    }

    /** A software package installed in the guest. */
    public record Software(String name, String version) {
    }

    /** A task done: the VM and the task's action name. */
    public record Done(String vmId, String task) {
    }

    /** Sets a static address on the guest's NIC of {@code mac} ({@code setIPAddr}). */
    @Transactional
    public Done setAddress(CurrentUser user, String vmId, String mac, GuestInput.AddressInput input) {
        GuestTask task = GuestTask.SET_IP;
        Vm vm = guard.operable(user, vmId, task.path(), task.auditAction());
        String nic = GuestInput.checkAddress(mac, input);
        GuestIpSettings settings = new GuestIpSettings(nic, input.ipAddress(), input.subnetMask(), input.gateway(),
                input.dnsServers().isEmpty() ? null : String.join(",", input.dnsServers()));
        String params = "mac=" + nic + " address=" + input.ipAddress() + "/" + input.subnetMask()
                + (input.gateway() == null ? "" : " gateway=" + input.gateway())
                + (input.dnsServers().isEmpty() ? "" : " dns=" + String.join(",", input.dnsServers()));
        run(vm, task, params, nic, c -> c.setGuestIpAddress(vmId, settings), r -> r);
        return new Done(vmId, task.path());
    }

    /** Makes the guest's NIC of {@code mac} take its address by DHCP ({@code setIPDhcp}). */
    @Transactional
    public Done setDhcp(CurrentUser user, String vmId, String mac) {
        GuestTask task = GuestTask.DHCP;
        Vm vm = guard.operable(user, vmId, task.path(), task.auditAction());
        String nic = GuestInput.checkMac(mac);
        run(vm, task, "mac=" + nic, nic, c -> c.setGuestIpDhcp(vmId, nic), r -> r);
        return new Done(vmId, task.path());
    }

    /** The address the guest's NIC of {@code mac} has ({@code getIPAddr}). */
    @Transactional
    public Address readAddress(CurrentUser user, String vmId, String mac) {
        GuestTask task = GuestTask.READ_IP;
        Vm vm = guard.operable(user, vmId, task.path(), task.auditAction());
        String nic = GuestInput.checkMac(mac);
        GuestIpConfig config = run(vm, task, "mac=" + nic, nic, c -> c.getGuestIpAddress(vmId, nic),
                GuestIpConfig::result);
        return new Address(nic, blankToNull(config.ipAddress()), blankToNull(config.netmask()),
                blankToNull(config.gateway()), NicAddresses.dnsList(config.dnsServer()));
    }

    /** The guest's processes ({@code getVMProcess}), sorted by {@code sort}. */
    @Transactional
    public List<Process> processes(CurrentUser user, String vmId, GuestSort sort) {
        GuestTask task = GuestTask.PROCESSES;
        Vm vm = guard.operable(user, vmId, task.path(), task.auditAction());
        GuestProcessList list = run(vm, task, "", null, c -> c.getGuestProcesses(vmId), GuestProcessList::result);
        return sort.processes(list.processes().stream().map(p -> new Process(p.name(), p.pid(), p.cpuPercent(),
                p.memoryPercent(), p.memoryKb())).toList());
    }

    /** The guest's installed software ({@code getVMSoft}), sorted by {@code sort}. */
    @Transactional
    public List<Software> software(CurrentUser user, String vmId, GuestSort sort) {
        GuestTask task = GuestTask.SOFTWARE;
        Vm vm = guard.operable(user, vmId, task.path(), task.auditAction());
        GuestSoftwareList list = run(vm, task, "", null, c -> c.getGuestSoftware(vmId), GuestSoftwareList::result);
        return sort.software(list.software().stream().map(s -> new Software(s.name(), s.version())).toList());
    }

    /** Opens a browser at {@code url} in a Windows guest ({@code guest-open-url}); 409 with 2003 for others. */
    @Transactional
    public Done openUrl(CurrentUser user, String vmId, String url) {
        GuestTask task = GuestTask.OPEN_URL;
        Vm vm = guard.operable(user, vmId, task.path(), task.auditAction());
        String checked = GuestInput.checkUrl(url);
        run(vm, task, "url=" + checked, null, c -> c.openGuestUrl(vmId, checked), r -> r);
        return new Done(vmId, task.path());
    }

    /**
     * Signs {@code username} in to the guest OS ({@code loginVmOS}). The credential goes to the
     * platform only: it is neither kept, logged, audited nor shown again.
     */
    @Transactional
    public Done login(CurrentUser user, String vmId, String username, String credential) {
        GuestTask task = GuestTask.LOGIN;
        Vm vm = guard.operable(user, vmId, task.path(), task.auditAction());
        String name = GuestInput.checkLogin(username, credential);
        run(vm, task, "username=" + name, null, c -> c.loginVmOS(vmId, name, credential), r -> r);
        return new Done(vmId, task.path());
    }

    /** Locks the guest's session ({@code lockVmOS}); 409 with 2052 when nobody is signed in. */
    @Transactional
    public Done lock(CurrentUser user, String vmId) {
        GuestTask task = GuestTask.LOCK;
        Vm vm = guard.operable(user, vmId, task.path(), task.auditAction());
        run(vm, task, "", null, c -> c.lockVmOS(vmId), r -> r);
        return new Done(vmId, task.path());
    }

    /** Ends the guest's session ({@code logoutVmOS}). */
    @Transactional
    public Done logout(CurrentUser user, String vmId) {
        GuestTask task = GuestTask.LOGOUT;
        Vm vm = guard.operable(user, vmId, task.path(), task.auditAction());
        run(vm, task, "", null, c -> c.logoutVmOS(vmId), r -> r);
        return new Done(vmId, task.path());
    }

    /**
     * Writes {@code content} as UTF-8 text to the absolute {@code path} in the guest
     * ({@code pushFileContent}); at most {@link GuestInput#MAX_FILE_BYTES}. The log holds the path
     * and the size, never the content.
     */
    @Transactional
    public Done pushFile(CurrentUser user, String vmId, String path, String content) {
        GuestTask task = GuestTask.PUSH_FILE;
        Vm vm = guard.operable(user, vmId, task.path(), task.auditAction());
        String checked = GuestInput.checkFile(path, content);
        String text = content == null ? "" : content;
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        run(vm, task, "path=" + checked + " bytes=" + bytes, null,
                guest -> GuestInput.checkPathStyle(checked, guest.windows()),
                c -> c.pushFileContent(vmId, text, checked), r -> r);
        return new Done(vmId, task.path());
    }

    /**
     * Asks the platform for {@code task} once the VM runs with its agent and nothing under way,
     * logs the outcome, and answers the platform's refusal with its code.
     */
    private <T> T run(Vm vm, GuestTask task, String params, String mac, Function<Vsip4xClient, T> call,
            Function<T, SdkResult> resultOf) {
        return run(vm, task, params, mac, guest -> { }, call, resultOf);
    }

    /** As above, with {@code fits} checking the input against the guest (its OS) before asking. */
    private <T> T run(Vm vm, GuestTask task, String params, String mac, Consumer<GuestAgent.State> fits,
            Function<Vsip4xClient, T> call, Function<T, SdkResult> resultOf) {
        guard.require(vm, RUNNING, "2050", task.path(), task.auditAction());
        GuestAgent.State guest = agent.of(vm.vmId());
        if (!guest.on()) {
            guard.denied(task.auditAction(), vm.vmId(), null, "guest agent not running");
            throw PortalException.conflict("vm.guest.refused.agentOff", vm.name(), passive(task)).audited();
        }
        if (task == GuestTask.OPEN_URL && !guest.windows()) {
            guard.denied(task.auditAction(), vm.vmId(), "2003", "not a Windows guest");
            throw new PortalException(HttpStatus.CONFLICT, "vm.guest.refused.windowsOnly", "2003", vm.name(),
                    guest.os()).audited();
        }
        fits.accept(guest);
        T answer;
        try {
            answer = platform.call(call);
        } catch (Vsip4xException e) {
            log.warn("Could not reach the platform for guest task {} on VM '{}'", task.path(), vm.vmId());
            audit.event(task.auditAction()).target("VM", vm.vmId()).params(params)
                    .result(AuditService.FAILURE, null, "platform unreachable").recordAlone();
            throw new PlatformUnavailableException(e);
        }
        SdkResult result = resultOf.apply(answer);
        if (!result.ok()) {
            audit.event(task.auditAction()).target("VM", vm.vmId()).params(params)
                    .result(AuditService.FAILURE, result.code(), task == GuestTask.LOGIN ? null : result.info())
                    .recordAlone();
            throw refusal(vm, task, result.code(), mac).audited();
        }
        audit.event(task.auditAction()).target("VM", vm.vmId()).params(params).record();
        return answer;
    }

    /** The platform's refusal {@code code} of {@code task}: 404 for 2004 and 2060, 400 for 2003, else 409. */
    private static PortalException refusal(Vm vm, GuestTask task, String code, String mac) {
        HttpStatus status = switch (code) {
            case "2004", "2060" -> HttpStatus.NOT_FOUND;
            case "2003" -> HttpStatus.BAD_REQUEST;
            default -> HttpStatus.CONFLICT;
        };
        String key = switch (code) {
            case "2004" -> "error.vm.notFound";
            case "2003", "2050", "2052", "2060" -> "vm.guest.refused." + code;
            default -> "vm.guest.refused.other";
        };
        return new PortalException(status, key, code, vm.name(), passive(task), mac == null ? "" : mac, code);
    }

    private static DefaultMessageSourceResolvable passive(GuestTask task) {
        return new DefaultMessageSourceResolvable("vm.op.passive." + task.path());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
