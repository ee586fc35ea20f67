package dev.convkit.core.window;

/**
 * The pooling windows of one spatial dimension, clipped to the input. Output {@code o} reads the
 * input positions {@code first[o] + j*step} for {@code j < count[o]}; {@code extent[o]} is the number
 * of positions its window spans inside the padded input, which is what a count_include_pad average
 * divides by. Built by {@link Windows#sliding}, {@link Windows#adaptive} and {@link Windows#fractional}.
 *
 * <pre>{@code
 * AxisWindows w = Windows.sliding(5, 3, 2, 1, 1, false); // L=5, k=3, s=2, p=1
 * assert w.outputs() == 3;
 * assert w.first(0) == 0;   // the window [-1, 2) clipped to [0, 2)
 * assert w.count(0) == 2;
 * assert w.extent(0) == 3;  // the padded position counts
 * }</pre>
 */
public final class AxisWindows {
    private final int length;
    private final int[] first;
    private final int[] count;
    private final int[] extent;
    private final int step;

    AxisWindows(int length, int[] first, int[] count, int[] extent, int step) {
        this.length = length;
        this.first = first;
        this.count = count;
        this.extent = extent;
        this.step = step;
    }

    /** The input size L. */
    public int length() {
        return length;
    }

    /** The number of outputs O. */
    public int outputs() {
        return first.length;
    }

    /** The first input position read by output {@code o}. */
    public int first(int o) {
        return first[o];
    }

    /** How many input positions output {@code o} reads. */
    public int count(int o) {
        return count[o];
    }

    /** How many positions output {@code o}'s window spans in the padded input (the avg divisor with padding). */
    public int extent(int o) {
        return extent[o];
    }

    /** The distance between the positions of one window (the dilation). */
    public int step() {
        return step;
    }

    /**
     * A run of outputs {@code [start, end)} whose windows all read {@code size} positions and start
     * {@code stride} apart: the part of a dimension the fast kernels treat as one strided row.
     */
    public record Run(int start, int end, int stride, int size) {
    }

    /** The longest run of at least two equal windows with evenly spaced starts, or null (dilated windows have none). */
    public Run longestUniformRun() {
        int n = outputs();
        if (n < 2 || step != 1) {
            return null;
        }
        int best = -1;
        int bestLength = 0;
        int start = 0;
        for (int o = 1; o <= n; o++) {
            boolean continues = o < n && count[o] == count[start]
                    && (o - start < 2 || first[o] - first[o - 1] == first[start + 1] - first[start]);
            if (!continues) {
                if (o - start > bestLength) {
                    bestLength = o - start;
                    best = start;
                }
                start = o;
            }
        }
        if (bestLength < 2) {
            return null;
        }
        return new Run(best, best + bestLength, first[best + 1] - first[best], count[best]);
    }

    /** The first input position of every output, in output order (a copy). */
    public int[] firsts() {
        return first.clone();
    }

    /** The number of positions every window reads when they all read the same number, else -1 (fractional windows: the kernel). */
    public int uniformCount() {
        for (int c : count) {
            if (c != count[0]) {
                return -1;
            }
        }
        return count.length == 0 ? -1 : count[0];
    }

    /** The index of the first output whose window reads nothing, or -1 when every window reads something. */
    public int firstEmptyWindow() {
        for (int o = 0; o < count.length; o++) {
            if (count[o] == 0) {
                return o;
            }
        }
        return -1;
    }
}
