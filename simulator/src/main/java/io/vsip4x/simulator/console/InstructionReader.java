package io.vsip4x.simulator.console;

import java.io.IOException;
import java.io.Reader;
import java.util.List;
import org.apache.guacamole.GuacamoleException;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.apache.guacamole.protocol.GuacamoleParser;

/**
 * Reads instructions from a client with guacamole-common's {@link GuacamoleParser}, which counts
 * element lengths in code points (its {@code ReaderGuacamoleReader} counts UTF-16 units and
 * breaks on characters outside the Basic Multilingual Plane). Each instruction it returns is a
 * copy: the parser's own ones change as it parses the next. Not thread-safe. Public for the
 * simulator's tests, whose guacd client reads the server's side with it.
 */
public final class InstructionReader {

    /** Room for the longest instruction the parser takes, every character a surrogate pair. */
    private static final int BUFFER = 4 * GuacamoleParser.INSTRUCTION_MAX_LENGTH;

    private final Reader reader;
    private final GuacamoleParser parser = new GuacamoleParser();
    private final char[] buffer = new char[BUFFER];
    private int start;
    private int end;

    /**
     * A reader of the instructions in {@code reader}'s characters.
     *
     * @param reader the characters, as UTF-8 decoded from a socket
     */
    public InstructionReader(Reader reader) {
        this.reader = reader;
    }

    /**
     * The next instruction, blocking until it has arrived whole.
     *
     * @return the instruction, or {@code null} at the end of the stream
     * @throws GuacamoleException when the data is not the Guacamole protocol
     * @throws IOException        when reading fails
     */
    public GuacamoleInstruction read() throws IOException, GuacamoleException {
        while (true) {
            if (parser.hasNext()) {
                // The parser's instruction is a view of an array it reuses for the next one.
                GuacamoleInstruction parsed = parser.next();
                return new GuacamoleInstruction(parsed.getOpcode(), List.copyOf(parsed.getArgs()));
            }
            int parsed = start < end ? parser.append(buffer, start, end - start) : 0;
            if (parsed > 0 || parser.hasNext()) {
                start += parsed;
                continue;
            }
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
            if (end == buffer.length) {
                throw new IOException("An instruction does not fit in " + BUFFER + " characters");
            }
            int count = reader.read(buffer, end, buffer.length - end);
            if (count < 0) {
                return null;
            }
            end += count;
        }
    }
}
