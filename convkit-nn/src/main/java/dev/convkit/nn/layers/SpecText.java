package dev.convkit.nn.layers;

import java.util.Arrays;
import java.util.StringJoiner;

/** How layer specs write their values: {@code 3} for 3 in every dimension, {@code 3x5} per dimension. */
final class SpecText {
    private SpecText() {
    }

    static String dims(int[] values) {
        if (Arrays.stream(values).allMatch(v -> v == values[0])) {
            return Integer.toString(values[0]);
        }
        StringJoiner out = new StringJoiner("x");
        for (int v : values) {
            out.add(Integer.toString(v));
        }
        return out.toString();
    }

    static String number(double v) {
        return v == Math.rint(v) && !Double.isInfinite(v) ? Long.toString((long) v) : Double.toString(v);
    }

    static String numbers(double[] values) {
        if (Arrays.stream(values).allMatch(v -> v == values[0])) {
            return number(values[0]);
        }
        StringJoiner out = new StringJoiner("x");
        for (double v : values) {
            out.add(number(v));
        }
        return out.toString();
    }
}
