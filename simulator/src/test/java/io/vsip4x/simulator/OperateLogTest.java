package io.vsip4x.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.SdkResult;
import io.vsip4x.sdk.model.OperateLogEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** operateLog over HTTP: records are accepted at once and kept; bad ones answer 2003 and are not kept. */
class OperateLogTest {

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
    void keepsAnAcceptedRecord() {
        OperateLogEntry entry = OperateLogEntry.of("alice", "vm-1", "startVm", "Started vm-1", "10.0.0.8", "INFO",
                true);

        SdkResult result = platform.client.operateLog(entry);

        assertThat(result.code()).isEqualTo("0");
        assertThat(platform.simulator.operateLogs()).singleElement().satisfies(kept -> {
            assertThat(kept.username()).isEqualTo("alice");
            assertThat(kept.resourceId()).isEqualTo("vm-1");
            assertThat(kept.operate()).isEqualTo("startVm");
            assertThat(kept.content()).isEqualTo("Started vm-1");
            assertThat(kept.ipAddress()).isEqualTo("10.0.0.8");
            assertThat(kept.logLevel()).isEqualTo("INFO");
            assertThat(kept.result()).isTrue();
        });
    }

    @Test
    void acceptsTheSpecsKeysWithTheirStraySpaces() {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(" username", "bob");
        params.put(" operate", "deleteVm");
        params.put(" logLevel", "WARN");
        params.put(" result", false);

        Object answer = platform.client.call("operateLog", params);

        assertThat(SdkResult.of(castMap(answer)).code()).isEqualTo("0");
        OperateLogEntry kept = platform.simulator.operateLogs().get(0);
        assertThat(kept.username()).isEqualTo("bob");
        assertThat(kept.operate()).isEqualTo("deleteVm");
        assertThat(kept.result()).isFalse();
    }

    @Test
    void refusesAResultThatIsNotABooleanWith2003() {
        Map<String, Object> params = Map.of("username", "bob", "operate", "deleteVm", "result", "true");

        Object answer = platform.client.call("operateLog", params);

        assertThat(SdkResult.of(castMap(answer)).code()).isEqualTo("2003");
        assertThat(platform.simulator.operateLogs()).isEmpty();
    }

    @Test
    void refusesAMissingUserOrOperationWith2003() {
        SdkResult noUser = platform.client.operateLog(OperateLogEntry.of(null, "vm-1", "startVm", "x", null, "INFO",
                true));
        SdkResult noOperation = platform.client.operateLog(OperateLogEntry.of("alice", "vm-1", " ", "x", null,
                "INFO", true));

        assertThat(noUser.code()).isEqualTo("2003");
        assertThat(noOperation.code()).isEqualTo("2003");
        assertThat(platform.simulator.operateLogs()).isEmpty();
    }

    @Test
    void refusesATextValueOfAnotherTypeWith2003() {
        Map<String, Object> params = Map.of("username", "bob", "operate", "x", "result", true, "content", 42);

        Object answer = platform.client.call("operateLog", params);

        assertThat(SdkResult.of(castMap(answer)).code()).isEqualTo("2003");
        assertThat(platform.simulator.operateLogs()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object answer) {
        return (Map<String, Object>) answer;
    }
}
