package io.vsip4x.portal.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.identity.ukey.UkeyRefusal;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The reasons the portal writes into the log's message column (a refused UKEY sign-in's reason,
 * a refused sign-in's) read in both languages on the audit pages ({@link AuditNotes}); a message
 * that is no such code (a platform's text) is shown as it was written.
 */
class AuditNoteLabelsTest {

    /** The reasons {@link SignInAuditor#reasonCode} gives, as the message holds them. */
    private static final List<String> SIGN_IN_REASONS = List.of("LOCKED", "DISABLED", "MUST_CHANGE_PASSWORD",
            "BAD_CREDENTIALS", "UKEY_REQUIRED", "UKEY_ONLY", "REFUSED");

    @Test
    void everyUkeyRefusalAndSignInReasonHasANoteInBothLanguages() throws IOException {
        for (String bundle : List.of("messages.properties", "messages_en.properties")) {
            Properties texts = load(bundle);
            assertThat(Arrays.stream(UkeyRefusal.values()).map(r -> "audit.note.UKEY_SIGN_IN_REFUSED." + r.code()))
                    .as(bundle).allSatisfy(key -> assertThat(texts.getProperty(key)).as(key).isNotBlank());
            assertThat(SIGN_IN_REASONS.stream().map(r -> "audit.note.SIGN_IN." + SignInAuditor.reason(r)
                    .replace(' ', '_'))).as(bundle)
                    .allSatisfy(key -> assertThat(texts.getProperty(key)).as(key).isNotBlank());
        }
    }

    @Test
    void dataDiskQuotaRefusalsHaveANoteInBothLanguages() throws IOException {
        for (String bundle : List.of("messages.properties", "messages_en.properties")) {
            Properties texts = load(bundle);
            assertThat(List.of("DATA_DISK_CREATE", "DATA_DISK_EXTEND").stream()
                    .map(action -> "audit.note." + action + ".quota_exceeded")).as(bundle)
                    .allSatisfy(key -> assertThat(texts.getProperty(key)).as(key).isNotBlank());
        }
    }

    @Test
    void codesAreTranslatedAndOtherMessagesKept() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("i18n/messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        AuditNotes notes = new AuditNotes(source);
        assertThat(notes.of("UKEY_SIGN_IN_REFUSED", "unbound", Locale.ENGLISH))
                .isEqualTo("The key is bound to no account");
        assertThat(notes.of("UKEY_SIGN_IN_REFUSED", "unbound", Locale.SIMPLIFIED_CHINESE))
                .isEqualTo("UKEY 未绑定任何账户");
        assertThat(notes.of("SIGN_IN", "ukey only", Locale.ENGLISH))
                .isEqualTo("Right password, but the account signs in with its UKEY only");
        assertThat(notes.of("SIGN_IN", "must change password", Locale.SIMPLIFIED_CHINESE)).isEqualTo("须修改密码");
        assertThat(notes.of("VM_START", "主机忙，请稍后", Locale.ENGLISH)).isEqualTo("主机忙，请稍后");
        assertThat(notes.of("VM_START", "host busy", Locale.ENGLISH)).isEqualTo("host busy");
        assertThat(notes.of("SIGN_IN", null, Locale.ENGLISH)).isEmpty();
        assertThat(notes.of("DATA_DISK_CREATE", "quota exceeded", Locale.ENGLISH))
                .isEqualTo("Beyond the data-disk quota");
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(
                AuditNoteLabelsTest.class.getResourceAsStream("/i18n/" + name), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
