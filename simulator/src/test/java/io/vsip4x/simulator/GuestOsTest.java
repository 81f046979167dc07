package io.vsip4x.simulator;

import static io.vsip4x.simulator.GuestVms.CENTOS;
import static io.vsip4x.simulator.GuestVms.WINDOWS;
import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.GuestProcess;
import io.vsip4x.simulator.methods.GuestOsMethods;
import io.vsip4x.simulator.state.GuestState.GuestFile;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** loginVmOS, lockVmOS, logoutVmOS and pushFileContent over HTTP, with their codes. */
class GuestOsTest {

    private TestPlatform platform;

    @BeforeEach
    void start() {
        platform = new TestPlatform();
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    @Test
    void logsInLocksAndLogsOut() {
        GuestVms.running(platform, CENTOS, "vm-os");

        assertThat(platform.client.loginVmOS("vm-os", "alice", "s3cret").code()).isEqualTo("0");
        assertThat(platform.simulator.guest("vm-os").session().user()).isEqualTo("alice");
        assertThat(platform.client.lockVmOS("vm-os").code()).isEqualTo("0");
        assertThat(platform.simulator.guest("vm-os").session().locked()).isTrue();
        assertThat(platform.client.lockVmOS("vm-os").code()).isEqualTo("0");
        // Signing in again unlocks, as a user typing the password at the lock screen does.
        assertThat(platform.client.loginVmOS("vm-os", "alice", "s3cret").code()).isEqualTo("0");
        assertThat(platform.simulator.guest("vm-os").session().locked()).isFalse();
        assertThat(platform.client.logoutVmOS("vm-os").code()).isEqualTo("0");
        assertThat(platform.simulator.guest("vm-os").session()).isNull();
        assertThat(platform.client.logoutVmOS("vm-os").code()).isEqualTo("0");
    }

    @Test
    void neverKeepsTheCredential() {
        GuestVms.running(platform, CENTOS, "vm-cred");

        platform.client.loginVmOS("vm-cred", "alice", "Do-Not-Keep-42");

        assertThat(platform.simulator.guest("vm-cred").toString()).doesNotContain("Do-Not-Keep-42");
    }

    @Test
    void refusesToLockWhenNobodyIsSignedInWith2052() {
        GuestVms.running(platform, CENTOS, "vm-nobody");

        assertThat(platform.client.lockVmOS("vm-nobody").code()).isEqualTo("2052");
        assertThat(platform.simulator.guest("vm-nobody").session()).isNull();
    }

    @Test
    void refusesABlankUserOrCredentialWith2003() {
        GuestVms.running(platform, CENTOS, "vm-blank");

        assertThat(platform.client.loginVmOS("vm-blank", " ", "pw").code()).isEqualTo("2003");
        assertThat(platform.client.loginVmOS("vm-blank", "alice", "").code()).isEqualTo("2003");
        Map<String, Object> noVm = new LinkedHashMap<>(Map.of("username", "alice", "credential", "pw"));
        assertThat(code(platform.client.call("loginVmOS", noVm))).isEqualTo("2003");
        assertThat(platform.simulator.guest("vm-blank").session()).isNull();
    }

    @Test
    void refusesAnUnknownVmWith2004AndAStoppedOneWith2050() {
        platform.createStopped("pool-prod", "vm-stopped");

        assertThat(platform.client.loginVmOS("no-such-vm", "alice", "pw").code()).isEqualTo("2004");
        assertThat(platform.client.lockVmOS("no-such-vm").code()).isEqualTo("2004");
        assertThat(platform.client.logoutVmOS("no-such-vm").code()).isEqualTo("2004");
        assertThat(platform.client.pushFileContent("no-such-vm", "x", "/tmp/x").code()).isEqualTo("2004");
        assertThat(platform.client.loginVmOS("vm-stopped", "alice", "pw").code()).isEqualTo("2050");
        assertThat(platform.client.lockVmOS("vm-stopped").code()).isEqualTo("2050");
        assertThat(platform.client.logoutVmOS("vm-stopped").code()).isEqualTo("2050");
        assertThat(platform.client.pushFileContent("vm-stopped", "x", "/tmp/x").code()).isEqualTo("2050");
    }

    @Test
    void endsTheSessionWhenTheVmRebootsOrStops() {
        GuestVms.running(platform, WINDOWS, "vm-boot");
        platform.client.loginVmOS("vm-boot", "Administrator", "pw");
        String pidBefore = pid("vm-boot", "lsass.exe");

        platform.client.rebootVm("vm-boot");
        platform.awaitEvents("vm-boot", 3);
        platform.awaitStatus("vm-boot", 1);

        assertThat(platform.client.lockVmOS("vm-boot").code()).isEqualTo("2052");
        assertThat(platform.client.getGuestProcesses("vm-boot").processes()).extracting(GuestProcess::name)
                .doesNotContain("explorer.exe");
        assertThat(pid("vm-boot", "lsass.exe")).isNotEqualTo(pidBefore);

        platform.client.loginVmOS("vm-boot", "Administrator", "pw");
        platform.client.shutdownVm("vm-boot");
        platform.awaitStatus("vm-boot", 0);
        assertThat(platform.simulator.guest("vm-boot").session()).isNull();
    }

    @Test
    void pushesTextFilesReplacingWhatWasThere() {
        GuestVms.running(platform, CENTOS, "vm-push");

        assertThat(platform.client.pushFileContent("vm-push", "first", "/etc/motd").code()).isEqualTo("0");
        assertThat(platform.client.pushFileContent("vm-push", "欢迎\nwelcome\n", "/etc/motd").code()).isEqualTo("0");
        assertThat(platform.client.pushFileContent("vm-push", "", "/tmp/empty").code()).isEqualTo("0");

        GuestFile motd = platform.simulator.guest("vm-push").files().get("/etc/motd");
        assertThat(motd.content()).isEqualTo("欢迎\nwelcome\n");
        assertThat(motd.bytes()).isEqualTo(15);
        assertThat(motd.toString()).doesNotContain("welcome");
        assertThat(platform.simulator.guest("vm-push").files()).containsOnlyKeys("/etc/motd", "/tmp/empty");
    }

    @Test
    void takesDriveLetterPathsOnWindowsOnly() {
        GuestVms.running(platform, WINDOWS, "vm-push-w");
        GuestVms.running(platform, CENTOS, "vm-push-c");

        assertThat(platform.client.pushFileContent("vm-push-w", "x", "C:\\Users\\Public\\a.txt").code())
                .isEqualTo("0");
        assertThat(platform.client.pushFileContent("vm-push-w", "x", "/etc/motd").code()).isEqualTo("2003");
        assertThat(platform.client.pushFileContent("vm-push-c", "x", "C:\\a.txt").code()).isEqualTo("2003");
    }

    @Test
    void refusesARelativePathOrContentOverTheLimitWith2003() {
        GuestVms.running(platform, CENTOS, "vm-push-bad");
        String tooBig = "x".repeat(GuestOsMethods.MAX_FILE_BYTES + 1);
        String justFits = "x".repeat(GuestOsMethods.MAX_FILE_BYTES);

        assertThat(platform.client.pushFileContent("vm-push-bad", "x", "etc/motd").code()).isEqualTo("2003");
        assertThat(platform.client.pushFileContent("vm-push-bad", "x", "/tmp/").code()).isEqualTo("2003");
        assertThat(platform.client.pushFileContent("vm-push-bad", "x", "/tmp/../etc/passwd").code())
                .isEqualTo("2003");
        assertThat(platform.client.pushFileContent("vm-push-bad", tooBig, "/tmp/big").code()).isEqualTo("2003");
        assertThat(platform.simulator.guest("vm-push-bad").files()).isEmpty();
        assertThat(platform.client.pushFileContent("vm-push-bad", justFits, "/tmp/big").code()).isEqualTo("0");
    }

    private String pid(String vmId, String name) {
        return platform.client.getGuestProcesses(vmId).processes().stream()
                .filter(p -> p.name().equals(name)).findFirst().orElseThrow().pid();
    }

    @SuppressWarnings("unchecked")
    private static String code(Object answer) {
        return String.valueOf(((Map<String, Object>) answer).get("result"));
    }
}
