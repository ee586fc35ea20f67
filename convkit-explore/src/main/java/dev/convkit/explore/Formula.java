package dev.convkit.explore;

import dev.convkit.core.window.Windows;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The output-size formulas of one axis with the current numbers substituted, and which input rows
 * or columns the rounding leaves unread. Every number comes from {@link Windows}; this class only
 * writes them down.
 *
 * <pre>{@code
 * Formula.conv(0, 5, 3, 2, 0, 0, 1);
 * // {axis: "H", text: "H_out = ⌊(H + p₀ + p₁ − d·(k − 1) − 1) / s⌋ + 1 = ⌊(5 + 0 + 0 − 1·(3 − 1) − 1) / 2⌋ + 1 = ⌊2 / 2⌋ + 1 = 2",
 * //  size: 2, unread: null}
 * }</pre>
 */
public final class Formula {
    private Formula() {
    }

    static String axisName(int axis) {
        return axis == 0 ? "H" : "W";
    }

    static String lineName(int axis, boolean plural) {
        return axis == 0 ? (plural ? "rows" : "row") : (plural ? "columns" : "column");
    }

    /** A convolution axis: {@code ⌊(L + p₀ + p₁ − d·(k − 1) − 1) / s⌋ + 1}. */
    public static Map<String, Object> conv(int axis, int length, int kernel, int stride, int padLeft, int padRight,
                                           int dilation) {
        String n = axisName(axis);
        long span = Windows.span(length, kernel, (long) padLeft + padRight, dilation);
        long size = Windows.convOutput(length, kernel, stride, (long) padLeft + padRight, dilation);
        String text = String.format(Locale.ROOT,
                "%s_out = ⌊(%s + p₀ + p₁ − d·(k − 1) − 1) / s⌋ + 1 = ⌊(%d + %d + %d − %d·(%d − 1) − 1) / %d⌋ + 1 = ⌊%d / %d⌋ + 1 = %d",
                n, n, length, padLeft, padRight, dilation, kernel, stride, span, stride, size);
        Map<String, Object> m = base(axis, text, size);
        m.put("unread", size > 0 ? unread(axis, length, Windows.reach(size, kernel, stride, dilation) - padLeft, "floor") : null);
        return m;
    }

    /** A pooling axis: {@code ⌊ or ⌈(L + 2p − d·(k − 1) − 1) / s⌉ + 1}, with ceil mode's drop rule. */
    public static Map<String, Object> pool(int axis, int length, int kernel, int stride, int padding, int dilation,
                                           boolean ceilMode) {
        String n = axisName(axis);
        long span = Windows.span(length, kernel, 2L * padding, dilation);
        long quotient = Windows.roundedQuotient(length, kernel, stride, padding, dilation, ceilMode);
        long size = Windows.poolOutput(length, kernel, stride, padding, dilation, ceilMode);
        String open = ceilMode ? "⌈" : "⌊";
        String close = ceilMode ? "⌉" : "⌋";
        String text = String.format(Locale.ROOT,
                "%s_out = %s(%s + 2p − d·(k − 1) − 1) / s%s + 1 = %s(%d + 2·%d − %d·(%d − 1) − 1) / %d%s + 1 = %s%d / %d%s + 1 = %d",
                n, open, n, close, open, length, padding, dilation, kernel, stride, close, open, span, stride, close,
                quotient + 1);
        Map<String, Object> m;
        if (ceilMode && Windows.ceilModeDropsLastWindow(length, kernel, stride, padding, dilation)) {
            text += String.format(Locale.ROOT, ", minus the last window, which would start at %d ≥ %s + p = %d: %d",
                    quotient * stride, n, length + padding, size);
        }
        m = base(axis, text, size);
        m.put("unread", size > 0 && !ceilMode
                ? unread(axis, length, Windows.reach(size, kernel, stride, dilation) - padding, "floor") : null);
        return m;
    }

    /** A transposed convolution axis: {@code (L − 1)·s − 2p + d·(k − 1) + output_padding + 1}. */
    public static Map<String, Object> transposed(int axis, int length, int kernel, int stride, int padding, int dilation,
                                                 int outputPadding) {
        String n = axisName(axis);
        long size = Windows.transposedOutput(length, kernel, stride, padding, dilation, outputPadding);
        String text = String.format(Locale.ROOT,
                "%s_out = (%s − 1)·s − 2p + d·(k − 1) + output_padding + 1 = (%d − 1)·%d − 2·%d + %d·(%d − 1) + %d + 1 = %d",
                n, n, length, stride, padding, dilation, kernel, outputPadding, size);
        Map<String, Object> m = base(axis, text, size);
        m.put("unread", null);
        return m;
    }

    static Map<String, Object> base(int axis, String text, long size) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("axis", axisName(axis));
        m.put("text", text);
        m.put("size", size);
        return m;
    }

    /**
     * The input lines at or after {@code readEnd} (one past the last line a window reaches, in input
     * coordinates), or null when every line up to the end is reached.
     */
    static Map<String, Object> unread(int axis, int length, long readEnd, String rounding) {
        if (readEnd >= length) {
            return null;
        }
        long from = Math.max(0, readEnd);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", from);
        m.put("to", length - 1);
        String what = from == length - 1
                ? lineName(axis, false) + " " + from
                : lineName(axis, true) + " " + from + "–" + (length - 1);
        m.put("text", "the " + rounding + " leaves " + what + " unread");
        return m;
    }
}
