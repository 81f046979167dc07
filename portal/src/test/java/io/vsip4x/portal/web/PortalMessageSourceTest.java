package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Numbers in the portal's texts, as people read them. */
class PortalMessageSourceTest {

    private final PortalMessageSource messages = new PortalMessageSource.Setup()
            .messageSource("i18n/messages", "UTF-8");

    @Test
    void idsPrintWithoutThousandsSeparatorsInBothLanguages() {
        assertThat(messages.getMessage("error.request.notFound", new Object[] {99999L}, Locale.SIMPLIFIED_CHINESE))
                .contains("#99999").doesNotContain("99,999");
        assertThat(messages.getMessage("error.request.notFound", new Object[] {99999L}, Locale.ENGLISH))
                .contains("#99999").doesNotContain("99,999");
    }

    @Test
    void namedFormatsAndTextArgumentsStayAsTheyWere() {
        assertThat(messages.getMessage("vms.shapeText", new Object[] {4, 32768L, 2048L}, Locale.ENGLISH))
                .isEqualTo("4 vCPU / 32768 MiB memory / 2048 GiB disk");
        assertThat(messages.getMessage("approvals.bulk.failed", new Object[] {12345L, "over quota"},
                Locale.ENGLISH)).contains("12345").contains("over quota");
        assertThat(messages.getMessage("login.title", null, Locale.SIMPLIFIED_CHINESE)).isEqualTo("登录");
    }
}
