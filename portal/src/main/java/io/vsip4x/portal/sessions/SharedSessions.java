package io.vsip4x.portal.sessions;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What long-lived connections (a console's WebSocket) ask of the shared sessions: whether the
 * session they were opened from still stands. The HTTP session object such a connection keeps is
 * a copy of its handshake's: another node (or request) ending the session is only seen here.
 */
@Repository
public class SharedSessions {

    private final JdbcClient jdbc;

    SharedSessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Of {@code sessionIds}, those whose session is stored and has not expired by the database's
     * clock; one indexed read.
     */
    public Set<String> live(Collection<String> sessionIds) {
        if (sessionIds.isEmpty()) {
            return Set.of();
        }
        return jdbc.sql("SELECT SESSION_ID FROM SPRING_SESSION WHERE SESSION_ID IN (:ids)"
                        + " AND (MAX_INACTIVE_INTERVAL < 0 OR EXPIRY_TIME >= " + SessionStore.DB_MILLIS + ")")
                .param("ids", sessionIds)
                .query(String.class)
                .stream()
                .collect(Collectors.toUnmodifiableSet());
    }
}
