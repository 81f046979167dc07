package io.vsip4x.simulator.methods;

import io.vsip4x.simulator.inventory.Template;
import java.util.List;
import java.util.Optional;

/**
 * The guest operating systems the simulator tells apart, by the VM's template, with the processes
 * they run and the software they have installed.
 */
enum GuestOs {

    /** CentOS 7 and other Linux guests. */
    CENTOS(false, List.of(
            proc("systemd", 6_800), proc("kthreadd", 0), proc("ksoftirqd/0", 0), proc("rcu_sched", 0),
            proc("systemd-journald", 9_400), proc("systemd-udevd", 5_200), proc("auditd", 1_900),
            proc("dbus-daemon", 2_600), proc("polkitd", 12_300), proc("NetworkManager", 10_800),
            proc("rsyslogd", 4_700), proc("crond", 1_700), proc("sshd", 4_300), proc("tuned", 19_600),
            proc("chronyd", 1_900), proc("qemu-ga", 1_300), proc("master", 2_100), proc("qmgr", 4_200),
            proc("agetty", 900)),
            List.of(proc("sshd", 5_400), proc("bash", 3_200)),
            List.of(),
            List.of(soft("kernel", "3.10.0-1160.el7"), soft("bash", "4.2.46-35.el7_9"),
                    soft("systemd", "219-78.el7_9.9"), soft("openssh-server", "7.4p1-23.el7_9"),
                    soft("python", "2.7.5-94.el7_9"), soft("yum", "3.4.3-168.el7.centos"),
                    soft("qemu-guest-agent", "2.12.0-3.el7"), soft("NetworkManager", "1.18.8-2.el7_9"),
                    soft("chrony", "3.4-1.el7"), soft("postfix", "2.10.1-9.el7")),
            List.of(soft("nginx", "1.20.1-10.el7"), soft("mariadb-server", "5.5.68-1.el7"),
                    soft("java-1.8.0-openjdk", "1.8.0.412.b08-1.el7_9"), soft("git", "1.8.3.1-25.el7_9"),
                    soft("vim-enhanced", "7.4.629-8.el7_9"), soft("docker-ce", "20.10.24-3.el7"))),

    /** Kylin V10 (Linux with the UKUI desktop). */
    KYLIN(false, List.of(
            proc("systemd", 11_200), proc("kthreadd", 0), proc("ksoftirqd/0", 0), proc("rcu_sched", 0),
            proc("systemd-journald", 15_600), proc("systemd-udevd", 7_900), proc("auditd", 2_300),
            proc("dbus-daemon", 4_800), proc("polkitd", 18_400), proc("NetworkManager", 17_300),
            proc("rsyslogd", 6_100), proc("crond", 2_400), proc("sshd", 6_900), proc("chronyd", 2_700),
            proc("qemu-ga", 2_000), proc("lightdm", 8_800), proc("Xorg", 61_500), proc("kysec_daemon", 9_700)),
            List.of(proc("ukui-session", 28_700), proc("ukui-panel", 46_200), proc("peony", 71_900),
                    proc("kylin-nm", 33_400), proc("bash", 4_100)),
            List.of(proc("ukui-screensaver-dialog", 39_800)),
            List.of(soft("kernel", "4.19.90-52.22.v2207.ky10"), soft("bash", "5.0.17-2.ky10"),
                    soft("systemd", "243-35.ky10"), soft("openssh-server", "8.2p1-9.p13.ky10"),
                    soft("python3", "3.7.9-20.ky10"), soft("dnf", "4.2.23-11.ky10"),
                    soft("qemu-guest-agent", "4.1.0-63.ky10"), soft("ukui-session-manager", "3.0.2-9.ky10"),
                    soft("kylin-nm", "3.0.2-12.ky10"), soft("wps-office", "11.8.2.1132")),
            List.of(soft("nginx", "1.21.5-3.ky10"), soft("mariadb-server", "10.3.39-1.ky10"),
                    soft("java-11-openjdk", "11.0.19.7-0.ky10"), soft("git", "2.27.0-12.ky10"),
                    soft("qaxbrowser-safe-stable", "1.0.41190.1"), soft("kylin-software-center", "5.1.2.1"))),

    /** Windows Server 2019. */
    WINDOWS(true, List.of(
            proc("System", 140), proc("Registry", 47_600), proc("smss.exe", 1_100), proc("csrss.exe", 5_200),
            proc("wininit.exe", 6_600), proc("services.exe", 9_300), proc("lsass.exe", 18_400),
            proc("svchost.exe", 24_800), proc("svchost.exe", 13_900), proc("svchost.exe", 41_200),
            proc("spoolsv.exe", 15_700), proc("MsMpEng.exe", 182_300), proc("qemu-ga.exe", 6_100),
            proc("WmiPrvSE.exe", 10_300), proc("winlogon.exe", 8_900), proc("dwm.exe", 38_600)),
            List.of(proc("explorer.exe", 96_400), proc("sihost.exe", 22_600), proc("taskhostw.exe", 14_800),
                    proc("ctfmon.exe", 12_900), proc("RuntimeBroker.exe", 19_200)),
            List.of(proc("LogonUI.exe", 41_700)),
            List.of(soft("Microsoft Edge", "120.0.2210.91"), soft("QEMU guest agent", "105.0.2"),
                    soft("Virtio-win-driver-installer", "0.1.240"),
                    soft("Microsoft Visual C++ 2015-2019 Redistributable (x64)", "14.29.30133"),
                    soft("Microsoft .NET Framework 4.7.2", "4.7.03062"),
                    soft("Windows Defender Antivirus", "4.18.23110.3")),
            List.of(soft("Google Chrome", "120.0.6099.130"), soft("7-Zip 23.01 (x64)", "23.01"),
                    soft("Notepad++ (64-bit x64)", "8.6"), soft("Microsoft SQL Server 2019 (64-bit)", "15.0.2000.5"),
                    soft("Java 8 Update 391", "8.0.3910.13"), soft("WPS Office", "12.1.0.15990")));

    private final boolean windows;
    private final List<Proc> base;
    private final List<Proc> session;
    private final List<Proc> locked;
    private final List<Soft> installed;
    private final List<Soft> extras;

    GuestOs(boolean windows, List<Proc> base, List<Proc> session, List<Proc> locked, List<Soft> installed,
            List<Soft> extras) {
        this.windows = windows;
        this.base = base;
        this.session = session;
        this.locked = locked;
        this.installed = installed;
        this.extras = extras;
    }

    /** The OS of a VM made from {@code template}; a VM of an unknown template counts as CentOS. */
    static GuestOs of(Optional<Template> template) {
        if (template.map(t -> "Windows".equalsIgnoreCase(t.osFamily())).orElse(false)) {
            return WINDOWS;
        }
        if (template.map(t -> t.osType() != null && t.osType().toLowerCase().contains("kylin")).orElse(false)) {
            return KYLIN;
        }
        return CENTOS;
    }

    /** Whether it is Windows: paths with drive letters, a browser to open. */
    boolean windows() {
        return windows;
    }

    /** The processes it always runs. */
    List<Proc> base() {
        return base;
    }

    /** The processes a signed-in session adds. */
    List<Proc> session() {
        return session;
    }

    /** The processes a locked screen adds. */
    List<Proc> locked() {
        return locked;
    }

    /** The software every VM of it has. */
    List<Soft> installed() {
        return installed;
    }

    /** Software some VMs of it have, chosen per VM. */
    List<Soft> extras() {
        return extras;
    }

    private static Proc proc(String name, long memoryKb) {
        return new Proc(name, memoryKb);
    }

    private static Soft soft(String name, String version) {
        return new Soft(name, version);
    }

    /** A process with its typical resident memory in KB (0 for a kernel thread). */
    record Proc(String name, long memoryKb) {
    }

    /** An installed package. */
    record Soft(String name, String version) {
    }
}
