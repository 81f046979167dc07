package io.vsip4x.portal.web;

import java.text.DateFormat;
import java.text.FieldPosition;
import java.text.Format;
import java.text.MessageFormat;
import java.text.ParsePosition;
import java.util.Date;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The portal's texts: the bundles Spring Boot would read ({@code spring.messages.*}), with one
 * change: a number in a plain placeholder ({@code 申请 #{0}}) prints as it is, without the
 * locale's thousands separators, so request #12345 never reads "#12,345". Placeholders that
 * name a format ({@code {0,number,#}}, dates) keep it.
 */
class PortalMessageSource extends ResourceBundleMessageSource {

    @Override
    protected MessageFormat createMessageFormat(String msg, Locale locale) {
        MessageFormat format = super.createMessageFormat(msg, locale);
        Format[] byIndex = format.getFormatsByArgumentIndex();
        for (int i = 0; i < byIndex.length; i++) {
            if (byIndex[i] == null) {
                format.setFormatByArgumentIndex(i, new Plain(locale));
            }
        }
        return format;
    }

    /** Numbers as their digits, dates in the locale's short style, anything else as its text. */
    private static final class Plain extends Format {

        private final Locale locale;

        Plain(Locale locale) {
            this.locale = locale;
        }

        @Override
        public StringBuffer format(Object value, StringBuffer into, FieldPosition position) {
            if (value instanceof Date date) {
                return into.append(DateFormat.getDateTimeInstance(DateFormat.SHORT, DateFormat.SHORT, locale)
                        .format(date));
            }
            return into.append(value);
        }

        @Override
        public Object parseObject(String source, ParsePosition position) {
            throw new UnsupportedOperationException("Messages are only formatted");
        }
    }

    /** Replaces Spring Boot's message source (which backs off when a bean of this name exists). */
    @Configuration(proxyBeanMethods = false)
    static class Setup {

        @Bean
        PortalMessageSource messageSource(@Value("${spring.messages.basename:i18n/messages}") String basename,
                @Value("${spring.messages.encoding:UTF-8}") String encoding) {
            PortalMessageSource source = new PortalMessageSource();
            source.setBasenames(basename.split("\\s*,\\s*"));
            source.setDefaultEncoding(encoding);
            source.setFallbackToSystemLocale(false);
            return source;
        }
    }
}
