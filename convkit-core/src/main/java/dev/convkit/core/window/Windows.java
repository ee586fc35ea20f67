package dev.convkit.core.window;

import dev.convkit.core.InvalidArgumentException;

import java.util.Arrays;

/**
 * The one home of window arithmetic: output sizes, window bounds, padding splits and the checks on
 * stride, padding, dilation and kernel size. Every op takes its index math from here.
 *
 * <p>Notation, per spatial dimension: {@code L} input size, {@code k} kernel size, {@code s} stride,
 * {@code p} padding per side, {@code d} dilation, {@code O} output size.
 *
 * <pre>{@code
 * Windows.convOutputSize(5, 3, 1, 0, 1);              // 3  = floor((5 + 0 - 2 - 1) / 1) + 1
 * Windows.poolOutputSize(5, 2, 2, 0, 1, true);        // 3  (ceil mode keeps a partial window)
 * Windows.transposedOutputSize(3, 3, 2, 1, 1, 1);     // 6
 * Arrays.toString(Windows.samePadding(4, 1));         // [1, 2]: the extra element goes right
 * }</pre>
 */
public final class Windows {
    private Windows() {
    }

    /**
     * Convolution output size {@code floor((L + padTotal - d*(k-1) - 1) / s) + 1}, where padTotal is
     * the sum of both sides' padding ({@code 2p} for symmetric padding). May be zero or negative for a
     * kernel larger than the padded input; {@link #requireKernelFits} rejects that.
     */
    public static int convOutputSize(int length, int kernel, int stride, int padTotal, int dilation) {
        long span = (long) length + padTotal - (long) dilation * (kernel - 1) - 1;
        return clampToInt(Math.floorDiv(span, stride) + 1);
    }

    /**
     * The input position that tap {@code j} of window {@code o} reads: {@code o*s - padLeft + j*d}.
     * Negative or {@code >= L} means padding.
     */
    public static int tapPosition(int o, int j, int stride, int padLeft, int dilation) {
        return o * stride - padLeft + j * dilation;
    }

    /**
     * Pooling output size {@code floor_or_ceil((L + 2p - d*(k-1) - 1) / s) + 1}. In ceil mode a last
     * window that would start at or beyond {@code L + p} (inside the right padding) is dropped, as in
     * PyTorch.
     */
    public static int poolOutputSize(int length, int kernel, int stride, int padding, int dilation, boolean ceilMode) {
        long span = (long) length + 2L * padding - (long) dilation * (kernel - 1) - 1;
        long out = (ceilMode ? -Math.floorDiv(-span, stride) : Math.floorDiv(span, stride)) + 1;
        if (ceilMode && (out - 1) * stride >= (long) length + padding) {
            out--;
        }
        return clampToInt(out);
    }

    /** Whether ceil mode dropped a last window that would have started in the right padding. */
    public static boolean ceilModeDropsLastWindow(int length, int kernel, int stride, int padding, int dilation) {
        long span = (long) length + 2L * padding - (long) dilation * (kernel - 1) - 1;
        long out = -Math.floorDiv(-span, stride) + 1;
        return (out - 1) * stride >= (long) length + padding;
    }

    /** Transposed convolution output size {@code (L - 1)*s - 2p + d*(k-1) + outputPadding + 1}. */
    public static int transposedOutputSize(int length, int kernel, int stride, int padding, int dilation,
                                           int outputPadding) {
        long out = ((long) length - 1) * stride - 2L * padding + (long) dilation * (kernel - 1) + outputPadding + 1;
        return clampToInt(out);
    }

    /** Default size of max unpooling: {@code (L - 1)*s - 2p + k}. */
    public static int unpoolOutputSize(int length, int kernel, int stride, int padding) {
        return clampToInt(((long) length - 1) * stride - 2L * padding + kernel);
    }

    /**
     * Padding 'same' for stride 1: total {@code d*(k-1)}, split as {@code {total/2, total - total/2}}
     * so that the extra element of an even effective kernel goes on the right (bottom, back).
     */
    public static int[] samePadding(int kernel, int dilation) {
        long total = (long) dilation * (kernel - 1);
        int left = clampToInt(total / 2);
        return new int[] {left, clampToInt(total - left)};
    }

    /** First input position of output {@code i} of an adaptive pool: {@code floor(i*L/O)}. */
    public static int adaptiveStart(int i, int length, int outputSize) {
        return (int) ((long) i * length / outputSize);
    }

    /** One past the last input position of output {@code i} of an adaptive pool: {@code ceil((i+1)*L/O)}. */
    public static int adaptiveEnd(int i, int length, int outputSize) {
        return (int) -Math.floorDiv(-((long) (i + 1) * length), outputSize);
    }

    /**
     * Window starts of fractional max pooling for one dimension, in double precision as PyTorch does
     * for float64: {@code alpha = (L - k) / (O - 1)}, {@code start[i] = trunc((i + u)*alpha) - trunc(u*alpha)}
     * for {@code i < O - 1}, and {@code start[O-1] = L - k}.
     */
    public static int[] fractionalStarts(int length, int outputSize, int kernel, double sample) {
        int[] starts = new int[outputSize];
        if (outputSize > 1) {
            double alpha = (double) (length - kernel) / (outputSize - 1);
            long base = (long) (sample * alpha);
            for (int i = 0; i < outputSize - 1; i++) {
                starts[i] = (int) ((long) ((i + sample) * alpha) - base);
            }
        }
        if (outputSize > 0) {
            starts[outputSize - 1] = length - kernel;
        }
        return starts;
    }

    /**
     * The sliding windows of max, avg and lp pooling along one dimension: output {@code o} covers
     * positions {@code o*s - p + j*d}, {@code j < k}, of which those inside {@code [0, L)} are read.
     * The extent is {@code min(o*s - p + k, L + p) - (o*s - p)}: the part of the window inside the
     * padded input (PyTorch's avg divisor with count_include_pad; meaningful for d = 1).
     */
    public static AxisWindows sliding(int length, int kernel, int stride, int padding, int dilation, boolean ceilMode) {
        int outputs = Math.max(0, poolOutputSize(length, kernel, stride, padding, dilation, ceilMode));
        int[] first = new int[outputs];
        int[] count = new int[outputs];
        int[] extent = new int[outputs];
        for (int o = 0; o < outputs; o++) {
            long start = (long) o * stride - padding;
            long firstTap = start < 0 ? -Math.floorDiv(start, dilation) : 0;
            long lastTap = Math.min(kernel - 1L, Math.floorDiv(length - 1L - start, dilation));
            count[o] = (int) Math.max(0, lastTap - firstTap + 1);
            first[o] = (int) (start + firstTap * dilation);
            extent[o] = (int) (Math.min(start + kernel, (long) length + padding) - start);
        }
        return new AxisWindows(length, first, count, extent, dilation);
    }

    /**
     * The windows of adaptive pooling: output {@code i} covers {@code [floor(i*L/O), ceil((i+1)*L/O))}.
     * Windows may overlap, and repeat when O > L.
     */
    public static AxisWindows adaptive(int length, int outputSize) {
        int[] first = new int[outputSize];
        int[] count = new int[outputSize];
        for (int i = 0; i < outputSize; i++) {
            first[i] = adaptiveStart(i, length, outputSize);
            count[i] = adaptiveEnd(i, length, outputSize) - first[i];
        }
        return new AxisWindows(length, first, count, count.clone(), 1);
    }

    /** The windows of fractional max pooling: {@code [start[i], start[i] + k)}, starts from {@link #fractionalStarts}. */
    public static AxisWindows fractional(int length, int outputSize, int kernel, double sample) {
        int[] first = fractionalStarts(length, outputSize, kernel, sample);
        int[] count = new int[outputSize];
        java.util.Arrays.fill(count, kernel);
        return new AxisWindows(length, first, count, count.clone(), 1);
    }

    /**
     * A per-dimension parameter as {@code rank} values: one value applies to every dimension, a list
     * gives one per dimension.
     *
     * @throws InvalidArgumentException naming {@code op} and {@code name} for any other length
     */
    public static int[] expand(String op, String name, int[] values, int rank) {
        if (values.length == rank) {
            return values.clone();
        }
        if (values.length == 1) {
            int[] out = new int[rank];
            Arrays.fill(out, values[0]);
            return out;
        }
        throw InvalidArgumentException.of("%s: %s must have 1 or %d values, got %s",
                op, name, rank, Arrays.toString(values));
    }

    /** Every value must be {@code > 0}. */
    public static void requirePositive(String op, String name, int[] values) {
        for (int v : values) {
            if (v <= 0) {
                throw InvalidArgumentException.of("%s: %s must be positive, got %s=%s",
                        op, name, name, Arrays.toString(values));
            }
        }
    }

    /** Every value must be {@code >= 0}. */
    public static void requireNonNegative(String op, String name, int[] values) {
        for (int v : values) {
            if (v < 0) {
                throw InvalidArgumentException.of("%s: %s must be non-negative, got %s=%s",
                        op, name, name, Arrays.toString(values));
            }
        }
    }

    /**
     * The dilated kernel must fit in the padded input: {@code L + padLeft + padRight >= d*(k-1) + 1}
     * in every dimension, or the output would be empty.
     */
    public static void requireKernelFits(String op, int[] length, int[] kernel, int[] dilation,
                                         int[] padLeft, int[] padRight) {
        for (int i = 0; i < length.length; i++) {
            long padded = (long) length[i] + padLeft[i] + padRight[i];
            long effective = (long) dilation[i] * (kernel[i] - 1) + 1;
            if (padded < effective) {
                throw InvalidArgumentException.of(
                        "%s: kernel larger than the padded input in dimension %d: padded input %d (input %d + padding %d + %d) "
                                + "< dilated kernel %d (dilation %d * (kernel %d - 1) + 1); the output would be empty",
                        op, i, padded, length[i], padLeft[i], padRight[i], effective, dilation[i], kernel[i]);
            }
        }
    }

    /** Per-dimension output sizes must be at least 1. */
    public static void requireNonEmptyOutput(String op, int[] input, int[] output) {
        for (int o : output) {
            if (o < 1) {
                throw InvalidArgumentException.of("%s: output size %s for input size %s is too small: "
                        + "every output dimension must be at least 1", op, Arrays.toString(output), Arrays.toString(input));
            }
        }
    }

    private static int clampToInt(long value) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
