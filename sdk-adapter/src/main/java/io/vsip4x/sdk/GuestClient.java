package io.vsip4x.sdk;

import io.vsip4x.sdk.codes.GuestTasks;
import io.vsip4x.sdk.model.GuestIpConfig;
import io.vsip4x.sdk.model.GuestIpSettings;
import io.vsip4x.sdk.model.GuestProcessList;
import io.vsip4x.sdk.model.GuestSoftwareList;
import io.vsip4x.sdk.model.RemoteControlInfo;
import io.vsip4x.sdk.model.RemoteViewType;
import java.util.Map;

/**
 * The SDK methods that reach into a running VM: its console information and view type, the
 * guest OS session, files pushed into it, and the guest-agent tasks of appendix 1, each of which
 * also has a typed method here over {@link #executeGATask}.
 */
public interface GuestClient {

    /**
     * {@code getRemoteControlInfo} ({@code getRemoteControllInfo} in the spec's detail, catalog
     * A01): the console address and password of a running or paused VM. The answer's
     * {@code toString()} never shows the password. Refusals include 2004 (unknown VM) and 2047
     * (no console port: the VM is not running).
     */
    RemoteControlInfo getRemoteControlInfo(String vmId);

    /**
     * {@code setRemoteViewType}: how the VM's console is reached; {@code type} goes through
     * unchanged (catalog A38). Refusals include 2004 (unknown VM) and 2003 (blank type).
     */
    SdkResult setRemoteViewType(String vmId, String type);

    /** {@code getRemoteViewType}: as last set by {@link #setRemoteViewType}. Refusals include 2004. */
    RemoteViewType getRemoteViewType(String vmId);

    /**
     * {@code pushFileContent}: writes {@code content} as UTF-8 text to the file at absolute path
     * {@code path} in the guest, replacing a file there (catalog A39; binary data is not
     * supported: encode it as text first). The guest agent must run, so the VM must be running.
     * Refusals include 2004 (unknown VM), 2050 (not running), 2052 (an operation in flight) and
     * 2003 (path not absolute, or content over 1 MiB of UTF-8).
     */
    SdkResult pushFileContent(String vmId, String content, String path);

    /**
     * {@code loginVmOS}: signs {@code username} in to the guest OS, replacing (and unlocking) any
     * session there. Refusals include 2004, 2050, 2052 and 2003 (blank user or credential). The
     * credential is sent to the platform only and never logged.
     */
    SdkResult loginVmOS(String vmId, String username, String credential);

    /**
     * {@code lockVmOS}: locks the screen of the guest's session; locking a locked one succeeds.
     * Refusals include 2004, 2050 and 2052 (also: nobody is signed in).
     */
    SdkResult lockVmOS(String vmId);

    /**
     * {@code logoutVmOS}: ends the guest's session; with none it succeeds and changes nothing.
     * Refusals include 2004, 2050 and 2052.
     */
    SdkResult logoutVmOS(String vmId);

    /**
     * {@code executeGATask}: runs guest-agent task {@code taskName} (appendix 1, see
     * {@link io.vsip4x.sdk.codes.GuestTasks}) with {@code params} in VM {@code vmName}. The spec
     * names the VM by name (catalog A21); on this platform a VM's name is its id. The answer
     * carries the task's keys beside the code (catalog A31). Refusals include 2004 (unknown VM),
     * 2050 (not running: no guest agent), 2052 (an operation in flight), 2003 (unknown task,
     * invalid parameters, or a task the guest's OS does not offer) and 2060 (no NIC of that MAC).
     */
    SdkResult executeGATask(String vmName, String taskName, Map<String, Object> params);

    /** Task {@code setIPAddr}: a static address on one NIC of the guest; codes as {@link #executeGATask}. */
    default SdkResult setGuestIpAddress(String vmName, GuestIpSettings settings) {
        return executeGATask(vmName, GuestTasks.SET_IP_ADDR, settings.toParams());
    }

    /**
     * Task {@code setIPDhcp}: the NIC of {@code macAddress} takes its address by DHCP; codes as
     * {@link #executeGATask}.
     */
    default SdkResult setGuestIpDhcp(String vmName, String macAddress) {
        return executeGATask(vmName, GuestTasks.SET_IP_DHCP, Map.of("macaddr", macAddress));
    }

    /** Task {@code getIPAddr}: the address the NIC of {@code macAddress} has; codes as {@link #executeGATask}. */
    default GuestIpConfig getGuestIpAddress(String vmName, String macAddress) {
        return GuestIpConfig.from(executeGATask(vmName, GuestTasks.GET_IP_ADDR, Map.of("macaddr", macAddress)));
    }

    /** Task {@code getVMProcess}: the processes running in the guest; codes as {@link #executeGATask}. */
    default GuestProcessList getGuestProcesses(String vmName) {
        return GuestProcessList.from(executeGATask(vmName, GuestTasks.GET_VM_PROCESS, Map.of()));
    }

    /** Task {@code getVMSoft}: the software installed in the guest; codes as {@link #executeGATask}. */
    default GuestSoftwareList getGuestSoftware(String vmName) {
        return GuestSoftwareList.from(executeGATask(vmName, GuestTasks.GET_VM_SOFT, Map.of()));
    }

    /**
     * Task {@code guest-open-url}: opens a browser at {@code url} in a Windows guest; 2003 for
     * another OS or a URL that is not absolute http(s). Other codes as {@link #executeGATask}.
     */
    default SdkResult openGuestUrl(String vmName, String url) {
        return executeGATask(vmName, GuestTasks.GUEST_OPEN_URL, Map.of("url", url));
    }
}
