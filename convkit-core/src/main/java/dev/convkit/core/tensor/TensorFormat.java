package dev.convkit.core.tensor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Prints tensors as aligned tables: integers without ".0", other values with up to six significant
 * digits, NaN and infinities by name.
 *
 * <pre>{@code
 * assert TensorFormat.number(109f).equals("109");
 * assert TensorFormat.number(0.25f).equals("0.25");
 * String table = TensorFormat.table(new float[][] {{109, 92}, {110, 85}}); // "109  92\n110  85\n"
 * }</pre>
 */
public final class TensorFormat {
    private static final MathContext SIX_DIGITS = new MathContext(6);

    private TensorFormat() {
    }

    /** One number as the tables print it. */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e15) {
            return new BigDecimal(value).round(SIX_DIGITS).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.5e", value);
    }

    /** Rows of numbers, right-aligned in columns separated by two spaces; each row ends in a newline. */
    public static String table(float[][] rows) {
        String[][] cells = new String[rows.length][];
        int width = 1;
        for (int r = 0; r < rows.length; r++) {
            cells[r] = new String[rows[r].length];
            for (int c = 0; c < rows[r].length; c++) {
                cells[r][c] = number(rows[r][c]);
                width = Math.max(width, cells[r][c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                if (c > 0) {
                    out.append("  ");
                }
                out.append(" ".repeat(width - row[c].length())).append(row[c]);
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The whole tensor: a rank-0/1/2 tensor as one table, a higher rank as one titled table per 2-D
     * slice ({@code [0, 1, :, :]}).
     */
    public static String format(Tensor tensor) {
        int[] shape = tensor.shape();
        if (shape.length <= 2) {
            return table(tensor.matrix());
        }
        int planes = 1;
        for (int i = 0; i < shape.length - 2; i++) {
            planes *= shape[i];
        }
        StringBuilder out = new StringBuilder();
        int[] leading = new int[shape.length - 2];
        for (int p = 0; p < planes; p++) {
            int rest = p;
            for (int i = leading.length - 1; i >= 0; i--) {
                leading[i] = rest % shape[i];
                rest /= shape[i];
            }
            if (p > 0) {
                out.append('\n');
            }
            out.append('[');
            for (int value : leading) {
                out.append(value).append(", ");
            }
            out.append(":, :]\n");
            out.append(table(tensor.matrix(leading)));
        }
        return out.toString();
    }
}
