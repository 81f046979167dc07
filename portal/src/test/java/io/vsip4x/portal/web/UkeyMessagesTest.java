package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vsip4x.portal.identity.ukey.UkeyRefusal;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The UKEY sign-in pages name their messages at run time (the refusal in the address, the
 * middleware's failure code in the script): every one of them is in both languages.
 */
class UkeyMessagesTest {

    /** The middleware failures the page's script shows (ukey-sign-in.js). */
    private static final List<String> MIDDLEWARE = List.of("notConfigured", "noAdapter", "unreachable",
            "keyAbsent", "pinIncorrect", "pinIncorrectNoCount", "pinLocked", "failed");

    @Test
    void everyRefusalAndMiddlewareFailureHasItsTextInBothLanguages() throws IOException {
        for (String bundle : List.of("messages.properties", "messages_en.properties")) {
            Properties texts = load(bundle);
            assertThat(Arrays.stream(UkeyRefusal.values()).map(r -> "ukey.refused." + r.code()))
                    .as(bundle).allSatisfy(key -> assertThat(texts.getProperty(key)).as(key).isNotBlank());
            assertThat(MIDDLEWARE.stream().map(code -> "ukey.middleware." + code))
                    .as(bundle).allSatisfy(key -> assertThat(texts.getProperty(key)).as(key).isNotBlank());
            assertThat(texts.getProperty("ukey.refused.other")).isNotBlank();
        }
    }

    /** The texts that say what to do next (issue 8's trial): who unlocks a locked account or PIN. */
    @Test
    void lockedAccountsAndPinsSayWhoUnlocksThem() throws IOException {
        Properties en = load("messages_en.properties");
        Properties zh = load("messages.properties");
        assertThat(en.getProperty("ukey.refused.locked")).contains("Ask a security administrator to unlock it");
        assertThat(zh.getProperty("ukey.refused.locked")).contains("请联系安全管理员解锁");
        assertThat(en.getProperty("ukey.middleware.pinLocked")).contains("PIN", "locked", "security administrator",
                "issuer", "PUK", "does not unlock it");
        assertThat(zh.getProperty("ukey.middleware.pinLocked"))
                .contains("PIN", "安全管理员", "发放方", "PUK", "不会解锁");
        assertThat(en.getProperty("ukey.refused.unbound")).startsWith("This UKEY is not bound")
                .doesNotContain("this account");
        assertThat(en.getProperty("ukey.refused.mismatch")).contains("bound", "platform names another user",
                "security administrator");
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(
                UkeyMessagesTest.class.getResourceAsStream("/i18n/" + name), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
