package io.vsip4x.sdk;

import io.vsip4x.sdk.model.BackupVmSpec;
import io.vsip4x.sdk.model.BuildTemplateSpec;
import io.vsip4x.sdk.model.BuiltTemplate;
import io.vsip4x.sdk.model.CreateDataDiskSpec;
import io.vsip4x.sdk.model.CreateVmSpec;
import io.vsip4x.sdk.model.DataDiskInfo;
import io.vsip4x.sdk.model.DeviceList;
import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.sdk.model.ImageInfo;
import io.vsip4x.sdk.model.ImageMount;
import io.vsip4x.sdk.model.InstallVmSpec;
import io.vsip4x.sdk.model.ModifyVmSpec;
import io.vsip4x.sdk.model.Monitoring;
import io.vsip4x.sdk.model.NetworkInfo;
import io.vsip4x.sdk.model.OperateLogEntry;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.PoolMonitor;
import io.vsip4x.sdk.model.Remainder;
import io.vsip4x.sdk.model.RemoteControlInfo;
import io.vsip4x.sdk.model.RemoteViewType;
import io.vsip4x.sdk.model.RestoreVmSpec;
import io.vsip4x.sdk.model.SnapshotInfo;
import io.vsip4x.sdk.model.StorageNodeInfo;
import io.vsip4x.sdk.model.SystemInfo;
import io.vsip4x.sdk.model.TemplateInfo;
import io.vsip4x.sdk.model.TemplateSync;
import io.vsip4x.sdk.model.VdiskInfo;
import io.vsip4x.sdk.model.VmNumAvailable;
import io.vsip4x.sdk.model.VmNumQuery;
import io.vsip4x.sdk.model.VmSummary;
import io.vsip4x.sdk.model.VnicInfo;
import io.vsip4x.sdk.model.VnicSpec;
import io.vsip4x.sdk.ukey.UkeyExchange;
import io.vsip4x.sdk.ukey.UkeyLoginAnswer;
import io.vsip4x.sdk.ukey.UkeyLoginRequest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The typed methods of {@link Vsip4xClient}, read from the raw answers of {@link #call}: the
 * HTTP binding and the vendor's SDK class differ only in how they make that call.
 */
public abstract class AbstractVsip4xClient implements Vsip4xClient {

    private final ClientSettings connection;

    /** A client whose settings are not managed here: the setters throw {@link IllegalStateException}. */
    protected AbstractVsip4xClient() {
        this(null);
    }

    /**
     * A client starting with {@code initial}, which the setters then change.
     *
     * @throws IllegalArgumentException when its private key is not an SM2 private key in PEM
     */
    protected AbstractVsip4xClient(Vsip4xSettings initial) {
        this.connection = new ClientSettings(initial);
    }

    @Override
    public Vsip4xSettings settings() {
        return connection.settings();
    }

    /** The SM2 key that signs calls, from the private key setting, or {@code null}. */
    protected PrivateKey signingKey() {
        return connection.signingKey();
    }

    @Override
    public void setIpAddress(String ipAddress) {
        connection.setIpAddress(ipAddress);
    }

    @Override
    public void setConnectUrl(String connectUrl) {
        connection.setConnectUrl(connectUrl);
    }

    @Override
    public void setAccountName(String accountName) {
        connection.setAccountName(accountName);
    }

    @Override
    public void setAccountPassword(String accountPassword) {
        connection.setAccountPassword(accountPassword);
    }

    @Override
    public void setPrivateKey(String privateKey) {
        connection.setPrivateKey(privateKey);
    }

    @Override
    public void setPlatformPublicKey(String publicKey) {
        connection.setPlatformPublicKey(publicKey);
    }

    /** Calls {@code method} and reads its answer as a result map. */
    protected SdkResult result(String method, Object... args) {
        return Answers.result(method, call(method, args));
    }

    /** Calls {@code method} and reads its answer as a list of {@code reader}'s rows (catalog A16, A17). */
    protected <T> List<T> list(String method, Function<Map<String, Object>, T> reader, Object... args) {
        return Answers.list(method, call(method, args), reader);
    }

    @Override
    public List<VmSummary> searchVmList(Map<String, Object> filter) {
        return list("searchVmList", VmSummary::from, filter);
    }

    @Override
    public SdkResult createVm(CreateVmSpec spec) {
        return result("createVm", spec.toParams());
    }

    @Override
    public Remainder getCreateRemainder(CreateVmSpec spec, String poolName) {
        return Remainder.from(result("getCreateRemainder", spec.toRemainderParams(poolName)));
    }

    @Override
    public SdkResult startVm(String vmId) {
        return result("startVm", vmId);
    }

    @Override
    public SdkResult shutdownVm(String vmId) {
        return result("shutdownVm", vmId);
    }

    @Override
    public SdkResult rebootVm(String vmId) {
        return result("rebootVm", vmId);
    }

    @Override
    public SdkResult pauseVm(String vmId) {
        return result("pauseVm", vmId);
    }

    @Override
    public SdkResult resumeVm(String vmId) {
        return result("resumeVm", vmId);
    }

    @Override
    public SdkResult deleteVm(String vmId, boolean secureErase) {
        return result("deleteVm", vmId, secureErase);
    }

    @Override
    public SdkResult deleteVmBatch(List<String> vmIds, boolean secureErase) {
        return result("deleteVmBatch", List.copyOf(vmIds), secureErase);
    }

    @Override
    public Remainder getModifyRemainder(ModifyVmSpec spec) {
        return Remainder.from(result("getModifyRemainder", spec.toRemainderParams()));
    }

    @Override
    public SdkResult modifyVm(ModifyVmSpec spec) {
        return result("modifyVm", spec.toParams());
    }

    @Override
    public VmNumAvailable getCreateVmNumAvailable(VmNumQuery query) {
        return VmNumAvailable.from(result("getCreateVmNumAvailable", query.toParams()));
    }

    @Override
    public SdkResult resynVm(String vmId) {
        return result("resynVm", vmId);
    }

    @Override
    public List<TemplateInfo> searchTemplateList(Map<String, Object> filter) {
        return list("searchTemplateList", TemplateInfo::from, filter);
    }

    @Override
    public TemplateSync syncVmTemplate(String templateId) {
        return TemplateSync.from(result("syncVmTemplate", templateId));
    }

    @Override
    public List<PoolInfo> searchRepository(Map<String, Object> filter) {
        return list("searchRepository", PoolInfo::from, filter);
    }

    @Override
    public List<NetworkInfo> getVirtualNetwork(String repoId) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (repoId != null) {
            params.put("repoId", repoId);
        }
        return list("getVirtualNetwork", NetworkInfo::from, params);
    }

    @Override
    public List<HostInfo> searchHostList(Map<String, Object> filter) {
        return list("searchHostList", HostInfo::from, filter);
    }

    @Override
    public SdkResult startHost(String hostId) {
        return result("startHost", hostId);
    }

    @Override
    public SdkResult shutdownHost(String hostId) {
        return result("shutdownHost", hostId);
    }

    @Override
    public List<StorageNodeInfo> searchDistributedFS(String repoName) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (repoName != null) {
            params.put("repoName", repoName);
        }
        return list("searchDistributedFS", StorageNodeInfo::from, params);
    }

    @Override
    public List<ImageInfo> searchInstallImages(String type) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (type != null) {
            params.put("type", type);
        }
        return list("searchInstallImages", ImageInfo::from, params);
    }

    @Override
    public SystemInfo getSystemInfo() {
        return SystemInfo.from(result("getSystemInfo"));
    }

    @Override
    public Optional<PoolInfo> getRepositoryInfo(String repoName) {
        PoolInfo pool = PoolInfo.from(result("getRepositoryInfo", repoName).raw());
        return Optional.ofNullable(pool.repositoryId()).map(id -> pool);
    }

    @Override
    public Optional<PoolMonitor> getRepositoryMonitor(String repoName) {
        PoolMonitor monitor = PoolMonitor.from(result("getRepositoryMonitor", repoName).raw());
        return Optional.ofNullable(monitor.pool().repositoryId()).map(id -> monitor);
    }

    @Override
    public List<String> searchRepoHosts(String repoId) {
        Object hostIds = result("searchRepoHosts", repoId).raw().get("hostIds");
        if (hostIds instanceof List<?> ids) {
            return ids.stream().filter(id -> id != null).map(String::valueOf).toList();
        }
        return List.of();
    }

    @Override
    public Monitoring getHostMonitorInfo(List<String> hostIds) {
        return Monitoring.from(result("getHostMonitorInfo", List.copyOf(hostIds)));
    }

    @Override
    public Monitoring getVmMonitorInfo(List<String> vmIds) {
        return Monitoring.from(result("getVmMonitorInfo", List.copyOf(vmIds)));
    }

    @Override
    public List<DataDiskInfo> getDataDisks(List<String> diskIds) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (diskIds != null) {
            params.put("diskIdList", List.copyOf(diskIds));
        }
        return list("getDataDisks", DataDiskInfo::from, params);
    }

    @Override
    public SdkResult createDataDisk(CreateDataDiskSpec spec) {
        return result("createDataDisk", spec.toParams());
    }

    @Override
    public long checkDataDiskSpace() {
        SdkResult result = result("checkDataDiskSpace");
        if (!result.ok()) {
            throw new Vsip4xProtocolException("checkDataDiskSpace", 200,
                    "The platform refused checkDataDiskSpace with code " + result.code());
        }
        return SdkMaps.number(result.raw(), 0, "data");
    }

    @Override
    public SdkResult mountDataDisk(String vmId, String diskId) {
        return result("mountDataDisk", vmId, diskId);
    }

    @Override
    public SdkResult umountDataDisk(String vmId, String diskId) {
        return result("umountDataDisk", vmId, diskId);
    }

    @Override
    public SdkResult extendDataDisk(String diskId, long incrementBytes) {
        return result("extendDataDisk", diskId, String.valueOf(incrementBytes));
    }

    @Override
    public SdkResult deleteDataDisk(String diskId) {
        return result("deleteDataDisk", diskId);
    }

    @Override
    public SdkResult operateLog(OperateLogEntry entry) {
        return result("operateLog", entry.toParams());
    }

    @Override
    public UkeyLoginAnswer ukeyLogin(UkeyLoginRequest request) {
        PublicKey platform = connection.platformKey();
        PrivateKey own = signingKey();
        if (platform == null || own == null) {
            throw new IllegalStateException("ukeyLogin needs the private key and the platform's public key");
        }
        return UkeyExchange.open(call("ukeyLogin", UkeyExchange.seal(request, platform)), request, own, platform);
    }

    @Override
    public RemoteControlInfo getRemoteControlInfo(String vmId) {
        return RemoteControlInfo.from(result("getRemoteControlInfo", vmId).raw());
    }

    @Override
    public SdkResult setRemoteViewType(String vmId, String type) {
        return result("setRemoteViewType", vmId, type);
    }

    @Override
    public RemoteViewType getRemoteViewType(String vmId) {
        return RemoteViewType.from(result("getRemoteViewType", vmId));
    }

    @Override
    public SdkResult pushFileContent(String vmId, String content, String path) {
        return result("pushFileContent", vmId, content, path);
    }

    @Override
    public SdkResult loginVmOS(String vmId, String username, String credential) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("vmId", vmId);
        params.put("username", username);
        params.put("credential", credential);
        return result("loginVmOS", params);
    }

    @Override
    public SdkResult lockVmOS(String vmId) {
        return result("lockVmOS", Map.of("vmId", vmId));
    }

    @Override
    public SdkResult logoutVmOS(String vmId) {
        return result("logoutVmOS", Map.of("vmId", vmId));
    }

    @Override
    public SdkResult executeGATask(String vmName, String taskName, Map<String, Object> params) {
        return result("executeGATask", vmName, taskName, params == null ? Map.of() : params);
    }

    @Override
    public SdkResult addVmNetwork(String vmId, VnicSpec nic) {
        return result("addVmNetwork", vmId, nic.toParams());
    }

    @Override
    public SdkResult setVmNetwork(String vmId, VnicSpec nic) {
        return result("setVmNetwork", vmId, nic.toParams());
    }

    @Override
    public DeviceList<VdiskInfo> getVmVdisks(String vmId) {
        return devices("getVmVdisks", VdiskInfo::from, vmId);
    }

    @Override
    public DeviceList<VnicInfo> getVmVnics(String vmId) {
        return devices("getVmVnics", VnicInfo::from, vmId);
    }

    @Override
    public SdkResult vmAddVirtualCdrom(String vmId) {
        return result("vmAddVirtualCdrom", vmId);
    }

    @Override
    public ImageMount vmMountImage(String vmId, String imageId) {
        return ImageMount.from(result("vmMountImage", vmId, imageId));
    }

    @Override
    public SdkResult vmUnmountImage(String vmId, String cdromId) {
        return result("vmUnmountImage", vmId, cdromId);
    }

    /** Reads the {@code data} list of a result map, which a refusal leaves out. */
    private <T> DeviceList<T> devices(String method, Function<Map<String, Object>, T> reader, String vmId) {
        SdkResult result = result(method, vmId);
        List<T> devices = result.ok() ? SdkMaps.maps(result.raw(), "data").stream().map(reader).toList() : List.of();
        return new DeviceList<>(result, devices);
    }

    @Override
    public SdkResult createSnap(String vmId) {
        return result("createSnap", vmId);
    }

    @Override
    public SdkResult deleteSnap(String vmId, String snapId) {
        return result("deleteSnap", vmId, snapId);
    }

    @Override
    public SdkResult restoreSnap(String vmId, String snapId) {
        return result("restoreSnap", vmId, snapId);
    }

    @Override
    public List<SnapshotInfo> getVmSnaps(String vmId) {
        return list("getVmSnaps", SnapshotInfo::from, vmId);
    }

    @Override
    public SdkResult backupVm(BackupVmSpec spec) {
        return result("backupVm", spec.toParams());
    }

    @Override
    public SdkResult restoreVm(RestoreVmSpec spec) {
        return result("restoreVm", spec.toParams());
    }

    @Override
    public SdkResult deleteBackup(String vmId, String backupId) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("vmId", vmId);
        params.put("snapshotId", backupId);
        return result("deleteBackup", params);
    }

    @Override
    public SdkResult migrateVm(String vmId, String hostId) {
        return result("migrateVm", vmId, hostId);
    }

    @Override
    public SdkResult moveVm(String vmId, String hostId, String repoId) {
        return result("moveVm", vmId, hostId, repoId);
    }

    @Override
    public SdkResult setVmAttributes(List<String> vmNames, String attrName, Object attrValue) {
        return result("setVmAttributes", List.copyOf(vmNames), attrName, attrValue);
    }

    @Override
    public BuiltTemplate buildTemplate(String vmId, BuildTemplateSpec spec) {
        return BuiltTemplate.from(result("buildTemplate", vmId, spec.toParams()));
    }

    @Override
    public SdkResult installVm(InstallVmSpec spec) {
        return result("installVm", spec.toParams());
    }
}
