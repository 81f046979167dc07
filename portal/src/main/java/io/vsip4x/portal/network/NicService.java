package io.vsip4x.portal.network;

import io.vsip4x.portal.audit.AuditService;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.platform.CatalogService;
import io.vsip4x.portal.platform.PlatformClient;
import io.vsip4x.portal.platform.PlatformUnavailableException;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmGuard;
import io.vsip4x.portal.vms.VmLifecycle;
import io.vsip4x.portal.vms.VmPlatformCalls;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.Vsip4xClient;
import io.vsip4x.sdk.Vsip4xException;
import io.vsip4x.sdk.codes.ResultCodes;
import io.vsip4x.sdk.model.DeviceList;
import io.vsip4x.sdk.model.NetworkInfo;
import io.vsip4x.sdk.model.VnicInfo;
import io.vsip4x.sdk.model.VnicSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A VM's NICs: read from the platform ({@code getVmVnics}), added ({@code addVmNetwork}) and
 * changed ({@code setVmNetwork}) on the networks granted to the VM's tenant, under the rules of
 * {@link VmGuard}: the VM must be stopped or running with nothing under way (else 409 with 2052),
 * and the addresses pass {@link NicAddresses} before the platform is asked (else 400 per field).
 * Changes are checked under the VM's row lock, released before the platform is asked. The
 * platform's refusals keep their code, their status as {@link VmPlatformCalls} maps them (2004 and
 * 2060 answer 404, 2003 400, 2052 and 2066 409).
 */
@Service
public class NicService {

    /** The page action of adding a NIC ({@code vm.op.action.nic-add}). */
    static final String ADD = "nic-add";
    /** The page action of changing a NIC ({@code vm.op.action.nic-change}). */
    static final String CHANGE = "nic-change";
    /** Audit action: a NIC added. */
    static final String AUDIT_ADD = "VM_NIC_ADD";
    /** Audit action: a NIC's network or addresses changed. */
    static final String AUDIT_CHANGE = "VM_NIC_CHANGE";
    /** Audit action: a VM's NICs read (written only when refused). */
    static final String AUDIT_LIST = "VM_NIC_LIST";
    /** The statuses in which a VM takes NIC changes: stopped and running. */
    static final Set<Integer> STATUSES = Set.of(0, 1);
    /** The texts of the platform's refusals: {@code vm.nic.refused.{code}}. */
    static final VmPlatformCalls.Texts TEXTS = new VmPlatformCalls.Texts("vm.nic.refused.",
            Set.of("2003", "2004", "2052", "2060", "2066"));
    /**
     * The most NICs a VM may have, so that one tenant cannot take a shared network's addresses;
     * the 9th is refused (409) before the platform is asked.
     */
    public static final int MAX_NICS_PER_VM = 8;
    /** What the platform call itself is judged by: the answer came; its code is judged after. */
    private static final SdkResult ASKED = new SdkResult("0", "", Map.of());

    private static final Logger log = LoggerFactory.getLogger(NicService.class);

    private final VmGuard guard;
    private final PlatformClient platform;
    private final CatalogService catalogs;
    private final AuditService audit;
    private final MessageSource messages;
    private final VmPlatformCalls calls;
    private final TransactionTemplate transactions;
    private final NicNetworks networkFacts;

    NicService(VmGuard guard, PlatformClient platform, CatalogService catalogs, AuditService audit,
            MessageSource messages, VmPlatformCalls calls, TransactionTemplate transactions,
            NicNetworks networkFacts) {
        this.networkFacts = networkFacts;
        this.guard = guard;
        this.platform = platform;
        this.catalogs = catalogs;
        this.audit = audit;
        this.messages = messages;
        this.calls = calls;
        this.transactions = transactions;
    }

    /**
     * One NIC of a VM as the platform reports it.
     *
     * @param networkName the network's name, or its id when the catalog does not know it
     * @param ipAddress   its address, or {@code null} when it has none yet
     */
    public record Nic(String macAddress, String name, String network, String networkName, String ipAddress,
            String subnetMask, String gateway, List<String> dnsServers) {
    }

    /**
     * A VM's NICs for its page.
     *
     * @param problem      why {@code nics} is empty (not created, platform unreachable or refusing), or null
     * @param networks     the networks of the VM's tenant a NIC may join
     * @param mayOperate   whether the viewer may add and change NICs at all
     * @param refusalCode  the code of why the VM takes no change now, or {@code null}
     * @param refusalText  that reason in the reader's language, or {@code null}
     */
    public record NicPage(Vm vm, List<Nic> nics, String problem, List<NetworkInfo> networks, boolean mayOperate,
            String refusalCode, String refusalText) {
    }

    /** The VM's NICs and what the viewer may do with them; 404 when the VM is not theirs to see. */
    @Transactional(readOnly = true)
    public NicPage page(CurrentUser user, String vmId, Locale locale) {
        Vm vm = guard.visible(user, vmId, AUDIT_LIST);
        List<NetworkInfo> networks = networks(vm);
        VmGuard.Refusal refusal = guard.refusal(vm, STATUSES, "2052");
        String problem = null;
        List<Nic> nics = List.of();
        if (vm.lifecycle() == VmLifecycle.PENDING || vm.lifecycle() == VmLifecycle.FAILED || vm.status() == null) {
            problem = messages.getMessage("vm.detail.devices.notCreated", null, locale);
        } else {
            try {
                DeviceList<VnicInfo> answer = platform.read(c -> c.getVmVnics(vmId));
                if (answer.ok()) {
                    nics = answer.devices().stream().map(n -> nic(n, networks)).toList();
                } else {
                    String text = ResultCodes.find(answer.code()).map(c -> c.text(locale)).orElse(answer.code());
                    problem = messages.getMessage("vm.detail.devices.refused", new Object[] {answer.code(), text},
                            locale);
                }
            } catch (Vsip4xException e) {
                log.info("Could not read the NICs of VM '{}': {}", vmId, e.getMessage());
                problem = messages.getMessage("vm.detail.devices.unreachable", null, locale);
            }
        }
        return new NicPage(vm, nics, problem, networks, guard.mayOperate(user, vm),
                refusal == null ? null : refusal.code(), guard.explain(refusal, vm, ADD, locale));
    }

    /** The VM's NICs, for the API: 404 when it is not the viewer's, 503 when the platform is away. */
    @Transactional(readOnly = true)
    public List<Nic> list(CurrentUser user, String vmId) {
        Vm vm = guard.visible(user, vmId, AUDIT_LIST);
        if (vm.status() == null) {
            return List.of();
        }
        DeviceList<VnicInfo> answer = call(c -> c.getVmVnics(vmId));
        if (!answer.ok()) {
            throw refusal(vm, AUDIT_LIST, "", answer.result(), null, vm.network());
        }
        List<NetworkInfo> networks = networks(vm);
        return answer.devices().stream().map(n -> nic(n, networks)).toList();
    }

    /**
     * Adds a NIC with a new MAC address to the VM, stopped or running.
     *
     * @return the new NIC as the platform reports it
     * @throws FieldProblems   for a network not the tenant's or addresses that break the rules
     * @throws PortalException 404, 403, 409 as {@link VmGuard}; the platform's refusals with their code
     */
    public Nic add(CurrentUser user, String vmId, NicRequest request) {
        VnicSpec spec = spec(operator(user, vmId, ADD, AUDIT_ADD), VnicSpec.randomMac(), request);
        Vm vm = changeable(user, vmId, ADD, AUDIT_ADD);
        DeviceList<VnicInfo> current = call(c -> c.getVmVnics(vmId));
        if (current.ok() && current.devices().size() >= MAX_NICS_PER_VM) {
            guard.denied(AUDIT_ADD, vmId, null, "NIC limit reached");
            throw PortalException.conflict("vm.nic.refused.limit", vm.name(), MAX_NICS_PER_VM).audited();
        }
        return apply(vm, spec, AUDIT_ADD, c -> c.addVmNetwork(vmId, spec));
    }

    /**
     * Gives the VM's NIC of MAC {@code macAddress} the network and addresses of {@code request}.
     *
     * @return the NIC as the platform reports it afterwards
     * @throws FieldProblems   as {@link #add}
     * @throws PortalException as {@link #add}; 404 with 2060 when the VM has no such NIC
     */
    public Nic change(CurrentUser user, String vmId, String macAddress, NicRequest request) {
        Vm seen = operator(user, vmId, CHANGE, AUDIT_CHANGE);
        String mac = macAddress == null ? "" : macAddress.strip().toLowerCase(Locale.ROOT).replace('-', ':');
        if (!VnicSpec.validMac(mac)) {
            throw FieldProblems.of("macAddress", "vm.nic.field.macAddress.invalid",
                    macAddress == null ? "" : macAddress.strip());
        }
        VnicSpec spec = spec(seen, mac, request);
        Vm vm = changeable(user, vmId, CHANGE, AUDIT_CHANGE);
        return apply(vm, spec, AUDIT_CHANGE, c -> c.setVmNetwork(vmId, spec));
    }

    /** The VM {@code user} may see and operate, read without a lock: else 404 or 403. */
    private Vm operator(CurrentUser user, String vmId, String action, String auditAction) {
        Vm vm = guard.visible(user, vmId, auditAction);
        if (!guard.mayOperate(user, vm)) {
            guard.denied(auditAction, vmId, null, "not permitted");
            throw PortalException.forbidden("vm.op.forbidden", vm.name(),
                    new DefaultMessageSourceResolvable("vm.op.action." + action)).audited();
        }
        return vm;
    }

    /**
     * The VM, stopped or running with nothing under way (else 409), checked under its row lock,
     * which is released before the platform is asked: the platform refuses a change that races
     * another operation itself (2052), and the platform's callbacks about the VM need not wait.
     */
    private Vm changeable(CurrentUser user, String vmId, String action, String auditAction) {
        return transactions.execute(status -> {
            Vm vm = guard.operable(user, vmId, action, auditAction);
            guard.require(vm, STATUSES, "2052", action, auditAction);
            return vm;
        });
    }

    private Nic apply(Vm vm, VnicSpec spec, String auditAction, Function<Vsip4xClient, SdkResult> call) {
        String params = params(spec);
        // Judged here rather than by the call, as the refusal's text gives the platform's reason.
        SdkResult result = calls.call(vm, auditAction, params, call, r -> ASKED, TEXTS);
        if (!result.ok()) {
            throw refusal(vm, auditAction, params, result, spec.macAddress(), spec.network());
        }
        audit.event(auditAction).target("VM", vm.vmId()).params(params).record();
        // Read back without the VM's lock: a NIC that cannot be read now shows as it was asked for.
        List<NetworkInfo> networks = networks(vm);
        Optional<Nic> now = Optional.empty();
        try {
            DeviceList<VnicInfo> nics = platform.read(c -> c.getVmVnics(vm.vmId()));
            now = nics.devices().stream().filter(n -> spec.macAddress().equalsIgnoreCase(n.macAddress()))
                    .findFirst().map(n -> nic(n, networks));
        } catch (Vsip4xException e) {
            log.info("Could not read the NICs of VM '{}' back: {}", vm.vmId(), e.getMessage());
        }
        return now.orElseGet(() -> new Nic(spec.macAddress(), null, spec.network(), networkName(spec.network(),
                networks), spec.ipAddress(), spec.subnetMask(), spec.gateway(), spec.dnsServers()));
    }

    /** Checks {@code request} and makes the platform's NIC of it, or throws the field problems. */
    private VnicSpec spec(Vm vm, String mac, NicRequest request) {
        FieldProblems.Collector problems = new FieldProblems.Collector();
        if (request.network() == null) {
            problems.reject("network", "vm.nic.field.network.required");
        } else if (networks(vm).stream().noneMatch(n -> n.virtualNetworkId().equals(request.network()))) {
            problems.reject("network", "vm.nic.field.network.notGranted", request.network());
        }
        if (request.dhcp()) {
            if (request.subnetMask() != null) {
                problems.reject("subnetMask", "vm.nic.field.dhcp.noMask");
            }
            if (request.gateway() != null) {
                problems.reject("gateway", "vm.nic.field.dhcp.noGateway");
            }
            NicAddresses.checkDns(problems, request.dnsServers());
        } else {
            NicAddresses.checkFixed(problems, request.ipAddress(), request.subnetMask(), request.gateway(),
                    request.dnsServers());
            if (!problems.has("network") && !problems.has("ipAddress")) {
                NicAddresses.checkNetwork(problems, networkFacts.of(request.network(), vm.vmId()), vm.vmId(),
                        request.ipAddress(), request.gateway());
            }
        }
        problems.throwIfAny();
        try {
            return new VnicSpec(mac, request.network(), request.ipAddress(), request.subnetMask(),
                    request.gateway(), request.dnsServers());
        } catch (IllegalArgumentException e) {
            // The rules above are the adapter's; a value they let through and it refuses is still bad input.
            throw FieldProblems.of("ipAddress", "vm.nic.field.invalid");
        }
    }

    private List<NetworkInfo> networks(Vm vm) {
        return catalogs.forTenant(vm.tenantId()).networks();
    }

    private <T> T call(Function<Vsip4xClient, T> call) {
        try {
            return platform.call(call);
        } catch (Vsip4xException e) {
            throw new PlatformUnavailableException(e);
        }
    }

    /** The platform's refusal {@code answer}, logged, with its status, its text and its code. */
    private PortalException refusal(Vm vm, String auditAction, String params, SdkResult answer, String mac,
            String network) {
        return calls.refused(vm, auditAction, params, answer.code(), TEXTS, vm.name(), mac == null ? "" : mac,
                answer.info() == null ? "" : answer.info(), network == null ? "" : network);
    }

    private static Nic nic(VnicInfo n, List<NetworkInfo> networks) {
        return new Nic(n.macAddress(), n.name(), n.network(), networkName(n.network(), networks),
                NicAddresses.blankToNull(n.ipAddress()), NicAddresses.blankToNull(n.subnetMask()),
                NicAddresses.blankToNull(n.gateway()), n.dnsServers());
    }

    private static String networkName(String id, List<NetworkInfo> networks) {
        return networks.stream().filter(n -> n.virtualNetworkId().equals(id)).map(NetworkInfo::virtualNetworkName)
                .findFirst().orElse(id);
    }

    private static String params(VnicSpec spec) {
        String address = spec.dhcp() ? "dhcp" : spec.ipAddress() + "/" + spec.subnetMask();
        return "mac=" + spec.macAddress() + " network=" + spec.network() + " address=" + address
                + (spec.gateway() == null ? "" : " gateway=" + spec.gateway())
                + (spec.dnsServers().isEmpty() ? "" : " dns=" + String.join(",", spec.dnsServers()));
    }
}
