package io.vsip4x.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.sdk.model.OperateLogEntry;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The operateLog record of an audit event: the spec's keys, a readable line, never a broken character. */
class OperateLogRecordsTest {

    private static final Instant AT = Instant.parse("2026-03-08T09:30:00.125Z");

    @Test
    void mapsASuccessOnAVmToTheSpecsKeys() {
        AuditEntry event = new AuditEntry(123, AT, "张三", "t-dev", "USER", "10.0.0.8", "START_VM", "VM", "vm-1",
                "name=测试机 😀", AuditService.SUCCESS, "2010", "虚拟机启动成功", "c-42");

        OperateLogEntry record = OperateLogRecords.of(event, 45);

        assertThat(record.toParams()).containsOnlyKeys("username", "resourceId", "operate", "content",
                "ipAddress", "logLevel", "result");
        assertThat(record.username()).isEqualTo("张三");
        assertThat(record.resourceId()).isEqualTo("vm-1");
        assertThat(record.operate()).isEqualTo("START_VM");
        assertThat(record.ipAddress()).isEqualTo("10.0.0.8");
        assertThat(record.logLevel()).isEqualTo("INFO");
        assertThat(record.result()).isTrue();
        assertThat(record.content()).isEqualTo("event=123 seq=45 time=2026-03-08T09:30:00.125Z tenant=t-dev"
                + " role=USER target=VM:vm-1 correlation=c-42 result=SUCCESS code=2010 params=name=测试机 😀"
                + " message=虚拟机启动成功");
    }

    @Test
    void aRefusalIsAWarningAndAFailureAnErrorBothFalse() {
        AuditEntry denied = event(AuditService.DENIED, "ACCOUNT", "alice");
        AuditEntry failed = event(AuditService.FAILURE, "REQUEST", "12");

        assertThat(OperateLogRecords.of(denied, 1).logLevel()).isEqualTo("WARN");
        assertThat(OperateLogRecords.of(denied, 1).result()).isFalse();
        assertThat(OperateLogRecords.of(failed, 2).logLevel()).isEqualTo("ERROR");
        assertThat(OperateLogRecords.of(failed, 2).result()).isFalse();
    }

    @Test
    void aTargetOtherThanAVmCarriesItsTypeAndAnUntypedOneIsSentAsIs() {
        assertThat(OperateLogRecords.resourceId(event(AuditService.SUCCESS, "ACCOUNT", "alice")))
                .isEqualTo("ACCOUNT:alice");
        assertThat(OperateLogRecords.resourceId(event(AuditService.SUCCESS, null, "vm-9"))).isEqualTo("vm-9");
        assertThat(OperateLogRecords.resourceId(event(AuditService.SUCCESS, null, null))).isNull();
    }

    @Test
    void leavesOutWhatTheEventDoesNotHave() {
        AuditEntry bare = new AuditEntry(7, AT, "system", null, null, null, "TICK", null, null, null,
                AuditService.SUCCESS, null, null, null);

        OperateLogEntry record = OperateLogRecords.of(bare, 3);

        assertThat(record.toParams()).doesNotContainKeys("ipAddress", "resourceId");
        assertThat(record.content()).isEqualTo("event=7 seq=3 time=2026-03-08T09:30:00.125Z result=SUCCESS");
    }

    @Test
    void clipsALongLineWithoutSplittingAnEmoji() {
        String params = "x".repeat(OperateLogRecords.MAX_CONTENT - 100) + "😀".repeat(200);
        AuditEntry event = new AuditEntry(1, AT, "bob", null, null, null, "EDIT", null, null, params,
                AuditService.SUCCESS, null, null, null);

        String content = OperateLogRecords.of(event, 1).content();

        assertThat(content).hasSizeLessThanOrEqualTo(OperateLogRecords.MAX_CONTENT).endsWith("…");
        String kept = content.substring(0, content.length() - 1);
        assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).isFalse();
        assertThat(kept.codePoints().allMatch(Character::isValidCodePoint)).isTrue();
        for (int length = OperateLogRecords.MAX_CONTENT - 3; length <= OperateLogRecords.MAX_CONTENT + 3; length++) {
            String clipped = OperateLogRecords.clip("😀".repeat(length), OperateLogRecords.MAX_CONTENT);
            assertThat(clipped.length()).isLessThanOrEqualTo(OperateLogRecords.MAX_CONTENT);
            assertThat(Character.isHighSurrogate(clipped.charAt(clipped.length() - 2))).isFalse();
        }
    }

    private static AuditEntry event(String result, String targetType, String target) {
        return new AuditEntry(9, AT, "alice", "t1", "USER", null, "ACT", targetType, target, null, result, "2003",
                null, null);
    }
}
