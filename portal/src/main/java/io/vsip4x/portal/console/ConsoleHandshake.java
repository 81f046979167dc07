package io.vsip4x.portal.console;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Copies what the tunnel needs from the WebSocket's HTTP request: the HTTP session, the signed-in
 * person and the browser's address. It lets every handshake through: a tunnel without a session is
 * refused in the protocol ({@link ConsoleReason#NO_SESSION}), so that the page can say why.
 */
final class ConsoleHandshake implements HandshakeInterceptor {

    static final String HTTP_SESSION = ConsoleHandshake.class.getName() + ".session";
    static final String USER = ConsoleHandshake.class.getName() + ".user";
    static final String CLIENT_ADDRESS = ConsoleHandshake.class.getName() + ".address";

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) {
        if (request instanceof ServletServerHttpRequest servlet) {
            HttpServletRequest http = servlet.getServletRequest();
            HttpSession session = http.getSession(false);
            CurrentUser user = UserService.current();
            if (session != null && user != null) {
                attributes.put(HTTP_SESSION, session);
                attributes.put(USER, user);
            }
            attributes.put(CLIENT_ADDRESS, http.getRemoteAddr());
        }
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
        // Nothing to undo.
    }
}
