package io.vsip4x.simulator.console;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;

/**
 * Paints a {@link TextScreen} into an image of {@value #CELL_WIDTH} by {@value #CELL_HEIGHT}
 * pixels a cell, pixel by pixel from {@link Glyphs}, so that the same text always gives the same
 * pixels on any machine; repaints only the rows that changed and encodes a band of rows as PNG.
 * Not thread-safe.
 */
final class ScreenPainter {

    static final int CELL_WIDTH = 12;
    static final int CELL_HEIGHT = 20;
    static final int WIDTH = TextScreen.COLUMNS * CELL_WIDTH;
    static final int HEIGHT = TextScreen.ROWS * CELL_HEIGHT;

    private static final int SCALE = 2;
    private static final int GLYPH_LEFT = 1;
    private static final int GLYPH_TOP = 3;
    private static final int CURSOR_TOP = 17;
    private static final int CURSOR_HEIGHT = 2;
    private static final int BACKGROUND = 0x101820;
    private static final int NO_CURSOR = -1;

    private final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    private final int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    private final int[][] painted = new int[TextScreen.ROWS][];
    private final int[] paintedCursor = new int[TextScreen.ROWS];
    private final int[] paintedColour = new int[TextScreen.ROWS];
    /** The row being compared with what was painted. */
    private final int[] current = new int[TextScreen.COLUMNS];

    /** A blank screen; every row is painted by the first {@link #paint}. */
    ScreenPainter() {
        Arrays.fill(pixels, BACKGROUND);
        Arrays.fill(paintedCursor, NO_CURSOR);
    }

    /**
     * Repaints the rows of {@code screen} that differ from what was painted, in {@code colour}
     * (RGB), with the cursor when {@code cursor} is set.
     *
     * @return the first and last row repainted, or {@code null} when nothing changed
     */
    int[] paint(TextScreen screen, int colour, boolean cursor) {
        int first = -1;
        int last = -1;
        for (int row = 0; row < TextScreen.ROWS; row++) {
            for (int column = 0; column < TextScreen.COLUMNS; column++) {
                current[column] = screen.cell(row, column);
            }
            boolean cursorHere = cursor && screen.cursorRow() == row && screen.cursorColumn() < TextScreen.COLUMNS;
            int cursorColumn = cursorHere ? screen.cursorColumn() : NO_CURSOR;
            if (Arrays.equals(current, painted[row]) && cursorColumn == paintedCursor[row]
                    && colour == paintedColour[row]) {
                continue;
            }
            // A copy only for a row that changed: a key press repaints one row, not all of them.
            paintRow(row, current.clone(), colour, cursorColumn);
            first = first < 0 ? row : first;
            last = row;
        }
        return first < 0 ? null : new int[] {first, last};
    }

    /** Rows {@code first} to {@code last} as a PNG image. */
    byte[] png(int first, int last) {
        BufferedImage band = image.getSubimage(0, first * CELL_HEIGHT, WIDTH, (last - first + 1) * CELL_HEIGHT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(band, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode the console screen as PNG", e);
        }
        return out.toByteArray();
    }

    /** A copy of the whole screen as painted. */
    BufferedImage copy() {
        BufferedImage copy = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        copy.setData(image.getData());
        return copy;
    }

    private void paintRow(int row, int[] cells, int colour, int cursorColumn) {
        int top = row * CELL_HEIGHT;
        for (int y = top; y < top + CELL_HEIGHT; y++) {
            Arrays.fill(pixels, y * WIDTH, (y + 1) * WIDTH, BACKGROUND);
        }
        for (int column = 0; column < TextScreen.COLUMNS; column++) {
            if (cells[column] != ' ') {
                paintGlyph(column * CELL_WIDTH + GLYPH_LEFT, top + GLYPH_TOP, Glyphs.rows(cells[column]), colour);
            }
        }
        if (cursorColumn != NO_CURSOR) {
            fill(cursorColumn * CELL_WIDTH + GLYPH_LEFT, top + CURSOR_TOP, Glyphs.WIDTH * SCALE, CURSOR_HEIGHT,
                    colour);
        }
        painted[row] = cells;
        paintedCursor[row] = cursorColumn;
        paintedColour[row] = colour;
    }

    private void paintGlyph(int left, int top, int[] rows, int colour) {
        for (int y = 0; y < Glyphs.HEIGHT; y++) {
            for (int x = 0; x < Glyphs.WIDTH; x++) {
                if ((rows[y] >> (Glyphs.WIDTH - 1 - x) & 1) != 0) {
                    fill(left + x * SCALE, top + y * SCALE, SCALE, SCALE, colour);
                }
            }
        }
    }

    private void fill(int left, int top, int width, int height, int colour) {
        for (int y = top; y < top + height; y++) {
            Arrays.fill(pixels, y * WIDTH + left, y * WIDTH + left + width, colour);
        }
    }
}
