package io.vsip4x.sdk;

import io.vsip4x.sdk.model.CreateDataDiskSpec;
import io.vsip4x.sdk.model.DataDiskInfo;
import io.vsip4x.sdk.model.DeviceList;
import io.vsip4x.sdk.model.ImageMount;
import io.vsip4x.sdk.model.VdiskInfo;
import io.vsip4x.sdk.model.VnicInfo;
import io.vsip4x.sdk.model.VnicSpec;
import java.util.List;

/** The SDK methods for a VM's devices: NICs, disks, CD-ROM drives and images, and the data disks. */
public interface VmDeviceClient {

    /**
     * {@code addVmNetwork}: adds NIC {@code nic} to VM {@code vmId}, stopped or running (the NIC
     * is hot-plugged into a running VM). Refusals: 2004 (unknown VM), 2003 (a value breaks the
     * rules of {@link VnicSpec}, the network is unknown or not open to the VM's pool, or the MAC
     * or fixed address is taken), 2052 (the VM is neither stopped nor running, or busy), 2066 (no
     * free address left in the network for DHCP).
     */
    SdkResult addVmNetwork(String vmId, VnicSpec nic);

    /**
     * {@code setVmNetwork}: gives the NIC of VM {@code vmId} with MAC {@code nic.macAddress()}
     * the network and addresses of {@code nic}; with no address, DHCP keeps the NIC's address
     * when it stays on its network, else assigns a new one. Refusals: 2004, 2060 (the VM has no
     * NIC with that MAC), 2003, 2052 and 2066 as for {@link #addVmNetwork}.
     */
    SdkResult setVmNetwork(String vmId, VnicSpec nic);

    /**
     * {@code getVmVdisks}: the system disk, the mounted data disks and the CD-ROM drives of VM
     * {@code vmId} (drives added while it ran only after its next boot, catalog A25); see
     * {@link io.vsip4x.sdk.model.CdromInfo#of} for the drives. Refusal: 2004 (unknown VM).
     */
    DeviceList<VdiskInfo> getVmVdisks(String vmId);

    /** {@code getVmVnics}: the NICs of VM {@code vmId}. Refusal: 2004 (unknown VM). */
    DeviceList<VnicInfo> getVmVnics(String vmId);

    /**
     * {@code vmAddVirtualCdrom}: adds an empty CD-ROM drive to VM {@code vmId}; the answer names
     * no drive and a running VM sees it after its next boot (catalog A25). Refusals: 2004, 2068
     * (the VM has 4 drives already), 2052 (the VM is neither stopped nor running, or busy).
     */
    SdkResult vmAddVirtualCdrom(String vmId);

    /**
     * {@code vmMountImage}: puts image {@code imageId} (from {@code searchInstallImages}) into
     * the first empty CD-ROM drive of VM {@code vmId}, at once; keep
     * {@link ImageMount#cdImageId()} for {@link #vmUnmountImage} (catalog A25). Refusals: 2004,
     * 2062 (unknown image), 2003 (the image is in another pool), 2070 (no empty drive), 2052.
     */
    ImageMount vmMountImage(String vmId, String imageId);

    /**
     * {@code vmUnmountImage}: ejects the image from drive {@code cdromId} (the {@code cdImageId}
     * of the mount) of VM {@code vmId}; a running VM's drive empties at its next boot (catalog
     * A25). Refusals: 2004, 2071 (the VM has no such drive or it holds no image), 2052.
     */
    SdkResult vmUnmountImage(String vmId, String cdromId);

    /**
     * {@code getDataDisks}: the data disks named in {@code diskIds}, or all of them when
     * {@code null}.
     *
     * @throws Vsip4xProtocolException also when the platform refuses
     */
    List<DataDiskInfo> getDataDisks(List<String> diskIds);

    /**
     * {@code createDataDisk}: creates a data disk. Refusals include 2003 (missing value or a size
     * not a whole number of GiB), 2054 (name taken), 2002 (no room) and 4020 (unknown pool).
     */
    SdkResult createDataDisk(CreateDataDiskSpec spec);

    /**
     * {@code checkDataDiskSpace}: the free storage for data disks, in bytes.
     *
     * @throws Vsip4xProtocolException also when the platform refuses
     */
    long checkDataDiskSpace();

    /**
     * {@code mountDataDisk}: mounts data disk {@code diskId} on VM {@code vmId} of its pool.
     * Refusals include 2004 (unknown VM), 2055 (unknown disk), 2054 (mounted already) and 2052
     * (the VM is neither stopped nor running).
     */
    SdkResult mountDataDisk(String vmId, String diskId);

    /**
     * {@code umountDataDisk}: unmounts data disk {@code diskId} from VM {@code vmId}. Refusals
     * include 2004 (unknown VM), 2055 (unknown disk or not mounted there) and 2052.
     */
    SdkResult umountDataDisk(String vmId, String diskId);

    /**
     * {@code extendDataDisk}: grows data disk {@code diskId} by {@code incrementBytes} (read as
     * an increment, catalog A35). Refusals include 2055, 2003 and 2002 (no room).
     */
    SdkResult extendDataDisk(String diskId, long incrementBytes);

    /**
     * {@code deleteDataDisk}: deletes data disk {@code diskId}. Refusals include 2055 (unknown
     * disk) and 2052 (still mounted).
     */
    SdkResult deleteDataDisk(String diskId);
}
