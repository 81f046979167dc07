package io.vsip4x.portal.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class OperationDispatcherTest {

    @Test
    void retriesAnUnreachablePlatformWithDoublingPausesUpToHalfAMinute() {
        assertThat(OperationDispatcher.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(OperationDispatcher.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(OperationDispatcher.backoff(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(OperationDispatcher.backoff(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(OperationDispatcher.backoff(1000)).isEqualTo(Duration.ofSeconds(30));
        assertThat(OperationDispatcher.backoff(0)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void sendsAgainAfterALostAnswerOnlyWhatIsHarmlessToRepeat() {
        assertThat(EnumSet.allOf(OperationKind.class).stream().filter(OperationKind::safeToResend))
                .containsExactlyInAnyOrder(OperationKind.CREATE_VM, OperationKind.INSTALL_VM, OperationKind.START_VM,
                        OperationKind.SHUTDOWN_VM, OperationKind.REBOOT_VM, OperationKind.PAUSE_VM,
                        OperationKind.RESUME_VM, OperationKind.MODIFY_VM, OperationKind.CREATE_DATA_DISK);
        assertThat(EnumSet.of(OperationKind.CREATE_SNAP, OperationKind.DELETE_SNAP, OperationKind.RESTORE_SNAP,
                OperationKind.BACKUP_VM, OperationKind.RESTORE_VM, OperationKind.DELETE_BACKUP,
                OperationKind.EXTEND_DATA_DISK)).noneMatch(OperationKind::safeToResend);
    }
}
