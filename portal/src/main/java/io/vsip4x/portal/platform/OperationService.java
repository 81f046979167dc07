package io.vsip4x.portal.platform;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operation queue as other features see it: queue work in the caller's transaction, read
 * what is under way, finish work whose completion only the caller can judge.
 */
@Service
public class OperationService {

    private final OperationRepository operations;
    private final OperationFinisher finisher;
    private final JsonMapper json;
    private final OperationDispatcher dispatcher;

    OperationService(OperationRepository operations, OperationFinisher finisher, JsonMapper json,
            OperationDispatcher dispatcher) {
        this.operations = operations;
        this.finisher = finisher;
        this.json = json;
        this.dispatcher = dispatcher;
    }

    /**
     * Queues a power or other single-VM operation in the caller's transaction; the dispatcher
     * sends it once that transaction commits.
     *
     * @return the operation's id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long queue(OperationKind kind, String vmId, Long requestId, Long actorId) {
        long id = operations.insert(kind, vmId, requestId, actorId, null);
        dispatchAfterCommit();
        return id;
    }

    /**
     * Queues a single-VM operation that needs arguments beside the VM (a target host or pool,
     * a secure erase) in the caller's transaction.
     *
     * @return the operation's id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long queueWith(OperationKind kind, String vmId, VmOperationPayload payload, Long actorId) {
        long id = operations.insert(kind, vmId, null, actorId, json.writeValueAsString(payload));
        dispatchAfterCommit();
        return id;
    }

    /**
     * Queues a snapshot or backup operation ({@code createSnap} ... {@code deleteBackup}) in the
     * caller's transaction.
     *
     * @return the operation's id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long queueStorage(OperationKind kind, String vmId, StoragePayload payload, Long actorId) {
        long id = operations.insert(kind, vmId, null, actorId, json.writeValueAsString(payload));
        dispatchAfterCommit();
        return id;
    }

    /** Queues the {@code createVm} of a request in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long queueCreate(CreateVmPayload payload, long requestId, Long actorId) {
        long id = operations.insert(OperationKind.CREATE_VM, null, requestId, actorId,
                json.writeValueAsString(payload));
        dispatchAfterCommit();
        return id;
    }

    /** Queues the {@code installVm} of a request in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long queueInstall(InstallVmPayload payload, long requestId, Long actorId) {
        long id = operations.insert(OperationKind.INSTALL_VM, null, requestId, actorId,
                json.writeValueAsString(payload));
        dispatchAfterCommit();
        return id;
    }

    /** Queues a change of an existing VM (resize, data disk) in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public long queueChange(OperationKind kind, String vmId, ChangePayload payload, long requestId, Long actorId) {
        long id = operations.insert(kind, vmId, requestId, actorId, json.writeValueAsString(payload));
        dispatchAfterCommit();
        return id;
    }

    /**
     * Queues a host operation ({@link OperationKind#onHost()}) on {@code hostId} in the caller's
     * transaction; the dispatcher sends it once that transaction commits.
     *
     * @return the operation's id
     * @throws org.springframework.dao.DuplicateKeyException when the host has an open operation already
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long queueOnHost(OperationKind kind, String hostId, Long actorId) {
        if (!kind.onHost()) {
            throw new IllegalArgumentException(kind + " is not a host operation");
        }
        long id = operations.insertHost(kind, hostId, actorId);
        dispatchAfterCommit();
        return id;
    }

    /** The open host operations, oldest first. */
    @Transactional(readOnly = true)
    public List<Operation> openOnHosts() {
        return operations.openOnHosts();
    }

    /** The newest operation on a host, if any. */
    @Transactional(readOnly = true)
    public Optional<Operation> latestOnHost(String hostId) {
        return operations.latestOnHost(hostId);
    }

    /** Open operations on a VM, oldest first. */
    @Transactional(readOnly = true)
    public List<Operation> openFor(String vmId) {
        return operations.openFor(vmId);
    }

    /** The newest operation on a VM, if any. */
    @Transactional(readOnly = true)
    public Optional<Operation> latestFor(String vmId) {
        return operations.latestFor(vmId);
    }

    /** The newest {@code limit} operations on a VM, newest first: its history for the VM's page. */
    @Transactional(readOnly = true)
    public List<VmOperationEntry> historyFor(String vmId, int limit) {
        return operations.historyFor(vmId, limit);
    }

    /** The operations of a request, oldest first. */
    @Transactional(readOnly = true)
    public List<Operation> forRequest(long requestId) {
        return operations.forRequest(requestId);
    }

    /** One operation. */
    @Transactional(readOnly = true)
    public Optional<Operation> find(long id) {
        return operations.find(id);
    }

    /** How many operations wait for the platform to come back. */
    @Transactional(readOnly = true)
    public int waitingForPlatform() {
        return operations.countWaitingForPlatform();
    }

    /**
     * Finishes an open operation and publishes its {@link OperationOutcome}; does nothing
     * when it has finished already.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void finish(long id, boolean success, String code, String info) {
        finisher.finish(id, success, code, info);
    }

    private void dispatchAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.wake();
                }
            });
        }
    }
}
