package io.vsip4x.portal.sessions;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What long-lived connections (a console's WebSocket) ask of the shared sessions: whether the
 * session they were opened from still stands. The HTTP session object such a connection keeps is
 * a copy of its handshake's: another node (or request) ending the session is only seen here.
 */
@Repository
public class SharedSessions {

    /** Where a session stands in the store. */
    public enum State {
        /** Stored and not expired. */
        LIVE,
        /** Stored, but expired by the database's clock (the sweep has yet to remove it). */
        EXPIRED,
        /** Not stored: a request ended it (signing out), or the sweep removed it. */
        GONE
    }

    private final JdbcClient jdbc;

    SharedSessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Where each of {@code sessionIds} stands, by the database's clock; one indexed read. */
    public Map<String, State> states(Collection<String> sessionIds) {
        Map<String, State> states = new HashMap<>();
        sessionIds.forEach(id -> states.put(id, State.GONE));
        if (sessionIds.isEmpty()) {
            return states;
        }
        jdbc.sql("SELECT SESSION_ID, MAX_INACTIVE_INTERVAL < 0 OR EXPIRY_TIME >= " + SessionStore.DB_MILLIS
                        + " FROM SPRING_SESSION WHERE SESSION_ID IN (:ids)")
                .param("ids", sessionIds)
                .query((rs, n) -> states.put(rs.getString(1), rs.getBoolean(2) ? State.LIVE : State.EXPIRED))
                .list();
        return states;
    }
}
