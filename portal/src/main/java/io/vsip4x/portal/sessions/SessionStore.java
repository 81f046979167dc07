package io.vsip4x.portal.sessions;

import io.vsip4x.portal.web.LiveSessionEnd;
import org.aopalliance.intercept.MethodInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.NameMatchMethodPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * The session store Boot's Spring Session configures (tables {@code SPRING_SESSION} and
 * {@code SPRING_SESSION_ATTRIBUTES}, Java-serialized attributes), with two changes:
 * <ul>
 * <li>a session is read only while it has not expired by the database's clock, the clock the
 * {@link SessionSweep} uses: an expired session is never found (so never removed by the request
 * that met it, unlogged), and the sweep logs and removes it;</li>
 * <li>a session removed by a request ({@code HttpSession.invalidate()}: signing out, a locked
 * account's session closed, an unrecorded sign-in undone) is told to every node
 * ({@link LiveSessionEnd}), which end its live streams and consoles.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SessionStore {

    /** The database's clock in milliseconds, as Spring Session stores times. */
    static final String DB_MILLIS = "CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)";

    /** Spring Session's query of one session and its attributes, for unexpired sessions only. */
    static final String GET_SESSION = """
            SELECT S.PRIMARY_ID, S.SESSION_ID, S.CREATION_TIME, S.LAST_ACCESS_TIME, S.MAX_INACTIVE_INTERVAL,
                   SA.ATTRIBUTE_NAME, SA.ATTRIBUTE_BYTES
              FROM %TABLE_NAME% S
              LEFT JOIN %TABLE_NAME%_ATTRIBUTES SA ON S.PRIMARY_ID = SA.SESSION_PRIMARY_ID
             WHERE S.SESSION_ID = ?
               AND (S.MAX_INACTIVE_INTERVAL < 0 OR S.EXPIRY_TIME >= """ + DB_MILLIS + ")\n";

    private static final Logger log = LoggerFactory.getLogger(SessionStore.class);

    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> unexpiredSessionsOnly() {
        return repository -> repository.setGetSessionQuery(GET_SESSION);
    }

    /**
     * Wraps the store so that each session a request removes is told to every node. Sessions the
     * store removes itself (none: it never finds an expired one) and those the sweep removes are not
     * seen here; the sweep tells them as expired.
     */
    @Bean
    static BeanPostProcessor sessionEndSignal(ObjectProvider<LiveSessionEnd> ends) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (!(bean instanceof JdbcIndexedSessionRepository)) {
                    return bean;
                }
                NameMatchMethodPointcutAdvisor removal = new NameMatchMethodPointcutAdvisor(signal(ends));
                removal.setMappedName("deleteById");
                ProxyFactory proxy = new ProxyFactory(bean);
                proxy.setProxyTargetClass(true);
                proxy.addAdvisor(removal);
                return proxy.getProxy(bean.getClass().getClassLoader());
            }
        };
    }

    private static MethodInterceptor signal(ObjectProvider<LiveSessionEnd> ends) {
        return call -> {
            Object result = call.proceed();
            if (call.getArguments()[0] instanceof String sessionId) {
                try {
                    ends.getObject().publish(sessionId, false);
                } catch (DataAccessException e) {
                    // The session is gone from the store either way; its streams and consoles end as
                    // their nodes find it gone (consoles) or as they reconnect (streams).
                    log.warn("Could not tell the other nodes that a session ended: {}", e.getMessage());
                }
            }
            return result;
        };
    }
}
