package io.vsip4x.portal.web;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * Languages: Chinese by default, English when the browser asks for it first, and either by
 * choice ({@code ?lang=en}, kept in a cookie). Serves guacamole-common-js beside the static files.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    static final List<Locale> SUPPORTED = List.of(Locale.SIMPLIFIED_CHINESE, Locale.ENGLISH);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    LocaleResolver localeResolver() {
        CookieLocaleResolver resolver = new CookieLocaleResolver("portal-lang");
        resolver.setDefaultLocaleFunction(request -> preferred(request.getHeader("Accept-Language")));
        return resolver;
    }

    /**
     * The first supported language the browser asks for, by language alone ({@code en-GB}
     * counts as English); Chinese when it asks for none of them.
     */
    static Locale preferred(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                String language = range.getRange().split("-")[0];
                for (Locale supported : SUPPORTED) {
                    if (supported.getLanguage().equals(language)) {
                        return supported;
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        return Locale.SIMPLIFIED_CHINESE;
    }

    /** guacamole-common-js, unpacked by the static module, for the console page. */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/guacamole-common-js/**")
                .addResourceLocations("classpath:/META-INF/resources/guacamole-common-js/");
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }
}
