package io.vsip4x.portal.vms;

import io.vsip4x.portal.audit.AuditUnavailableException;
import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.portal.web.PortalException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * One action on many VMs: start, shut down, reboot or delete. Each VM is decided on its own, in a
 * transaction of its own, by the same rules as a single request ({@link VmActions#perform}), so
 * one VM that is refused never holds the others back, and each gets its own result.
 *
 * <p>A batch deletion queues one {@code deleteVm} per VM rather than one {@code deleteVmBatch}:
 * the spec's batch method answers one code for the whole list (refusing all when one VM is not
 * stopped), and per-VM results need per-VM operations.
 */
@Service
public class VmBulk {

    /** The most VMs one request may name. */
    public static final int MAX_VMS = 500;
    private static final Set<VmAction> BULK_ACTIONS = Set.of(VmAction.START, VmAction.SHUTDOWN, VmAction.REBOOT,
            VmAction.DELETE);
    private static final Logger log = LoggerFactory.getLogger(VmBulk.class);

    private final VmActions actions;
    private final VmRepository vms;
    private final MessageSource messages;

    VmBulk(VmActions actions, VmRepository vms, MessageSource messages) {
        this.actions = actions;
        this.vms = vms;
        this.messages = messages;
    }

    /**
     * The result for one VM.
     *
     * @param name        the VM's name, or its id when it is not the asker's to see
     * @param operationId the queued operation when accepted, else {@code null}
     * @param code        the spec's code of a refusal for the VM's state (2049 to 2052), else {@code null}
     * @param status      the HTTP status the same refusal of one VM would answer (404, 403, 409), or
     *                    {@code null} when accepted
     * @param message     why it was refused, in the reader's language, else {@code null}
     */
    public record Result(String vmId, String name, boolean accepted, Long operationId, String code,
            Integer status, String message) {
    }

    /**
     * Asks {@code action} of every VM of {@code vmIds} (repeated ids count once).
     *
     * @throws FieldProblems 400 for an action that cannot be asked in bulk, no VMs or more than {@link #MAX_VMS}
     */
    public List<Result> perform(CurrentUser user, String action, List<String> vmIds, boolean secureErase,
            Locale locale) {
        VmAction chosen = VmAction.fromPath(action);
        FieldProblems.Collector problems = new FieldProblems.Collector();
        if (chosen == null || !BULK_ACTIONS.contains(chosen)) {
            problems.reject("action", "vm.bulk.field.action");
        }
        Set<String> ids = new LinkedHashSet<>();
        if (vmIds != null) {
            vmIds.stream().filter(id -> id != null && !id.isBlank()).forEach(id -> ids.add(id.strip()));
        }
        if (ids.isEmpty()) {
            problems.reject("vmIds", "vm.bulk.field.none");
        } else if (ids.size() > MAX_VMS) {
            problems.reject("vmIds", "vm.bulk.field.tooMany", MAX_VMS);
        }
        problems.throwIfAny();
        VmActions.Args args = new VmActions.Args(null, null, secureErase);
        List<Result> results = new ArrayList<>();
        for (String vmId : ids) {
            results.add(one(user, vmId, chosen, args, locale));
        }
        return results;
    }

    private Result one(CurrentUser user, String vmId, VmAction action, VmActions.Args args, Locale locale) {
        String name = vms.find(vmId).filter(vm -> VmService.visible(user, vm)).map(Vm::name).orElse(vmId);
        try {
            VmActions.Accepted accepted = actions.perform(user, vmId, action, args);
            return new Result(vmId, name, true, accepted.operationId(), null, null, null);
        } catch (PortalException e) {
            return new Result(vmId, name, false, null, e.code(), e.status().value(),
                    messages.getMessage(e.messageKey(), e.args(), e.messageKey(), locale));
        } catch (AuditUnavailableException e) {
            log.error("Bulk {} of VM '{}' was not done: its audit event could not be stored", action, vmId);
            return new Result(vmId, name, false, null, null, 503,
                    messages.getMessage("error.auditUnavailable", null, locale));
        } catch (DataAccessException e) {
            log.info("Bulk {} of VM '{}' failed in the database: {}", action, vmId, e.getMessage());
            return new Result(vmId, name, false, null, null, 409,
                    messages.getMessage("error.concurrent", null, locale));
        }
    }
}
