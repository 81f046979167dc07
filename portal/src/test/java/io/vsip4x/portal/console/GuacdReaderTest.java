package io.vsip4x.portal.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Reader;
import java.io.StringReader;
import java.net.SocketTimeoutException;
import org.apache.guacamole.GuacamoleConnectionClosedException;
import org.apache.guacamole.GuacamoleUpstreamTimeoutException;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.junit.jupiter.api.Test;

/**
 * guacd's instructions as the tunnel reads them: lengths in code points (guacamole-common 1.6.0's
 * own reader counts UTF-16 units and fails on an emoji), whatever way the bytes arrive.
 */
class GuacdReaderTest {

    private static final String TEXT = "测试 ✓ 😀";

    @Test
    void readsElementsWithCharactersOutsideTheBasicPlane() throws Exception {
        String wire = new GuacamoleInstruction("msg", TEXT, "😀😀").toString()
                + new GuacamoleInstruction("sync", "123").toString();
        assertThat(wire).startsWith("3.msg,6." + TEXT + ",2.😀😀;");

        GuacdReader reader = new GuacdReader(new StringReader(wire));

        GuacamoleInstruction first = reader.readInstruction();
        assertThat(first.getOpcode()).isEqualTo("msg");
        assertThat(first.getArgs()).containsExactly(TEXT, "😀😀");
        assertThat(reader.readInstruction().getArgs()).containsExactly("123");
        assertThat(reader.readInstruction()).as("the end of the stream").isNull();
        assertThat(first.getArgs()).as("a copy, not the parser's reused array").containsExactly(TEXT, "😀😀");
    }

    @Test
    void readsInstructionsThatArriveOneCharacterAtATime() throws Exception {
        String wire = new GuacamoleInstruction("clipboard", "1", TEXT).toString().repeat(3);
        GuacdReader reader = new GuacdReader(new Trickle(wire));

        for (int i = 0; i < 3; i++) {
            assertThat(new String(reader.read())).isEqualTo(new GuacamoleInstruction("clipboard", "1", TEXT)
                    .toString());
        }
        assertThat(reader.read()).isNull();
    }

    @Test
    void anInstructionCutOffByTheEndOfTheStreamIsAnError() {
        GuacdReader reader = new GuacdReader(new StringReader("4.sync,3.12"));

        assertThatThrownBy(reader::readInstruction).isInstanceOf(GuacamoleConnectionClosedException.class);
    }

    @Test
    void silenceIsAnUpstreamTimeout() {
        GuacdReader reader = new GuacdReader(new Reader() {
            @Override
            public int read(char[] buffer, int offset, int length) throws SocketTimeoutException {
                throw new SocketTimeoutException("Read timed out");
            }

            @Override
            public void close() {
                // Nothing to close.
            }
        });

        assertThatThrownBy(reader::readInstruction).isInstanceOf(GuacamoleUpstreamTimeoutException.class);
    }

    /** A reader that gives one character per read, splitting surrogate pairs. */
    private static final class Trickle extends Reader {
        private final String text;
        private int next;

        Trickle(String text) {
            this.text = text;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (next >= text.length()) {
                return -1;
            }
            buffer[offset] = text.charAt(next++);
            return 1;
        }

        @Override
        public void close() {
            // Nothing to close.
        }
    }
}
