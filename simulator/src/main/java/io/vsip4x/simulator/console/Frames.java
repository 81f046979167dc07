package io.vsip4x.simulator.console;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.apache.guacamole.protocol.GuacamoleInstruction;
import org.apache.guacamole.protocol.GuacamoleStatus;

/**
 * The instructions the simulator sends, encoded by guacamole-common (element lengths in code
 * points, as the protocol counts them). Streamed data goes in {@code blob}s of at most
 * {@value #BLOB_BYTES} bytes before Base64, as guacd does.
 */
final class Frames {

    static final int BLOB_BYTES = 6048;
    /** The default layer, the one the client shows. */
    static final String LAYER = "0";
    /** The image stream's index. */
    static final String IMAGE_STREAM = "1";
    /** The index of the clipboard stream the simulator sends. */
    static final String CLIPBOARD_STREAM = "2";

    private static final String COMPOSITE_OVER = "14";

    private Frames() {
    }

    /** One instruction, encoded. */
    static String instruction(String opcode, String... args) {
        return new GuacamoleInstruction(opcode, args).toString();
    }

    /** {@code size} of the default layer. */
    static String size(int width, int height) {
        return instruction("size", LAYER, Integer.toString(width), Integer.toString(height));
    }

    /** A PNG image drawn at {@code x}, {@code y} of the default layer, then {@code sync}. */
    static List<String> image(byte[] png, int x, int y) {
        List<String> out = new ArrayList<>();
        out.add(instruction("img", IMAGE_STREAM, COMPOSITE_OVER, LAYER, "image/png", Integer.toString(x),
                Integer.toString(y)));
        for (int start = 0; start < png.length; start += BLOB_BYTES) {
            int end = Math.min(png.length, start + BLOB_BYTES);
            out.add(blob(IMAGE_STREAM, png, start, end));
        }
        out.add(instruction("end", IMAGE_STREAM));
        out.add(instruction("sync", Long.toString(System.currentTimeMillis()), "1"));
        return out;
    }

    /**
     * {@code text} as a {@code text/plain} clipboard stream in UTF-8; each blob ends on a
     * character boundary.
     */
    static List<String> clipboard(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        out.add(instruction("clipboard", CLIPBOARD_STREAM, "text/plain"));
        int start = 0;
        while (start < bytes.length) {
            int end = Math.min(bytes.length, start + BLOB_BYTES);
            while (end < bytes.length && (bytes[end] & 0xC0) == 0x80) {
                end--;
            }
            out.add(blob(CLIPBOARD_STREAM, bytes, start, end));
            start = end;
        }
        out.add(instruction("end", CLIPBOARD_STREAM));
        return out;
    }

    /** {@code ack} of a client stream's blob: received. */
    static String ackOk(String stream) {
        return instruction("ack", stream, "OK", code(GuacamoleStatus.SUCCESS));
    }

    /** {@code ack} refusing a client stream the simulator does not take. */
    static String ackUnsupported(String stream) {
        return instruction("ack", stream, "Unsupported stream", code(GuacamoleStatus.UNSUPPORTED));
    }

    /** {@code error} with a message and a Guacamole status code. */
    static String error(String message, GuacamoleStatus status) {
        return instruction("error", message, code(status));
    }

    /** {@code nop}: keeps an idle connection alive. */
    static String nop() {
        return instruction("nop");
    }

    private static String code(GuacamoleStatus status) {
        return Integer.toString(status.getGuacamoleStatusCode());
    }

    private static String blob(String stream, byte[] data, int start, int end) {
        byte[] chunk = Arrays.copyOfRange(data, start, end);
        return instruction("blob", stream, Base64.getEncoder().encodeToString(chunk));
    }
}
