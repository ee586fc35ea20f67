package dev.convkit.cli.explain;

import dev.convkit.cli.UserError;
import java.util.Arrays;

/**
 * Which cells an explanation covers: all of them for small matrices, or the one chosen with
 * {@code --cell i,j} (default 0,0), said out loud so the learner knows the rest was left out.
 */
public record CellSelection(int row, int col, boolean all) {
    /** Above this many cells only one cell is explained. */
    public static final int MAX_CELLS = 36;

    public static CellSelection of(int[] cell, int rows, int cols) {
        if (cell != null) {
            if (cell.length != 2 || cell[0] < 0 || cell[1] < 0 || cell[0] >= rows || cell[1] >= cols) {
                throw new UserError(String.format(
                        "--cell %s is outside the %dx%d matrix (0-based row,col)", Arrays.toString(cell), rows, cols));
            }
            return new CellSelection(cell[0], cell[1], false);
        }
        return new CellSelection(0, 0, rows * cols <= MAX_CELLS);
    }

    public boolean includes(int r, int c) {
        return all || (r == row && c == col);
    }

    /** A note when cells were left out, or an empty string. */
    public String note(String what, int rows, int cols) {
        if (all) {
            return "";
        }
        return String.format("(the %s has %d cells; explaining cell (%d,%d) only: choose another with --cell i,j)%n",
                what, rows * cols, row, col);
    }
}
