package io.vsip4x.sdk;

import io.vsip4x.sdk.model.BackupVmSpec;
import io.vsip4x.sdk.model.BuildTemplateSpec;
import io.vsip4x.sdk.model.BuiltTemplate;
import io.vsip4x.sdk.model.CreateVmSpec;
import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.sdk.model.ImageInfo;
import io.vsip4x.sdk.model.InstallVmSpec;
import io.vsip4x.sdk.model.ModifyVmSpec;
import io.vsip4x.sdk.model.Monitoring;
import io.vsip4x.sdk.model.NetworkInfo;
import io.vsip4x.sdk.model.OperateLogEntry;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.PoolMonitor;
import io.vsip4x.sdk.model.Remainder;
import io.vsip4x.sdk.model.RestoreVmSpec;
import io.vsip4x.sdk.model.SnapshotInfo;
import io.vsip4x.sdk.model.StorageNodeInfo;
import io.vsip4x.sdk.model.SystemInfo;
import io.vsip4x.sdk.model.TemplateInfo;
import io.vsip4x.sdk.model.TemplateSync;
import io.vsip4x.sdk.model.VmNumAvailable;
import io.vsip4x.sdk.model.VmNumQuery;
import io.vsip4x.sdk.model.VmSummary;
import io.vsip4x.sdk.ukey.UkeyLoginAnswer;
import io.vsip4x.sdk.ukey.UkeyLoginRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Vsip4x SDK as typed Java methods. Every method may throw
 * {@link Vsip4xUnreachableException} when the platform cannot be reached and
 * {@link Vsip4xProtocolException} when its answer does not follow the binding; a platform
 * refusal is not an exception but a non-zero {@link SdkResult#code()}.
 */
public interface Vsip4xClient extends VmDeviceClient, GuestClient {

    /**
     * Calls any SDK method by name with positional arguments and returns the raw answer
     * (a map, a list, or {@code null}) with trimmed keys.
     */
    Object call(String method, Object... args);

    /** {@code searchVmList}: VMs matching {@code filter} (keys vmId, repoName, vmIdList, serverstatus). */
    List<VmSummary> searchVmList(Map<String, Object> filter);

    /** {@code createVm} (queued): accepted when the result is 0; completion comes by callback. */
    SdkResult createVm(CreateVmSpec spec);

    /** {@code getCreateRemainder}: whether pool {@code poolName} has room for {@code spec}. */
    Remainder getCreateRemainder(CreateVmSpec spec, String poolName);

    /** {@code startVm} (asynchronous). */
    SdkResult startVm(String vmId);

    /** {@code shutdownVm} (asynchronous). */
    SdkResult shutdownVm(String vmId);

    /** {@code rebootVm} (asynchronous). */
    SdkResult rebootVm(String vmId);

    /** {@code pauseVm} (asynchronous): a running VM becomes paused (status 4), completing with 2012. */
    SdkResult pauseVm(String vmId);

    /** {@code resumeVm} (asynchronous): a paused VM runs again (status 1), completing with 2013. */
    SdkResult resumeVm(String vmId);

    /**
     * {@code deleteVm} (asynchronous): removes the VM; completion (2014) comes by callback.
     *
     * @param secureErase whether the platform wipes the disk data first (status 11 meanwhile)
     */
    SdkResult deleteVm(String vmId, boolean secureErase);

    /** {@code deleteVm} without secure erase. */
    default SdkResult deleteVm(String vmId) {
        return deleteVm(vmId, false);
    }

    /**
     * {@code deleteVmBatch} (asynchronous): removes every VM of {@code vmIds}, each as
     * {@link #deleteVm}; the answer is one code for the whole batch (the spec gives no per-VM
     * results), completion comes by one callback per VM.
     */
    SdkResult deleteVmBatch(List<String> vmIds, boolean secureErase);

    /**
     * {@code getModifyRemainder}: whether the VM's host and pool have room for {@code spec}.
     * The answer has no {@code availableNum}, so {@link Remainder#availableNum()} is -1.
     */
    Remainder getModifyRemainder(ModifyVmSpec spec);

    /** {@code modifyVm} (queued): accepted when the result is 0; completion (2017) comes by callback. */
    SdkResult modifyVm(ModifyVmSpec spec);

    /** {@code getCreateVmNumAvailable}: how many VMs of the shape of {@code query} its pool can create. */
    VmNumAvailable getCreateVmNumAvailable(VmNumQuery query);

    /** {@code resynVm}: the VM's current status as {@code status} in the answer. */
    SdkResult resynVm(String vmId);

    /** {@code searchTemplateList}: templates matching {@code filter} (templateId, repoName). */
    List<TemplateInfo> searchTemplateList(Map<String, Object> filter);

    /**
     * {@code syncVmTemplate}: whether the platform has template {@code templateId}, with its
     * disk size when it has.
     */
    TemplateSync syncVmTemplate(String templateId);

    /** {@code searchRepository}: resource pools that can run VMs. */
    List<PoolInfo> searchRepository(Map<String, Object> filter);

    /** {@code getVirtualNetwork}: networks of pool {@code repoId}, or of all pools when null. */
    List<NetworkInfo> getVirtualNetwork(String repoId);

    /** {@code searchHostList}: hosts matching {@code filter}. */
    List<HostInfo> searchHostList(Map<String, Object> filter);

    /**
     * {@code startHost} (asynchronous): a shut-down host runs again. Completion comes by a host
     * event ({@code vmId} empty, {@code hostId} set): 3000, or 3020 when it failed.
     */
    SdkResult startHost(String hostId);

    /**
     * {@code shutdownHost} (asynchronous): a running host is shut down and takes no new VMs.
     * Completion comes by a host event ({@code vmId} empty, {@code hostId} set): 3001, or 3021
     * when it failed.
     */
    SdkResult shutdownHost(String hostId);

    /**
     * {@code searchDistributedFS}: the distributed storage nodes of pool {@code repoName}, or of
     * the platform's default pool when {@code null}.
     *
     * @throws Vsip4xProtocolException also when the platform refuses (e.g. 4020, unknown pool)
     */
    List<StorageNodeInfo> searchDistributedFS(String repoName);

    /** {@code searchInstallImages}: ISO images, of OS type {@code type} when not null. */
    List<ImageInfo> searchInstallImages(String type);

    /** {@code getSystemInfo}: the platform version and licence expiry. */
    SystemInfo getSystemInfo();

    /**
     * {@code getRepositoryInfo}: pool {@code repoName}, named by name as the spec says or by id
     * (catalog A05); empty when the platform knows no such pool (its answer has no id).
     */
    Optional<PoolInfo> getRepositoryInfo(String repoName);

    /**
     * {@code getRepositoryMonitor}: pool {@code repoName} (name or id) with its VMs, hosts and
     * statistics; empty when the platform knows no such pool (its answer has no pool id).
     */
    Optional<PoolMonitor> getRepositoryMonitor(String repoName);

    /**
     * {@code searchRepoHosts}: the ids of the hosts of pool {@code repoId} (id or name); empty
     * for an unknown pool, as the answer has no result code (catalog A17).
     */
    List<String> searchRepoHosts(String repoId);

    /**
     * {@code getHostMonitorInfo}: a monitoring sample per host of {@code hostIds}. A refusal
     * (unknown or stopped host) is a non-zero code in {@link Monitoring#result()}.
     */
    Monitoring getHostMonitorInfo(List<String> hostIds);

    /**
     * {@code getVmMonitorInfo}: a monitoring sample per VM of {@code vmIds}. A refusal (unknown
     * VM) is a non-zero code in {@link Monitoring#result()}.
     */
    Monitoring getVmMonitorInfo(List<String> vmIds);

    /** The connection settings in force now, as the setters left them. */
    Vsip4xSettings settings();

    /**
     * {@code setIpAddress}: the address of the resource control service, sent with every later
     * call. Configures the client only; makes no call. Thread-safe, effective from the next call.
     */
    void setIpAddress(String ipAddress);

    /**
     * {@code setConnectUrl}: the base URL of the REST service later calls go to. Configures the
     * client only; makes no call.
     *
     * @throws IllegalArgumentException when {@code connectUrl} is blank or not an absolute URL
     */
    void setConnectUrl(String connectUrl);

    /**
     * {@code setAccountName}: the account of later calls. Configures the client only; makes no
     * call, so a wrong account shows only on the next call (HTTP 401).
     *
     * @throws IllegalArgumentException when blank
     */
    void setAccountName(String accountName);

    /**
     * {@code setAccountPassword}: the password of later calls; never logged or shown. Configures
     * the client only; makes no call, so a wrong password shows only on the next call (HTTP 401).
     *
     * @throws IllegalArgumentException when {@code null}
     */
    void setAccountPassword(String accountPassword);

    /**
     * {@code setPrivateKey}: the portal's SM2 private key as PEM, or {@code null} to remove it.
     * While set, every call is signed with it and {@link #ukeyLogin} answers are opened with it
     * (catalog A43: optional, certificate authentication only). Configures the client only;
     * makes no call; the key is never logged or shown.
     *
     * @throws IllegalArgumentException when {@code privateKey} is not an SM2 private key in PEM
     */
    void setPrivateKey(String privateKey);

    /** The detail section's spelling of {@link #setPrivateKey} (catalog A02). */
    default void setPrivatekey(String privateKey) {
        setPrivateKey(privateKey);
    }

    /** The example code's name for {@link #setConnectUrl} (catalog A03). */
    default void setPath(String connectUrl) {
        setConnectUrl(connectUrl);
    }

    /** The example code's name for {@link #setAccountName} (catalog A03). */
    default void setAccount(String accountName) {
        setAccountName(accountName);
    }

    /** The example code's name for {@link #setAccountPassword} (catalog A03). */
    default void setPassword(String accountPassword) {
        setAccountPassword(accountPassword);
    }

    /**
     * The platform's SM2 public key as PEM, which {@link #ukeyLogin} seals requests for; not an
     * SDK method but our binding's sixth setting. Configures the client only; makes no call.
     *
     * @throws IllegalArgumentException when {@code publicKey} is not an SM2 public key in PEM
     */
    void setPlatformPublicKey(String publicKey);

    /**
     * {@code operateLog} (asynchronous, no callback; catalog A40): hands one audit record to the
     * platform. Code 0 when accepted, 2003 when a value has the wrong type or a required one
     * ({@code username}, {@code operate}, {@code result}) is missing.
     */
    SdkResult operateLog(OperateLogEntry entry);

    /**
     * {@code ukeyLogin}: seals {@code request} for the platform's public key (the UKEY envelope of
     * the binding), sends it, opens the answer with the portal's private key and checks that it
     * answers this request ({@code sid}, {@code challenge}) and carries the platform's signature
     * (verified with the platform's public key). A refusal is a non-zero code: 1001 unknown key
     * (certificate user or sid), 1003 bad signature, a certificate not valid now, or a challenge
     * that is expired, foreign or used before, 2003 an envelope the platform cannot open, 9999 a
     * platform without the portal's public key (catalog A37: the envelope is our binding's).
     *
     * @throws IllegalStateException     when the private key or the platform's public key is not set
     * @throws Vsip4xProtocolException   when the answer cannot be opened with the private key,
     *                                   answers another request, or is not signed by the platform
     */
    UkeyLoginAnswer ukeyLogin(UkeyLoginRequest request);

    /**
     * {@code createSnap}: accepts a snapshot of VM {@code vmId}'s disks (asynchronous: {@code "0"}
     * means accepted; the snapshot shows in {@link #getVmSnaps} once done, and the simulator's
     * event names its {@code snapId}). Refusals include 2004 (unknown VM) and 2052 (an operation
     * is in flight, or the VM is neither stopped nor running). The completion is 9003 or 9004.
     */
    SdkResult createSnap(String vmId);

    /**
     * {@code deleteSnap}: accepts the deletion of snapshot {@code snapId} of VM {@code vmId}
     * (asynchronous). Refusals include 2004, 2003 (no such snapshot of that VM: the spec has no
     * code of its own) and 2052. The completion is 9003 or 9004.
     */
    SdkResult deleteSnap(String vmId, String snapId);

    /**
     * {@code restoreSnap}: accepts reverting VM {@code vmId} to snapshot {@code snapId}
     * (asynchronous). Refusals include 2004, 2003 (no such snapshot), 2052 and 2049 (the VM is
     * not stopped; the spec is silent, the simulator asks for it). The completion is 9003 or 9004.
     */
    SdkResult restoreSnap(String vmId, String snapId);

    /**
     * {@code getVmSnaps}: the snapshots of VM {@code vmId}, read from the spec's upper-case keys
     * or their camel-case spellings (catalog A26).
     *
     * @throws Vsip4xProtocolException also when the platform refuses, e.g. with 2004 for an
     *                                 unknown VM (catalog A17)
     */
    List<SnapshotInfo> getVmSnaps(String vmId);

    /**
     * {@code backupVm}: accepts a backup (queued: {@code "0"} means accepted). The VM shows status
     * 8 (12 when backed up running) and is locked meanwhile; the completion event, 2015 or 2058,
     * carries the backup in its {@code detail} ({@link io.vsip4x.sdk.model.BackupInfo}, catalog
     * A23). Refusals include 2003 (invalid parameters), 2004, 2052, 2050 (a memory snapshot of a
     * VM not running) and 2058 (no storage for the backup).
     */
    SdkResult backupVm(BackupVmSpec spec);

    /**
     * {@code restoreVm}: accepts restoring a stopped VM from a backup, where it is or into another
     * pool or onto another host (queued). The VM shows status 9 and is locked meanwhile; the
     * completion is 2016 or 2059. Refusals include 2003, 2004, 2057 (no such backup of that VM),
     * 2049 (not stopped), 2052, 4020 (unknown pool), 2046 (unknown host or one outside the pool)
     * and 2002 (no room there).
     */
    SdkResult restoreVm(RestoreVmSpec spec);

    /**
     * {@code deleteBackup}: accepts the deletion of backup {@code backupId} of VM {@code vmId},
     * sent as {@code snapshotId} (catalog A23; asynchronous). Refusals include 2003, 2004, 2057
     * (no such backup of that VM) and 2052. The completion is 9003 or 9004.
     */
    SdkResult deleteBackup(String vmId, String backupId);

    /**
     * {@code migrateVm} (asynchronous): moves VM {@code vmId}, stopped or running, to host
     * {@code hostId} of its own pool (catalog A57). The VM shows status 7 meanwhile; completion
     * comes by callback with 2018 and the new host, or 2069 with the VM back where it was.
     * Refusals include 2003 (blank id), 2004 (unknown VM), 2052 (busy, or neither stopped nor
     * running), 3022 (unknown host), 2046 (the VM's own host, or one of another pool), 3023 (the
     * host is not running) and 2002 (no room on the host).
     */
    SdkResult migrateVm(String vmId, String hostId);

    /**
     * {@code moveVm} (asynchronous): moves stopped VM {@code vmId} with its disk to host
     * {@code hostId} of pool {@code repoId} (catalog A57), with status 7 meanwhile and completion
     * as for {@link #migrateVm}. Refusals include 2003 (blank value, or a NIC's network not in
     * the pool), 2004, 2049 (not stopped), 2052 (busy, or a data disk mounted while the pool
     * changes), 4020 (unknown pool), 3022, 2046 (host of another pool, or no change), 3023 and
     * 2002 (no room on the host or in the pool's storage).
     */
    SdkResult moveVm(String vmId, String hostId, String repoId);

    /**
     * {@code setVmAttributes}: sets attribute {@code attrName} to {@code attrValue} on every VM
     * of {@code vmNames}, or on none. VMs are named by name, which the simulator takes as the id
     * too (catalog A21). Attributes: {@code vm.classification}, {@code vm.vcpu.max},
     * {@code vm.memory.maxmem}, {@code usbEnable}; {@code searchVmList} shows them under their
     * keys. Refusals include 2003 (empty list, unknown attribute, value out of range) and 2004.
     */
    SdkResult setVmAttributes(List<String> vmNames, String attrName, Object attrValue);

    /**
     * {@code buildTemplate} (synchronous, catalog A22): makes a template of stopped VM
     * {@code vmId} in its pool, listed by {@code searchTemplateList} and usable by
     * {@code createVm}. Refusals include 2003 (bad options), 2004, 2049 (not stopped), 2052
     * (busy) and 2005 (the build failed).
     */
    BuiltTemplate buildTemplate(String vmId, BuildTemplateSpec spec);

    /**
     * {@code installVm} (queued): installs a new VM from an image, like {@code createVm}: the
     * VM appears in status 6, and completion (status 0, result 0; or 2000) comes by callback.
     * Refusals include 2003 (parameters), 2001 (id taken), 4020 (unknown pool), 2062 (unknown
     * image, or one of another pool) and 2002 (no room).
     */
    SdkResult installVm(InstallVmSpec spec);
}
