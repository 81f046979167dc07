package io.vsip4x.portal.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.vsip4x.portal.platform.Catalog;
import io.vsip4x.portal.tenancy.Quota;
import io.vsip4x.portal.web.FieldProblems;
import io.vsip4x.sdk.model.NetworkInfo;
import io.vsip4x.sdk.model.PoolInfo;
import io.vsip4x.sdk.model.TemplateInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestValidatorTest {

    private static final Catalog CATALOG = new Catalog(
            List.of(new TemplateInfo("tpl-a", "CentOS 7", "Linux", "64", 2, 0, 0, 0, Map.of()),
                    new TemplateInfo("tpl-big", "Windows", "Windows", "64", 4, 0, 80L << 30, 0, Map.of())),
            List.of(new PoolInfo("pool-a", "池 A", "", "ha", 0, 0, true, 0, Map.of())),
            List.of(new NetworkInfo("net-a", "办公网")));
    private static final Quota PLENTY = new Quota(1000, 1_000_000, 100_000, 100);

    private static RequestForm form(Integer cpu, Long memoryMb, Long diskGb, Integer count) {
        return new RequestForm("tpl-a", "pool-a", cpu, memoryMb, diskGb, count, "net-a", "理由", true);
    }

    private static Map<String, String> problems(RequestForm form, Quota left) {
        FieldProblems thrown = catchThrowableOfType(FieldProblems.class,
                () -> RequestValidator.validate(form, CATALOG, left));
        return thrown == null ? Map.of() : thrown.problems().stream()
                .collect(java.util.stream.Collectors.toMap(FieldProblems.Problem::field,
                        FieldProblems.Problem::messageKey, (a, b) -> a));
    }

    @ParameterizedTest
    @CsvSource({"1, 512, 1, 1", "16, 32768, 2048, 20", "4, 4096, 40, 3"})
    void acceptsTheSpecsLimitsInclusive(int cpu, long memoryMb, long diskGb, int count) {
        assertThatCode(() -> RequestValidator.validate(form(cpu, memoryMb, diskGb, count), CATALOG, PLENTY))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource({
        "0, 512, 1, 1, cpu, request.error.cpuRange",
        "17, 512, 1, 1, cpu, request.error.cpuRange",
        "1, 1000, 1, 1, memoryMb, request.error.memoryRule",
        "1, 0, 1, 1, memoryMb, request.error.memoryRule",
        "1, 33280, 1, 1, memoryMb, request.error.memoryRule",
        "1, 512, 0, 1, diskGb, request.error.diskRule",
        "1, 512, 2049, 1, diskGb, request.error.diskRule",
        "1, 512, 1, 0, count, request.error.countRange",
        "1, 512, 1, 21, count, request.error.countRange"})
    void refusesValuesBeyondTheSpecsLimits(int cpu, long memoryMb, long diskGb, int count, String field,
            String key) {
        assertThat(problems(form(cpu, memoryMb, diskGb, count), PLENTY)).containsEntry(field, key);
    }

    @Test
    void refusesWhatTheTenantsCatalogDoesNotOffer() {
        RequestForm elsewhere = new RequestForm("tpl-x", "pool-x", 1, 512L, 1L, 1, "net-x", "理由", true);
        assertThat(problems(elsewhere, PLENTY)).containsOnly(
                Map.entry("templateId", "request.error.templateUnknown"),
                Map.entry("repoName", "request.error.poolUnknown"),
                Map.entry("network", "request.error.networkUnknown"));
    }

    @Test
    void missingValuesAreEachNamed() {
        RequestForm empty = new RequestForm(null, " ", null, null, null, null, "", null, null);
        assertThat(problems(empty, PLENTY)).containsOnlyKeys("templateId", "repoName", "network", "cpu",
                "memoryMb", "diskGb", "count", "reason");
    }

    @Test
    void quotaIsCheckedForTheWholeCount() {
        Quota left = new Quota(8, 8192, 80, 2);
        assertThat(problems(form(4, 4096L, 40L, 2), left)).isEmpty();
        assertThat(problems(form(4, 4096L, 40L, 3), left)).containsOnlyKeys("count", "cpu", "memoryMb", "diskGb");
        assertThat(problems(form(5, 4096L, 40L, 2), left)).containsOnlyKeys("cpu");
    }

    @Test
    void systemDiskCannotBeSmallerThanTheTemplates() {
        RequestForm small = new RequestForm("tpl-big", "pool-a", 1, 512L, 79L, 1, "net-a", "理由", true);
        RequestForm enough = new RequestForm("tpl-big", "pool-a", 1, 512L, 80L, 1, "net-a", "理由", true);
        assertThat(problems(small, PLENTY)).containsOnly(Map.entry("diskGb", "request.error.diskBelowTemplate"));
        assertThat(problems(enough, PLENTY)).isEmpty();
    }

    @Test
    void reasonMustHaveVisibleTextAndNoControlCharacters() {
        Map<String, String> cases = Map.of(
                "\u200B", "request.error.required",
                "\u3000 ", "request.error.required",
                "a\u0000b", "error.request.reasonInvalid",
                "a\u202Eb", "error.request.reasonInvalid");
        cases.forEach((reason, key) -> {
            FieldProblems.Collector collector = new FieldProblems.Collector();
            RequestValidator.checkReason(reason, collector);
            FieldProblems thrown = catchThrowableOfType(FieldProblems.class, collector::throwIfAny);
            assertThat(thrown).as("reason %s", reason.codePoints().boxed().toList()).isNotNull();
            assertThat(thrown.problems().get(0).messageKey()).isEqualTo(key);
        });
    }

    @Test
    void reasonLengthCountsCharactersNotUtf16Units() {
        FieldProblems.Collector emoji = new FieldProblems.Collector();
        RequestValidator.checkReason("🚀".repeat(500), emoji);
        assertThat(emoji.isEmpty()).isTrue();
        FieldProblems.Collector lines = new FieldProblems.Collector();
        RequestValidator.checkReason("第一行\n\t第二行", lines);
        assertThat(lines.isEmpty()).isTrue();
    }

    @Test
    void overlongReasonIsRefused() {
        RequestForm chatty = new RequestForm("tpl-a", "pool-a", 1, 512L, 1L, 1, "net-a", "长".repeat(501), true);
        assertThat(problems(chatty, PLENTY)).containsEntry("reason", "request.error.reasonTooLong");
    }
}
