package io.vsip4x.portal.audit;

import io.vsip4x.portal.identity.AccountLockedException;
import io.vsip4x.portal.identity.UkeyRequiredException;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.event.AuthenticationFailureLockedEvent;

/**
 * Publishes every refused sign-in as an event, so that {@link SignInAuditor} logs it: Spring
 * Security's publisher knows its own exceptions only, and the portal's {@link AccountLockedException}
 * and {@link UkeyRequiredException} (a password over the API for an account needing a UKEY) would
 * otherwise pass unseen.
 */
@Configuration(proxyBeanMethods = false)
class SignInEvents {

    @Bean
    AuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher events) {
        DefaultAuthenticationEventPublisher publisher = new DefaultAuthenticationEventPublisher(events);
        publisher.setAdditionalExceptionMappings(Map.of(
                AccountLockedException.class, AuthenticationFailureLockedEvent.class,
                UkeyRequiredException.class, UkeyRequiredException.Refused.class));
        return publisher;
    }
}
