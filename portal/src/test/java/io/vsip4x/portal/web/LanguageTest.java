package io.vsip4x.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "en-US | en",
        "en-GB | en",
        "en | en",
        "en-US,en;q=0.9 | en",
        "fr-FR,en;q=0.5 | en",
        "zh-CN,zh;q=0.9,en;q=0.8 | zh",
        "zh-TW | zh",
        "fr-FR | zh",
        "'' | zh",
        "not a header;;; | zh"})
    void browsersLanguageChoosesEnglishOrChinese(String header, String language) {
        Locale locale = WebConfiguration.preferred(header);
        assertThat(locale.getLanguage()).isEqualTo(language);
    }
}
