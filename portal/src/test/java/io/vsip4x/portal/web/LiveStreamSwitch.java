package io.vsip4x.portal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A test-only switch that cuts the live-update stream as a network outage or a restart would:
 * while cut, every open stream is closed and {@code /live} answers 503. Only in the test profile.
 */
@Component
@Profile("test")
public class LiveStreamSwitch extends OncePerRequestFilter {

    private final LiveUpdates live;
    private volatile boolean cut;

    LiveStreamSwitch(LiveUpdates live) {
        this.live = live;
    }

    /** Closes every open stream and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        live.closeAll();
    }

    /** Lets streams open again. */
    public void restore() {
        cut = false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (cut && "/live".equals(request.getRequestURI())) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        chain.doFilter(request, response);
    }
}
