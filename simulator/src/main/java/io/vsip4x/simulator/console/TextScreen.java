package io.vsip4x.simulator.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A text console of {@value #COLUMNS} by {@value #ROWS} cells with a cursor: text is written at
 * the cursor, wraps at the right edge and scrolls up at the bottom. Not thread-safe.
 */
final class TextScreen {

    static final int COLUMNS = 80;
    static final int ROWS = 25;

    private final int[][] cells = new int[ROWS][COLUMNS];
    private int row;
    private int column;

    TextScreen() {
        clear();
    }

    /** Blanks every cell and puts the cursor top left. */
    void clear() {
        for (int[] line : cells) {
            Arrays.fill(line, ' ');
        }
        row = 0;
        column = 0;
    }

    /** Writes {@code text} at the cursor; {@code \n} moves to the start of the next line. */
    void write(String text) {
        text.codePoints().forEach(this::put);
    }

    /** Writes one character at the cursor. */
    void put(int codePoint) {
        if (codePoint == '\n') {
            newLine();
            return;
        }
        if (column == COLUMNS) {
            newLine();
        }
        cells[row][column++] = Character.isISOControl(codePoint) ? ' ' : codePoint;
    }

    /** Blanks the cell left of the cursor and moves there; nothing at the start of a line. */
    void backspace() {
        if (column > 0) {
            cells[row][--column] = ' ';
        }
    }

    /** Writes {@code text} centred on row {@code at}. */
    void centre(int at, String text) {
        int length = text.codePointCount(0, text.length());
        row = at;
        column = Math.max(0, (COLUMNS - length) / 2);
        write(text);
    }

    /** The cursor's row. */
    int cursorRow() {
        return row;
    }

    /** The cursor's column; {@value #COLUMNS} when the line is full. */
    int cursorColumn() {
        return column;
    }

    /** The character in the cell at {@code atRow}, {@code atColumn}. */
    int cell(int atRow, int atColumn) {
        return cells[atRow][atColumn];
    }

    /** The text of row {@code atRow}, trailing blanks left out. */
    String line(int atRow) {
        int end = COLUMNS;
        while (end > 0 && cells[atRow][end - 1] == ' ') {
            end--;
        }
        return new String(cells[atRow], 0, end);
    }

    /** The rows' text joined by {@code \n}, trailing blanks and trailing empty rows left out. */
    String text() {
        List<String> lines = new ArrayList<>();
        for (int at = 0; at < ROWS; at++) {
            lines.add(line(at));
        }
        int last = lines.size();
        while (last > 0 && lines.get(last - 1).isEmpty()) {
            last--;
        }
        return String.join("\n", lines.subList(0, last));
    }

    private void newLine() {
        column = 0;
        if (row < ROWS - 1) {
            row++;
            return;
        }
        System.arraycopy(cells, 1, cells, 0, ROWS - 1);
        cells[ROWS - 1] = new int[COLUMNS];
        Arrays.fill(cells[ROWS - 1], ' ');
    }
}
