package io.vsip4x.sdk.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** operateLog records: the spec's keys with stray spaces read, trimmed keys and a boolean result sent. */
class OperateLogEntryTest {

    @Test
    void readsTheSpecsKeysWithTheirLeadingSpaces() {
        Map<String, Object> printed = new LinkedHashMap<>();
        printed.put(" username", "alice");
        printed.put(" resourceId", "vm-1");
        printed.put(" operate", "startVm");
        printed.put(" content", "Started");
        printed.put(" ipAddress", "10.0.0.8");
        printed.put(" logLevel", "INFO");
        printed.put(" result", true);

        OperateLogEntry entry = OperateLogEntry.from(printed);

        assertThat(entry.username()).isEqualTo("alice");
        assertThat(entry.ipAddress()).isEqualTo("10.0.0.8");
        assertThat(entry.result()).isTrue();
    }

    @Test
    void sendsTrimmedKeysAndABooleanResult() {
        Map<String, Object> params = OperateLogEntry.of("alice", "vm-1", "startVm", "Started", null, "INFO", false)
                .toParams();

        assertThat(params).containsOnlyKeys("username", "resourceId", "operate", "content", "logLevel", "result");
        assertThat(params.get("result")).isEqualTo(Boolean.FALSE);
    }
}
