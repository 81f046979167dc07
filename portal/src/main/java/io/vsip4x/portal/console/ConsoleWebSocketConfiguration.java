package io.vsip4x.portal.console;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * The console tunnel's WebSocket at {@value ConsoleTunnelHandler#PATH} (same origin only), and
 * room in the web server for the browser's longest instructions: Tomcat buffers 8192 characters
 * of a text message by default.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ConsoleWebSocketConfiguration implements WebSocketConfigurer {

    /** The longest text message the tunnel takes from a browser. */
    static final int TEXT_BUFFER = 64 * 1024;

    private final ConsoleTunnelHandler handler;

    ConsoleWebSocketConfiguration(ConsoleTunnelHandler handler) {
        this.handler = handler;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, ConsoleTunnelHandler.PATH).addInterceptors(new ConsoleHandshake());
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(TEXT_BUFFER);
        return container;
    }

    /**
     * The tunnel's handshake reaches the web server without the signed-in principal. Tomcat closes a
     * WebSocket opened with a principal the moment its HTTP session ends, with a close the page cannot
     * read and before the portal hears of the session's end; without it, the tunnel closes itself
     * ({@link ConsoleHttpSessions}) and tells the page why. The tunnel knows the person from the
     * security context ({@link ConsoleHandshake}), which this leaves as it is.
     */
    @Bean
    FilterRegistrationBean<Filter> consoleTunnelWithoutPrincipal() {
        Filter filter = (request, response, chain) -> chain.doFilter(
                new WithoutPrincipal((HttpServletRequest) request), response);
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(ConsoleTunnelHandler.PATH);
        registration.setOrder(Ordered.LOWEST_PRECEDENCE);
        return registration;
    }

    /** A request that names no principal. */
    private static final class WithoutPrincipal extends HttpServletRequestWrapper {

        WithoutPrincipal(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Principal getUserPrincipal() {
            return null;
        }

        @Override
        public String getRemoteUser() {
            return null;
        }
    }
}
