package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.http.ArgType;
import io.vsip4x.simulator.http.Call;
import io.vsip4x.simulator.http.MethodRegistry;
import io.vsip4x.simulator.http.RefusalException;
import io.vsip4x.simulator.inventory.Image;
import io.vsip4x.simulator.inventory.Inventory;
import io.vsip4x.simulator.inventory.Network;
import io.vsip4x.simulator.lifecycle.Addresses;
import io.vsip4x.simulator.lifecycle.PowerAction;
import io.vsip4x.simulator.state.Cdrom;
import io.vsip4x.simulator.state.Nic;
import io.vsip4x.simulator.state.PlatformState;
import io.vsip4x.simulator.state.Vm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The device methods of a VM: its NICs ({@code addVmNetwork}, {@code setVmNetwork},
 * {@code getVmVnics}), its disks ({@code getVmVdisks}) and its CD-ROM drives
 * ({@code vmAddVirtualCdrom}, {@code vmMountImage}, {@code vmUnmountImage}). The spec marks all
 * of them synchronous, so they answer with the change made. Changes need a stopped or running VM
 * with no operation in flight (2052); NICs are hot-plugged into a running VM, which the spec
 * leaves open. A drive added to a running VM, and the eject of an image from one, take effect
 * at its next start or reboot (catalog A25); mounting takes effect at once.
 */
public final class VmDeviceMethods {

    private static final int MAX_CDROMS = 4;
    private static final String WRONG_STATE = "2052";
    private static final String NO_NIC = "2060";
    private static final String NO_IMAGE = "2062";
    private static final String NIC_FAILED = "2066";
    private static final String TOO_MANY_CDROMS = "2068";
    private static final String NO_FREE_CDROM = "2070";
    private static final String NO_SUCH_CDROM = "2071";

    private final Inventory inventory;
    private final PlatformState state;
    private final Runnable onChange;

    /** @param onChange called after every change, outside the state's monitor, to persist it */
    public VmDeviceMethods(Inventory inventory, PlatformState state, Runnable onChange) {
        this.inventory = inventory;
        this.state = state;
        this.onChange = onChange;
    }

    /** Serves this group's methods through {@code registry}. */
    public void registerIn(MethodRegistry registry) {
        registry.register("addVmNetwork", this::addVmNetwork, ArgType.STRING, ArgType.MAP);
        registry.register("setVmNetwork", this::setVmNetwork, ArgType.STRING, ArgType.MAP);
        registry.register("getVmVnics", this::getVmVnics, ArgType.STRING);
        registry.register("getVmVdisks", this::getVmVdisks, ArgType.STRING);
        registry.register("vmAddVirtualCdrom", this::vmAddVirtualCdrom, ArgType.STRING);
        registry.register("vmMountImage", this::vmMountImage, ArgType.STRING, ArgType.STRING);
        registry.register("vmUnmountImage", this::vmUnmountImage, ArgType.STRING, ArgType.STRING);
    }

    /**
     * Applies what waited for a boot when a start or reboot of {@code vm} succeeds: drives added
     * while it ran attach, pending ejects empty their drives. Registered as an operation
     * finisher that only looks: it answers {@code false}, so the power operation still finishes.
     */
    public boolean observeBoot(Vm vm, boolean fail) {
        String operation = vm.pending().operation();
        boolean boot = PowerAction.START.operation().equals(operation)
                || PowerAction.REBOOT.operation().equals(operation);
        if (boot && !fail) {
            state.cdroms(vm.vmId()).forEach(drive -> state.put(drive.booted()));
        }
        return false;
    }

    /**
     * Adds a NIC to VM {@code vmId}: 2004 for an unknown VM, 2003 for a bad value (see
     * {@link NicInput}), an unknown network or one not open to the VM's pool, or a MAC or fixed
     * address in use; 2052 for a VM neither stopped nor running; 2066 when DHCP finds no free address.
     */
    private Object addVmNetwork(Call call) {
        NicInput input = NicInput.read(call.map(1));
        synchronized (state) {
            Vm vm = vm(call.string(0));
            Network network = network(vm, input.network());
            requireSettled(vm);
            boolean macTaken = state.vms().stream().flatMap(other -> other.nics().stream())
                    .anyMatch(nic -> nic.macAddress().equalsIgnoreCase(input.macAddress()));
            if (macTaken) {
                throw new InvalidParamsException("MAC address " + input.macAddress() + " is in use");
            }
            List<Nic> nics = new ArrayList<>(vm.nics());
            nics.add(nic(nextNicId(vm), network, input, null));
            state.put(vm.withNics(nics));
        }
        return changed();
    }

    /**
     * Changes the NIC of VM {@code vmId} with MAC {@code macaddr}: 2060 when it has none, else as
     * {@link #addVmNetwork}. DHCP keeps the NIC's address while it stays on its network.
     */
    private Object setVmNetwork(Call call) {
        NicInput input = NicInput.read(call.map(1));
        synchronized (state) {
            Vm vm = vm(call.string(0));
            Nic current = vm.nics().stream()
                    .filter(nic -> nic.macAddress().equalsIgnoreCase(input.macAddress()))
                    .findFirst()
                    .orElseThrow(() -> new RefusalException(NO_NIC, "VM '" + vm.vmId() + "' has no NIC "
                            + input.macAddress()));
            Network network = network(vm, input.network());
            requireSettled(vm);
            Nic changed = nic(current.vnicId(), network, input, current);
            state.put(vm.withNics(vm.nics().stream().map(nic -> nic == current ? changed : nic).toList()));
        }
        return changed();
    }

    /** The NICs of VM {@code vmId} as {@code vnic.*} rows: 2004 for an unknown VM. */
    private Object getVmVnics(Call call) {
        Vm vm = vm(call.string(0));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < vm.nics().size(); i++) {
            Nic nic = GuestAccess.reported(state, vm.vmId(), vm.nics().get(i));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("vnic.id", nic.vnicId());
            row.put("vnic.name", "eth" + i);
            row.put("vnic.device", "vnet" + i);
            row.put("vnic.driver", "virtio");
            row.put("vnic.macaddr", nic.macAddress());
            row.put("vnic.vbridge", nic.network());
            row.put("vnic.ipaddr", nic.ipAddress());
            row.put("vnic.netmask", nic.subnetMask());
            row.put("vnic.gateway", nic.gateway());
            row.put("vnic.dnsserver", nic.dns());
            rows.add(row);
        }
        return Answers.data(Answers.OK, rows);
    }

    /**
     * The system disk, the mounted data disks and the attached CD-ROM drives of VM {@code vmId}
     * as {@code vdisk.*} rows: 2004 for an unknown VM.
     */
    private Object getVmVdisks(Call call) {
        List<Map<String, Object>> rows = new ArrayList<>();
        synchronized (state) {
            Vm vm = vm(call.string(0));
            rows.add(disk(vm.vmId() + "-vda", "vda", "disk", "virtio",
                    "/" + vm.poolId() + "/vm/" + vm.vmId() + ".qcow2", vm.diskBytes()));
            state.dataDisks().stream()
                    .filter(disk -> vm.vmId().equals(disk.vmId()))
                    .forEach(disk -> rows.add(disk(disk.name(), disk.name(), "disk", "virtio",
                            "/" + disk.poolId() + "/datadisk/" + disk.name(), disk.sizeBytes())));
            state.cdroms(vm.vmId()).stream()
                    .filter(Cdrom::attached)
                    .forEach(drive -> rows.add(disk(drive.id(), "hd" + (char) ('a' + drive.slot()), "cdrom",
                            "ide", imageFile(drive.imageId()), 0)));
        }
        return Answers.data(Answers.OK, rows);
    }

    /**
     * Adds an empty CD-ROM drive to VM {@code vmId}, attached at once when the VM is stopped and
     * at its next boot when it runs: 2004, 2052, and 2068 when it has four drives already.
     */
    private Object vmAddVirtualCdrom(Call call) {
        synchronized (state) {
            Vm vm = vm(call.string(0));
            requireSettled(vm);
            List<Cdrom> drives = state.cdroms(vm.vmId());
            if (drives.size() >= MAX_CDROMS) {
                throw new RefusalException(TOO_MANY_CDROMS, "VM '" + vm.vmId() + "' has " + MAX_CDROMS + " drives");
            }
            int slot = 0;
            while (slotTaken(drives, slot)) {
                slot++;
            }
            state.put(new Cdrom(vm.vmId() + "-cdrom" + (slot + 1), vm.vmId(), slot, vm.status() == 0, null, false));
        }
        return changed();
    }

    /**
     * Puts image {@code imageId} into the first empty attached drive of VM {@code vmId} and
     * answers the drive as {@code data.cdImageId}: 2004, 2062 for an unknown image, 2003 for an
     * image of another pool, 2052, 2070 when no attached drive is empty.
     */
    private Object vmMountImage(Call call) {
        Cdrom drive;
        synchronized (state) {
            Vm vm = vm(call.string(0));
            String imageId = call.string(1);
            Image image = image(imageId)
                    .orElseThrow(() -> new RefusalException(NO_IMAGE, "Image '" + imageId + "' does not exist"));
            if (!image.poolId().equals(vm.poolId())) {
                throw new InvalidParamsException("Image '" + imageId + "' is in another pool than the VM");
            }
            requireSettled(vm);
            drive = state.cdroms(vm.vmId()).stream().filter(Cdrom::free).findFirst()
                    .orElseThrow(() -> new RefusalException(NO_FREE_CDROM,
                            "VM '" + vm.vmId() + "' has no empty drive"));
            state.put(drive.withImage(image.id()));
        }
        onChange.run();
        Map<String, Object> answer = Answers.result(Answers.OK);
        answer.put("data", Map.of("cdImageId", drive.id()));
        return answer;
    }

    /**
     * Ejects the image from drive {@code cdromId} of VM {@code vmId}, at once when the VM is
     * stopped and at its next boot when it runs: 2004, 2052, 2071 when the VM has no such
     * attached drive or no image is in it (or already leaving).
     */
    private Object vmUnmountImage(Call call) {
        synchronized (state) {
            Vm vm = vm(call.string(0));
            String id = call.string(1);
            requireSettled(vm);
            Cdrom drive = state.cdroms(vm.vmId()).stream()
                    .filter(d -> d.id().equals(id) && d.attached() && d.imageId() != null && !d.ejectPending())
                    .findFirst()
                    .orElseThrow(() -> new RefusalException(NO_SUCH_CDROM, "VM '" + vm.vmId()
                            + "' has no drive '" + id + "' holding an image"));
            state.put(vm.status() == 1 ? drive.ejectingAtBoot() : drive.withImage(null));
        }
        return changed();
    }

    /**
     * The NIC {@code vnicId} on {@code network} as {@code input} asks, replacing {@code current}
     * (or new when {@code null}). Under DHCP the network's range, mask and gateway apply.
     */
    private Nic nic(String vnicId, Network network, NicInput input, Nic current) {
        String bandwidth = input.bandwidth() != null ? input.bandwidth()
                : current == null ? "" : current.bandwidth();
        if (input.dhcp()) {
            boolean keep = current != null && current.network().equals(network.id()) && !current.ipAddress().isBlank();
            String ip = keep ? current.ipAddress() : new Addresses(state.vms()).ip(network, null);
            if (ip.isEmpty()) {
                throw new RefusalException(NIC_FAILED, "Network '" + network.id() + "' has no free address");
            }
            return new Nic(vnicId, network.id(), input.macAddress(), ip, network.subnetMask(), network.gateway(),
                    orElse(input.dns(), network.dns()), bandwidth);
        }
        String mask = orElse(input.subnetMask(), network.subnetMask());
        input.checkFixed(mask, network.subnetPrefix() + "0", network.subnetMask());
        boolean ipTaken = state.vms().stream().flatMap(vm -> vm.nics().stream())
                .anyMatch(nic -> nic.ipAddress().equals(input.ipAddress()) && !nic.vnicId().equals(vnicId));
        if (ipTaken) {
            throw new InvalidParamsException("Address " + input.ipAddress() + " is in use");
        }
        return new Nic(vnicId, network.id(), input.macAddress(), input.ipAddress(), mask,
                orElse(input.gateway(), ""), orElse(input.dns(), ""), bandwidth);
    }

    private static String nextNicId(Vm vm) {
        int n = vm.nics().size() + 1;
        while (hasNic(vm, vm.vmId() + "-nic" + n)) {
            n++;
        }
        return vm.vmId() + "-nic" + n;
    }

    private static boolean hasNic(Vm vm, String vnicId) {
        return vm.nics().stream().anyMatch(nic -> nic.vnicId().equals(vnicId));
    }

    private static boolean slotTaken(List<Cdrom> drives, int slot) {
        return drives.stream().anyMatch(drive -> drive.slot() == slot);
    }

    private static Map<String, Object> disk(String id, String name, String device, String driver, String location,
            long size) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("vdisk.id", id);
        row.put("vdisk.name", name);
        row.put("vdisk.device", device);
        row.put("vdisk.driver", driver);
        row.put("vdisk.location", location);
        row.put("vdisk.size", size);
        return row;
    }

    /** The file name of image {@code imageId}, or empty for an empty drive. */
    private String imageFile(String imageId) {
        return imageId == null ? "" : image(imageId).map(Image::name).orElse(imageId);
    }

    private Optional<Image> image(String imageId) {
        return inventory.images().stream().filter(image -> image.id().equals(imageId)).findFirst();
    }

    private Network network(Vm vm, String networkId) {
        return inventory.network(networkId)
                .filter(network -> network.availableIn(vm.poolId()))
                .orElseThrow(() -> new InvalidParamsException("Network '" + networkId + "' is not open to pool '"
                        + vm.poolId() + "'"));
    }

    private Map<String, Object> changed() {
        onChange.run();
        return Answers.result(Answers.OK);
    }

    private Vm vm(String vmId) {
        return state.vm(vmId)
                .orElseThrow(() -> new RefusalException(Answers.NO_VM, "VM '" + vmId + "' does not exist"));
    }

    private static void requireSettled(Vm vm) {
        if (vm.busy() || (vm.status() != 0 && vm.status() != 1)) {
            throw new RefusalException(WRONG_STATE, "VM '" + vm.vmId() + "' is busy or neither stopped nor running");
        }
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
