package io.vsip4x.portal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 413, in the reader's language, to a request body larger than {@link #MAX_BYTES} before
 * anything reads it: a declared length over the limit at once, a body of unknown length when its
 * reading passes the limit ({@link TooLargeException}, answered 413 by {@link ErrorHandling}).
 * The largest body the portal takes is a guest file of 1 MiB, up to 3 MiB once form-encoded. Tomcat
 * then reads the refused rest and drops it ({@code server.tomcat.max-swallow-size}) so that a client
 * still sending gets the answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestSizeFilter extends OncePerRequestFilter {

    /** The largest request body the portal reads. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private final MessageSource messages;

    RequestSizeFilter(MessageSource messages) {
        this.messages = messages;
    }

    /** Reading a request body passed {@link #MAX_BYTES}. */
    static final class TooLargeException extends IOException {

        TooLargeException() {
            super("The request body is larger than " + MAX_BYTES + " bytes");
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            Locale locale = request.getHeader("Accept-Language") == null ? Locale.SIMPLIFIED_CHINESE
                    : request.getLocale();
            String text = messages.getMessage("error.http.413", null, locale);
            response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
            response.setHeader("Connection", "close");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
                response.setContentType("application/problem+json");
                response.getWriter().write("{\"status\":413,\"title\":\"Content Too Large\",\"detail\":\""
                        + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
            } else {
                response.setContentType("text/plain");
                response.getWriter().write(text);
            }
            return;
        }
        chain.doFilter(request.getContentLengthLong() < 0 ? new Limited(request) : request, response);
    }

    /** A request whose body of unknown length may be read up to {@link #MAX_BYTES}. */
    private static final class Limited extends HttpServletRequestWrapper {

        private ServletInputStream limited;

        Limited(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedStream(super.getInputStream());
            }
            return limited;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private long read;

        LimitedStream(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLargeException {
            read += n;
            if (read > MAX_BYTES) {
                throw new TooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
