package io.vsip4x.portal.console;

import java.io.IOException;
import java.io.Reader;
import java.net.SocketTimeoutException;
import java.util.List;
import org.apache.guacamole.GuacamoleConnectionClosedException;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.GuacamoleServerException;
import org.apache.guacamole.GuacamoleUpstreamTimeoutException;
import org.apache.guacamole.io.GuacamoleReader;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.apache.guacamole.protocol.GuacamoleParser;

/**
 * Reads guacd's instructions with guacamole-common's {@link GuacamoleParser}, which counts element
 * lengths in code points as the protocol does. guacamole-common 1.6.0's own
 * {@code ReaderGuacamoleReader} counts UTF-16 units and breaks on the first character outside the
 * Basic Multilingual Plane (an emoji in the clipboard), so the tunnel does not use it. Each
 * instruction it returns is a copy. Not thread-safe: one thread reads.
 */
final class GuacdReader implements GuacamoleReader {

    /** Room for the longest element the parser accepts (8192 code points, two units each) and more. */
    private static final int BUFFER = 1 << 15;

    private final Reader input;
    private final char[] buffer = new char[BUFFER];
    private GuacamoleParser parser = new GuacamoleParser();
    private int start;
    private int end;

    GuacdReader(Reader input) {
        this.input = input;
    }

    @Override
    public boolean available() throws GuacamoleException {
        try {
            return parser.hasNext() || start < end || input.ready();
        } catch (IOException e) {
            throw new GuacamoleServerException("guacd's connection failed", e);
        }
    }

    @Override
    public char[] read() throws GuacamoleException {
        GuacamoleInstruction instruction = readInstruction();
        return instruction == null ? null : instruction.toString().toCharArray();
    }

    /**
     * The next instruction, or {@code null} when guacd closed the connection between instructions.
     *
     * @throws GuacamoleUpstreamTimeoutException when guacd sent nothing for the socket's read time-out
     * @throws GuacamoleConnectionClosedException when guacd closed the connection inside an instruction
     */
    @Override
    public GuacamoleInstruction readInstruction() throws GuacamoleException {
        while (!parser.hasNext()) {
            if (start < end) {
                int parsed = append();
                if (parsed > 0 || parser.hasNext()) {
                    continue;
                }
            }
            if (!fill()) {
                if (start < end) {
                    throw new GuacamoleConnectionClosedException("guacd closed the connection inside an instruction");
                }
                return null;
            }
        }
        // The parser's instruction is a view of an array it reuses for the next one.
        GuacamoleInstruction parsed = parser.next();
        return new GuacamoleInstruction(parsed.getOpcode(), List.copyOf(parsed.getArgs()));
    }

    private int append() throws GuacamoleException {
        try {
            int parsed = parser.append(buffer, start, end - start);
            start += parsed;
            return parsed;
        } catch (GuacamoleException e) {
            parser = new GuacamoleParser();
            throw e;
        }
    }

    /** Reads more after what is left unparsed; {@code false} at the end of the stream. */
    private boolean fill() throws GuacamoleException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            throw new GuacamoleServerException("guacd sent an instruction longer than the protocol allows");
        }
        try {
            int read = input.read(buffer, end, buffer.length - end);
            if (read < 0) {
                return false;
            }
            end += read;
            return true;
        } catch (SocketTimeoutException e) {
            throw new GuacamoleUpstreamTimeoutException("guacd sent nothing for too long", e);
        } catch (IOException e) {
            throw new GuacamoleConnectionClosedException("guacd's connection failed", e);
        }
    }
}
