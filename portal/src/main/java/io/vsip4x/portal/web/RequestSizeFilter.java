package io.vsip4x.portal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 413, in the reader's language, to a request body larger than {@link #MAX_BYTES} before
 * anything reads it: a declared length over the limit at once, a body of unknown length when its
 * reading passes the limit ({@link TooLargeException}, answered 413 by {@link ErrorHandling}).
 * A form body the container itself refuses to read for a filter that asked for a parameter (larger
 * than its form limit without a declared length, or malformed) is answered 413 or 400 the same way,
 * not as a failure. The largest body the portal takes is a guest file of 1 MiB, up to 3 MiB once
 * form-encoded. Tomcat then reads the refused rest and drops it ({@code server.tomcat.max-swallow-size})
 * so that a client still sending gets the answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestSizeFilter extends OncePerRequestFilter {

    /** The largest request body the portal reads. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private static final Logger log = LoggerFactory.getLogger(RequestSizeFilter.class);

    private final EarlyRefusal refusal;

    RequestSizeFilter(EarlyRefusal refusal) {
        this.refusal = refusal;
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
            response.setHeader("Connection", "close");
            refusal.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "error.http.413");
            return;
        }
        try {
            chain.doFilter(request.getContentLengthLong() < 0 ? new Limited(request) : request, response);
        } catch (RuntimeException | ServletException e) {
            HttpStatus status = unreadableForm(e);
            if (status == null || response.isCommitted()) {
                throw e;
            }
            log.debug("Refused {} {}: its form cannot be read ({})", request.getMethod(), request.getRequestURI(),
                    e.getMessage());
            response.reset();
            refusal.write(request, response, status, "error.http." + status.value());
        }
    }

    /**
     * When the servlet container refused to read a form body a filter or a handler asked a parameter
     * of: 413 for one larger than its form limit sent without a declared length, 400 for a malformed
     * one; null for any other failure.
     */
    static HttpStatus unreadableForm(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidParameterException unreadable) {
                return unreadable.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value()
                        ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST;
            }
        }
        return null;
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
