package io.vsip4x.portal.notifications;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * E-mails notifications to people who have an address, in the language they last used, once
 * the notification is committed, on a thread of its own: a slow or failing mail server never
 * holds up or fails what the person did (a failure is logged; the inbox keeps the notification).
 */
@Component
class MailNotifier implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MailNotifier.class);

    private final ObjectProvider<JavaMailSender> senders;
    private final MailProperties properties;
    private final NotificationText text;
    private final JdbcClient jdbc;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "notification-mail");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean enabled;

    MailNotifier(ObjectProvider<JavaMailSender> senders, MailProperties properties, NotificationText text,
            JdbcClient jdbc) {
        this.senders = senders;
        this.properties = properties;
        this.text = text;
        this.jdbc = jdbc;
        this.enabled = properties.enabled();
    }

    /** Turns e-mail on or off while running (tests use it; the setting is {@code portal.mail.enabled}). */
    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Whether notifications go out by e-mail. */
    boolean enabled() {
        return enabled;
    }

    /**
     * E-mails a notification to {@code userId} after the current transaction commits (at once
     * outside one), when e-mail is enabled; does nothing otherwise.
     */
    void sendAfterCommit(long userId, String messageKey, List<String> args, String link) {
        if (!enabled) {
            return;
        }
        Runnable queue = () -> worker.execute(() -> deliver(userId, messageKey, args, link));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    queue.run();
                }
            });
        } else {
            queue.run();
        }
    }

    private void deliver(long userId, String messageKey, List<String> args, String link) {
        try {
            Recipient recipient = jdbc.sql("SELECT email, locale FROM app_user WHERE id = :id")
                    .param("id", userId)
                    .query((rs, n) -> new Recipient(rs.getString(1), rs.getString(2)))
                    .optional().orElse(null);
            if (recipient == null || recipient.email() == null || recipient.email().isBlank()) {
                return;
            }
            JavaMailSender sender = senders.getIfAvailable();
            if (sender == null) {
                log.warn("E-mail notifications are enabled but no mail server is set (spring.mail.host)");
                return;
            }
            Locale locale = recipient.locale();
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(properties.from());
            message.setTo(recipient.email().trim());
            message.setSubject(text.subject(locale));
            message.setText(body(messageKey, args, link, locale));
            sender.send(message);
            log.debug("E-mailed notification '{}' to user {}", messageKey, userId);
        } catch (RuntimeException e) {
            log.warn("Could not e-mail notification '{}' to user {} ({}); it stays in the inbox", messageKey, userId,
                    e.getClass().getSimpleName());
        }
    }

    private String body(String messageKey, List<String> args, String link, Locale locale) {
        String body = text.render(messageKey, args, locale);
        String base = properties.baseUrl();
        if (link != null && base != null && !base.isBlank()) {
            body += "\n\n" + base.replaceAll("/+$", "") + link;
        }
        return body;
    }

    /** An address and the language its owner last used. */
    private record Recipient(String email, String localeTag) {

        Locale locale() {
            return LocaleMemory.toLocale(localeTag);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }
}
