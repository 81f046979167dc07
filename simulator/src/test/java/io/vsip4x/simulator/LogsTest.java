package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What callers send cannot forge or flood a log line. */
class LogsTest {

    @Test
    void controlCharactersCannotStartALineOfTheirOwn() {
        assertThat(Logs.safe("x\n[main] ERROR forged\r\u0000")).isEqualTo("x?[main] ERROR forged??");
    }

    @Test
    void longValuesAreCutAndSaySo() {
        String safe = Logs.safe("v".repeat(50_000));

        assertThat(safe).hasSize(Logs.MAX + 1).endsWith("v…");
    }

    @Test
    void ordinaryValuesAndNullStayReadable() {
        assertThat(Logs.safe("虚拟机-01 ✓")).isEqualTo("虚拟机-01 ✓");
        assertThat(Logs.safe(null)).isEqualTo("null");
    }
}
