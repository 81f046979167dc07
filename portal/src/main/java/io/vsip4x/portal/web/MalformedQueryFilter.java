package io.vsip4x.portal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 400, in the reader's language, to an address whose query is not well-formed UTF-8
 * percent-encoding ({@code ?q=%FF}), before anything reads its parameters: the servlet container
 * would otherwise fail deep inside the request with a 500 and a stack trace in the log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class MalformedQueryFilter extends OncePerRequestFilter {

    private final EarlyRefusal refusal;

    MalformedQueryFilter(EarlyRefusal refusal) {
        this.refusal = refusal;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query == null || wellFormed(query)) {
            chain.doFilter(request, response);
            return;
        }
        refusal.write(request, response, HttpStatus.BAD_REQUEST, "error.badQuery");
    }

    /** Whether every {@code %XX} of {@code query} is a hex pair and the bytes they make are UTF-8. */
    static boolean wellFormed(String query) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(query.length());
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= query.length() || !HexFormat.isHexDigit(query.charAt(i + 1))
                        || !HexFormat.isHexDigit(query.charAt(i + 2))) {
                    return false;
                }
                bytes.write(HexFormat.fromHexDigits(query, i + 1, i + 3));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
