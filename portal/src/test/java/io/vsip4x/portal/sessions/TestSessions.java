package io.vsip4x.portal.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The shared sessions as tests reach them: the id a session cookie carries, and a session running
 * out of time as it does in production (its expiry passes in the database; the sweep finds it).
 */
public final class TestSessions {

    private TestSessions() {
    }

    /** The session id of a session cookie's value (Spring Session writes it in Base64). */
    public static String idOf(String cookieValue) {
        return new String(Base64.getDecoder().decode(cookieValue), StandardCharsets.UTF_8);
    }

    /**
     * Lets the session of {@code sessionId} run out: its last access moves back past its time-out
     * (as if its person had left), then the expiry sweep runs as the scheduled one would.
     */
    public static void expire(ApplicationContext context, String sessionId) {
        makeExpired(context.getBean(JdbcClient.class), sessionId);
        context.getBean(SessionSweep.class).sweepNow();
    }

    /** Moves the last access of session {@code sessionId} back past its time-out, without sweeping. */
    static void makeExpired(JdbcClient jdbc, String sessionId) {
        long past = jdbc.sql("SELECT " + SessionStore.DB_MILLIS).query(Long.class).single() - 1000;
        int changed = jdbc.sql("""
                UPDATE SPRING_SESSION
                   SET LAST_ACCESS_TIME = :past - MAX_INACTIVE_INTERVAL * 1000, EXPIRY_TIME = :past
                 WHERE SESSION_ID = :id""")
                .param("past", past)
                .param("id", sessionId)
                .update();
        assertThat(changed).as("the stored session").isEqualTo(1);
    }
}
