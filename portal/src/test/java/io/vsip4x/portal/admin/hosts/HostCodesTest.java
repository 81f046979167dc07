package io.vsip4x.portal.admin.hosts;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.platform.Operation;
import io.vsip4x.portal.platform.OperationKind;
import io.vsip4x.portal.platform.OperationReasons;
import io.vsip4x.portal.platform.OperationState;
import io.vsip4x.portal.web.PlatformCodes;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * A host's power operation as the pages explain it: its code, else the queue's own reason in the
 * reader's language (a host's time-out, not a VM's), never the text the row stores.
 */
class HostCodesTest {

    private final HostCodes codes = new HostCodes(messages(), new PlatformCodes());

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("i18n/messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    private static Operation op(OperationState state, String code, String info) {
        return new Operation(7, OperationKind.SHUTDOWN_HOST, null, null, null, state, 1, null, code, info, null,
                null, Instant.EPOCH, Instant.EPOCH, null, "host-x");
    }

    private String text(OperationState state, String code, String info, Locale locale) {
        return codes.operation(op(state, code, info), locale).codeText();
    }

    @Test
    void aTimedOutHostOperationHasAHostsExplanationNotTheVmsOne() {
        String english = text(OperationState.FAILED, null, OperationReasons.HOST_TIMED_OUT, Locale.ENGLISH);
        assertThat(english).contains("start or shutdown").contains("host").doesNotContain("VM");
        assertThat(text(OperationState.FAILED, null, OperationReasons.HOST_TIMED_OUT, Locale.SIMPLIFIED_CHINESE))
                .contains("物理机").doesNotContain("虚拟机");
        assertThat(text(OperationState.FAILED, null, OperationReasons.TIMED_OUT, Locale.ENGLISH))
                .as("a row timed out before hosts had a text of their own").isEqualTo(english);
    }

    @Test
    void theQueuesOwnReasonsAreExplainedNeverShownAsStored() {
        assertThat(text(OperationState.SENT, null, OperationReasons.ANSWER_LOST, Locale.ENGLISH))
                .isNotEqualTo(OperationReasons.ANSWER_LOST).contains("lost").contains("not sent again");
        assertThat(text(OperationState.SENT, null, OperationReasons.ANSWER_LOST, Locale.SIMPLIFIED_CHINESE))
                .contains("应答丢失");
        assertThat(text(OperationState.FAILED, null, "ended after the test", Locale.ENGLISH))
                .as("free text is no key and is not shown").isEqualTo("The operation failed; the operation log has "
                        + "the details.");
        assertThat(text(OperationState.FAILED, null, "admin.hosts.action.start", Locale.ENGLISH))
                .as("a stored text that happens to be a key is not looked up").doesNotContain("Start")
                .isEqualTo("The operation failed; the operation log has the details.");
        assertThat(text(OperationState.QUEUED, null, null, Locale.ENGLISH)).isNull();
    }

    @Test
    void aCodeIsExplainedByItsKeyAndOnlyACodeIsLookedUp() {
        assertThat(text(OperationState.DONE, "3001", "物理机停止成功", Locale.ENGLISH))
                .isEqualTo("The host was shut down.");
        assertThat(text(OperationState.FAILED, "3021", "whatever the platform said", Locale.ENGLISH))
                .isEqualTo("The platform could not shut the host down.");
        assertThat(text(OperationState.FAILED, "action.start", null, Locale.ENGLISH))
                .as("no code: not a key").isEqualTo("action.start");
    }
}
