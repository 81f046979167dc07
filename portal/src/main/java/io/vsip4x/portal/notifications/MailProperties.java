package io.vsip4x.portal.notifications;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Notifications by e-mail. The SMTP server itself is Spring's {@code spring.mail.*} (host,
 * port, user name, password); without {@code spring.mail.host} no e-mail can be sent.
 *
 * @param enabled whether notifications also go out by e-mail to people with an address
 * @param from    the sender address
 * @param baseUrl the portal's address as people reach it ({@code https://portal.example}), put
 *                before a notification's link; empty: the link is left out of the e-mail
 */
@ConfigurationProperties("portal.mail")
public record MailProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("portal@localhost") String from,
        String baseUrl) {
}
