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

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(
                UkeyMessagesTest.class.getResourceAsStream("/i18n/" + name), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
