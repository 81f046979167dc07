package io.vsip4x.sdk.codes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The result-code and VM-status enums hold exactly the catalog's tables, texts included. */
class CodeTablesTest {

    private static JsonNode catalog;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = CodeTablesTest.class.getResourceAsStream("/catalog.json")) {
            catalog = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void everyResultCodeOfTheCatalogIsAnEnumConstantWithItsClassAndTexts() {
        List<String> codes = new ArrayList<>();
        for (JsonNode row : catalog.get("resultCodes")) {
            String code = row.get("code").asString();
            codes.add(code);
            ResultCode constant = ResultCode.of(code).orElseThrow(() -> new AssertionError("no constant for " + code));
            assertThat(constant.zh()).as(code).isEqualTo(row.get("meaning_zh").asString());
            assertThat(constant.en()).as(code).isEqualTo(row.get("meaning_en").asString());
            assertThat(constant.success()).as(code).isEqualTo("success".equals(row.get("class").asString()));
        }

        assertThat(ResultCode.values()).extracting(ResultCode::code).containsExactlyElementsOf(codes);
    }

    @Test
    void everyVmStatusOfTheCatalogIsAnEnumConstantWithItsTexts() {
        List<Integer> codes = new ArrayList<>();
        for (JsonNode row : catalog.get("vmStatusCodes")) {
            int code = Integer.parseInt(row.get("code").asString());
            codes.add(code);
            VmStatus status = VmStatus.of(code).orElseThrow(() -> new AssertionError("no status " + code));
            assertThat(status.zh()).as("status %d", code).isEqualTo(row.get("meaning_zh").asString());
            assertThat(status.transitional()).as("status %d", code)
                    .isEqualTo(row.get("transitional").asBoolean());
        }

        assertThat(VmStatus.values()).extracting(VmStatus::code).containsExactlyElementsOf(codes);
    }

    @Test
    void textsFollowTheLocaleChineseFirst() {
        assertThat(ResultCode.VM_NOT_STOPPED.text(Locale.SIMPLIFIED_CHINESE)).isEqualTo("虚拟机是停止状态时才能执行该操作");
        assertThat(ResultCode.VM_NOT_STOPPED.text(Locale.ENGLISH))
                .isEqualTo("Operation allowed only when the VM is stopped");
        assertThat(ResultCode.VM_NOT_STOPPED.text(null)).isEqualTo("虚拟机是停止状态时才能执行该操作");
        assertThat(VmStatus.BACKING_UP.text(Locale.ENGLISH)).isEqualTo("Backing up");
        assertThat(VmStatus.BACKING_UP.text(Locale.CHINA)).isEqualTo("备份中");
    }

    @Test
    void unknownOrBlankCodesAreNotInTheTable() {
        assertThat(ResultCode.of("2009")).as("a gap of the spec's table (A19)").isEmpty();
        assertThat(ResultCode.of(null)).isEmpty();
        assertThat(ResultCode.of(" 2010 ")).contains(ResultCode.VM_STARTED);
        assertThat(ResultCodes.isSuccess("2009")).isFalse();
    }
}
