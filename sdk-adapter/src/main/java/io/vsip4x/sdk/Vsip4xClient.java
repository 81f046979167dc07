package io.vsip4x.sdk;

import io.vsip4x.sdk.model.CreateVmSpec;
import io.vsip4x.sdk.model.HostInfo;
import io.vsip4x.sdk.model.ImageInfo;
import io.vsip4x.sdk.model.NetworkInfo;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.Remainder;
import io.vsip4x.sdk.model.TemplateInfo;
import io.vsip4x.sdk.model.VmSummary;
import java.util.List;
import java.util.Map;

/**
 * The Vsip4x SDK as typed Java methods. Every method may throw
 * {@link Vsip4xUnreachableException} when the platform cannot be reached and
 * {@link Vsip4xProtocolException} when its answer does not follow the binding; a platform
 * refusal is not an exception but a non-zero {@link SdkResult#code()}.
 */
public interface Vsip4xClient {

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

    /** {@code resynVm}: the VM's current status as {@code status} in the answer. */
    SdkResult resynVm(String vmId);

    /** {@code searchTemplateList}: templates matching {@code filter} (templateId, repoName). */
    List<TemplateInfo> searchTemplateList(Map<String, Object> filter);

    /** {@code searchRepository}: resource pools that can run VMs. */
    List<PoolInfo> searchRepository(Map<String, Object> filter);

    /** {@code getVirtualNetwork}: networks of pool {@code repoId}, or of all pools when null. */
    List<NetworkInfo> getVirtualNetwork(String repoId);

    /** {@code searchHostList}: hosts matching {@code filter}. */
    List<HostInfo> searchHostList(Map<String, Object> filter);

    /** {@code searchInstallImages}: ISO images, of OS type {@code type} when not null. */
    List<ImageInfo> searchInstallImages(String type);
}
