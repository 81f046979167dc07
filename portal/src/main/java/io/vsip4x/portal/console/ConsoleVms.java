package io.vsip4x.portal.console;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.Role;
import io.vsip4x.portal.vms.Vm;
import io.vsip4x.portal.vms.VmLifecycle;
import io.vsip4x.portal.vms.VmService;
import io.vsip4x.portal.web.PortalException;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds a VM for its console's features. People given a console without the right to change the
 * VM (a grant, a share) do not see it in the VM list, so the VM is found by id here and the
 * person's console right decides; nobody learns of a VM they have no right to.
 */
@Component
public class ConsoleVms {

    private final VmService vms;
    private final ConsoleAccess access;
    private final JdbcClient jdbc;

    ConsoleVms(VmService vms, ConsoleAccess access, JdbcClient jdbc) {
        this.vms = vms;
        this.access = access;
        this.jdbc = jdbc;
    }

    /** A VM with what {@code user} may do with its console. */
    record VmRight(Vm vm, ConsoleRight right) {
    }

    /**
     * The VM and {@code user}'s console right on it ({@link ConsoleRight#NONE} included: the
     * caller decides what a person without a console is told).
     *
     * @throws PortalException 404 when it does not exist or is deleted
     */
    VmRight withRight(CurrentUser user, String vmId) {
        Vm vm = live(vmId).orElseThrow(() -> PortalException.notFound("error.vm.notFound", vmId));
        return new VmRight(vm, access.rightOf(user, vm));
    }

    /**
     * The VM, for someone who must see it (its owner, its tenant's people who see the whole tenant).
     *
     * @throws PortalException 404 when it is not theirs to see
     */
    Vm visible(CurrentUser user, String vmId) {
        return vms.get(user, vmId);
    }

    /**
     * The VM, when {@code user} sees it on the VM pages or has a console of it without that (a
     * view-only share, the console-only permission, an auditor's view-only console).
     *
     * @throws PortalException 404 otherwise, as the VM pages answer
     */
    Vm visibleOrWithConsole(CurrentUser user, String vmId) {
        try {
            return vms.get(user, vmId);
        } catch (PortalException notVisible) {
            return live(vmId).filter(vm -> access.rightOf(user, vm).any()).orElseThrow(() -> notVisible);
        }
    }

    /**
     * Locks the VM's row to the end of the transaction, so that two people giving the same person
     * its console at once (a grant, a share) do not both find them without one.
     */
    void lock(String vmId) {
        jdbc.sql("SELECT vm_id FROM vm WHERE vm_id = :vmId FOR UPDATE").param("vmId", vmId).query(String.class)
                .optional();
    }

    /** The VM, whoever may see it, unless it does not exist or is deleted. */
    public Optional<Vm> live(String vmId) {
        return vms.find(vmId).filter(vm -> vm.lifecycle() != VmLifecycle.DELETED);
    }

    /** Whether {@code user} administers the tenant of {@code vm}. */
    static boolean tenantAdminOf(CurrentUser user, Vm vm) {
        return user.has(Role.TENANT_ADMIN) && user.tenantId() != null && user.tenantId() == vm.tenantId();
    }

    /** Whether {@code user} owns {@code vm} (within its tenant). */
    static boolean ownerOf(CurrentUser user, Vm vm) {
        return user.tenantId() != null && user.tenantId() == vm.tenantId() && user.id() == vm.ownerId();
    }
}
