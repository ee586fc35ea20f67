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
 * assert Windows.convOutputSize(5, 3, 1, 0, 1) == 3;             // floor((5 + 0 - 2 - 1) / 1) + 1
 * assert Windows.poolOutputSize(5, 2, 2, 0, 1, true) == 3;       // ceil mode keeps a partial window
 * assert Windows.transposedOutputSize(3, 3, 2, 1, 1, 1) == 6;
 * assert Arrays.equals(Windows.samePadding(7, 4, 1, 1, SameSplit.UPPER), new int[] {1, 2}); // the extra element goes right
 * assert Arrays.equals(Windows.samePadding(5, 3, 2, 1, SameSplit.UPPER), new int[] {1, 1}); // TF: O = ceil(5/2) = 3
 * assert Arrays.equals(Windows.transposedSamePadding(4, 2, 1, SameSplit.UPPER), new int[] {1, 1}); // O = 3*2
 * assert Windows.convOutput(5, 3, 1, 3_000_000_000L, 1) == 3_000_000_003L; // exact in long
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
        return clampToInt(convOutput(length, kernel, stride, padTotal, dilation));
    }

    /** {@link #convOutputSize} exact in {@code long}, for any int parameters (and {@code padTotal} up to 2^32). */
    public static long convOutput(long length, long kernel, long stride, long padTotal, long dilation) {
        return Math.floorDiv(span(length, kernel, padTotal, dilation), stride) + 1;
    }

    /** The numerator of the output-size formulas: {@code L + padTotal - d*(k-1) - 1}. */
    public static long span(long length, long kernel, long padTotal, long dilation) {
        return length + padTotal - dilation * (kernel - 1) - 1;
    }

    /**
     * How far the windows of {@code outputs} outputs reach into the padded input: one past the last
     * tap of the last window, {@code (O-1)*s + d*(k-1) + 1}.
     */
    public static long reach(long outputs, long kernel, long stride, long dilation) {
        return (outputs - 1) * stride + dilation * (kernel - 1) + 1;
    }

    /** The input position of the last tap of the last of {@code outputs} windows: {@code (O-1)*s - p + d*(k-1)}. */
    public static long lastTap(long outputs, long kernel, long stride, long padLeft, long dilation) {
        return (outputs - 1) * stride - padLeft + dilation * (kernel - 1);
    }

    /**
     * The left padding of a unit-stride scatter run as a correlation with the flipped kernel:
     * {@code d*(k-1) - p}. Negative when the padding crops more than the kernel reaches.
     */
    public static long flippedPadding(long kernel, long dilation, long padLeft) {
        return dilation * (kernel - 1) - padLeft;
    }

    /**
     * The input position that tap {@code j} of window {@code o} reads: {@code o*s - padLeft + j*d}.
     * Negative or {@code >= L} means padding.
     */
    public static int tapPosition(int o, int j, int stride, int padLeft, int dilation) {
        return o * stride - padLeft + j * dilation;
    }

    /** {@link #tapPosition} exact in {@code long}, for any int parameters. */
    public static long tapPosition(long o, long j, long stride, long padLeft, long dilation) {
        return o * stride - padLeft + j * dilation;
    }

    /**
     * Pooling output size {@code floor_or_ceil((L + 2p - d*(k-1) - 1) / s) + 1}. In ceil mode a last
     * window that would start at or beyond {@code L + p} (inside the right padding) is dropped, as in
     * PyTorch.
     */
    public static int poolOutputSize(int length, int kernel, int stride, int padding, int dilation, boolean ceilMode) {
        return clampToInt(poolOutput(length, kernel, stride, padding, dilation, ceilMode));
    }

    /** {@link #poolOutputSize} exact in {@code long}. */
    public static long poolOutput(long length, long kernel, long stride, long padding, long dilation, boolean ceilMode) {
        long out = roundedQuotient(length, kernel, stride, padding, dilation, ceilMode) + 1;
        if (ceilMode && (out - 1) * stride >= length + padding) {
            out--;
        }
        return out;
    }

    /** {@code floor} (or {@code ceil}) of {@code span / s}, before ceil mode's drop rule: what the formula shows. */
    public static long roundedQuotient(long length, long kernel, long stride, long padding, long dilation, boolean ceilMode) {
        long span = span(length, kernel, 2 * padding, dilation);
        return ceilMode ? -Math.floorDiv(-span, stride) : Math.floorDiv(span, stride);
    }

    /** Whether ceil mode dropped a last window that would have started in the right padding. */
    public static boolean ceilModeDropsLastWindow(long length, long kernel, long stride, long padding, long dilation) {
        long out = roundedQuotient(length, kernel, stride, padding, dilation, true) + 1;
        return (out - 1) * stride >= length + padding;
    }

    /** Transposed convolution output size {@code (L - 1)*s - 2p + d*(k-1) + outputPadding + 1}. */
    public static int transposedOutputSize(int length, int kernel, int stride, int padding, int dilation,
                                           int outputPadding) {
        return clampToInt(transposedOutput(length, kernel, stride, padding, dilation, outputPadding));
    }

    /** {@link #transposedOutputSize} exact in {@code long}. */
    public static long transposedOutput(long length, long kernel, long stride, long padding, long dilation,
                                        long outputPadding) {
        return transposedOutputCropped(length, kernel, stride, padding, padding, dilation, outputPadding);
    }

    /** {@link #transposedOutputCropped} clamped to the int range. */
    public static int transposedOutputCroppedSize(int length, int kernel, int stride, int cropStart, int cropEnd,
                                                  int dilation, int outputPadding) {
        return clampToInt(transposedOutputCropped(length, kernel, stride, cropStart, cropEnd, dilation, outputPadding));
    }

    /**
     * {@link #transposedOutput} with a different crop at each end: {@code (L - 1)*s - start - end + d*(k-1)
     * + outputPadding + 1}; a negative crop extends the output.
     */
    public static long transposedOutputCropped(long length, long kernel, long stride, long cropStart, long cropEnd,
                                        long dilation, long outputPadding) {
        return (length - 1) * stride - cropStart - cropEnd + dilation * (kernel - 1) + outputPadding + 1;
    }

    /** Default size of max unpooling: {@code (L - 1)*s - 2p + k}. */
    public static int unpoolOutputSize(int length, int kernel, int stride, int padding) {
        return clampToInt(((long) length - 1) * stride - 2L * padding + kernel);
    }

    /**
     * An explicit max-unpooling size must lie strictly between {@code default - s} and {@code default + s}
     * in every dimension (PyTorch's rule).
     */
    public static void requireUnpoolSize(String op, int[] requested, int[] defaults, int[] stride) {
        for (int i = 0; i < requested.length; i++) {
            long low = (long) defaults[i] - stride[i];
            long high = (long) defaults[i] + stride[i];
            if (requested[i] <= low || requested[i] >= high) {
                throw InvalidArgumentException.of("%s: output_size %s: dimension %d must lie strictly between %d and %d "
                        + "(the default size %d ± stride %d)", op, Arrays.toString(requested), i, low, high,
                        defaults[i], stride[i]);
            }
        }
    }

    /**
     * The output_padding of a transposed convolution must be smaller than either the stride or the
     * dilation in every dimension (PyTorch's rule).
     */
    public static void requireOutputPadding(String op, int[] outputPadding, int[] stride, int[] dilation) {
        requireNonNegative(op, "output_padding", outputPadding);
        for (int i = 0; i < outputPadding.length; i++) {
            if (outputPadding[i] >= stride[i] && outputPadding[i] >= dilation[i]) {
                throw InvalidArgumentException.of("%s: output_padding must be smaller than either stride or dilation, "
                        + "got output_padding=%s, stride=%s, dilation=%s", op, Arrays.toString(outputPadding),
                        Arrays.toString(stride), Arrays.toString(dilation));
            }
        }
    }

    /** Sliding pools pad at most half the kernel on each side (PyTorch's rule). */
    public static void requirePoolPadding(String op, int[] padding, int[] kernel) {
        requireNonNegative(op, "padding", padding);
        for (int i = 0; i < padding.length; i++) {
            if (padding[i] > kernel[i] / 2) {
                throw InvalidArgumentException.of("%s: padding must be at most half the kernel size, "
                        + "got padding=%s and kernel_size=%s", op, Arrays.toString(padding), Arrays.toString(kernel));
            }
        }
    }

    /**
     * The first sliding window that reads no input element, or -1: computed, not enumerated, so it
     * costs nothing for huge sizes. Only windows that start in the left padding, or a ceil_mode last
     * window, can miss the input.
     */
    public static long firstEmptyWindow(long length, long kernel, long stride, long padding, long dilation,
                                        boolean ceilMode) {
        long outputs = poolOutput(length, kernel, stride, padding, dilation, ceilMode);
        long leftWindows = Math.min(outputs, padding / stride + 1);
        for (long o = 0; o < leftWindows; o++) {
            if (windowTaps(o, length, kernel, stride, padding, dilation) == 0) {
                return o;
            }
        }
        if (outputs > 0 && windowTaps(outputs - 1, length, kernel, stride, padding, dilation) == 0) {
            return outputs - 1;
        }
        return -1;
    }

    /** How many taps of sliding window {@code o} fall inside {@code [0, L)}. */
    public static long windowTaps(long o, long length, long kernel, long stride, long padding, long dilation) {
        long start = o * stride - padding;
        long firstTap = start < 0 ? -Math.floorDiv(start, dilation) : 0;
        long lastTap = Math.min(kernel - 1, Math.floorDiv(length - 1 - start, dilation));
        return Math.max(0, lastTap - firstTap + 1);
    }

    /**
     * Fractional max pooling fits its windows only when {@code O + K - 1 <= I} in every dimension.
     */
    public static void requireFractionalFit(String op, int[] input, int[] output, int[] kernel) {
        for (int i = 0; i < input.length; i++) {
            if ((long) output[i] + kernel[i] - 1 > input[i]) {
                throw InvalidArgumentException.of("%s: kernel %d does not fit output size %d in input size %d "
                        + "(need output + kernel - 1 <= input) in spatial dimension %d", op, kernel[i], output[i], input[i], i);
            }
        }
    }

    /** The output size fractional max pooling takes from a ratio: {@code floor(I * ratio)}. */
    public static int fractionalOutputSize(int input, double ratio) {
        return (int) (input * ratio);
    }

    /** The number of taps of a window: the product of the kernel sizes, as a double so that it never overflows. */
    public static double kernelVolume(int[] kernel) {
        double volume = 1;
        for (int k : kernel) {
            volume *= k;
        }
        return volume;
    }

    /**
     * Padding 'same' of a convolution, TensorFlow's and ONNX's rule: the output has
     * {@code O = ceil(L/s)} positions and the padding totals {@code max((O-1)*s + d*(k-1) + 1 - L, 0)},
     * split into {@code {start, end}} by {@code split}. For stride 1 the total is {@code d*(k-1)} and
     * {@link SameSplit#UPPER} is PyTorch's padding='same'.
     */
    public static int[] samePadding(int length, int kernel, int stride, int dilation, SameSplit split) {
        long outputs = -Math.floorDiv(-(long) length, stride);
        long total = Math.max(reach(outputs, kernel, stride, dilation) - length, 0);
        long[] sides = split.split(total);
        return new int[] {clampToInt(sides[0]), clampToInt(sides[1])};
    }

    /**
     * Padding 'same' of a transposed convolution, ONNX ConvTranspose's auto_pad rule: the output has
     * {@code L*s} positions (for any input size L), cut from the full output of {@code (L-1)*s + d*(k-1) + 1} positions by
     * {@code {start, end}}, the total {@code d*(k-1) + 1 - s} split by {@code split}. A negative total
     * (a dilated kernel shorter than the stride) extends the output by zeros instead, split the same way.
     */
    public static int[] transposedSamePadding(int kernel, int stride, int dilation, SameSplit split) {
        long total = (long) dilation * (kernel - 1) + 1 - stride;
        long[] sides = total >= 0 ? split.split(total) : negate(split.split(-total));
        return new int[] {clampToInt(sides[0]), clampToInt(sides[1])};
    }

    private static long[] negate(long[] values) {
        return new long[] {-values[0], -values[1]};
    }

    /**
     * A pool's divisor for one window: {@code divisor_override}, else the window's extent inside the
     * padded input ({@code count_include_pad}) or the number of input elements it reads.
     */
    public static double divisor(Integer divisorOverride, boolean countIncludePad, long extent, long count) {
        return divisorOverride != null ? divisorOverride : countIncludePad ? extent : count;
    }

    /**
     * The divisor of every window of one plane, lifted windows (D, H, W) in row-major output order:
     * {@link #divisor} of each window's padded extent and real element count.
     */
    public static double[] divisors(AxisWindows[] w, boolean countIncludePad, Integer divisorOverride) {
        int outPlane = w[0].outputs() * w[1].outputs() * w[2].outputs();
        double[] divisors = new double[outPlane];
        int o = 0;
        for (int od = 0; od < w[0].outputs(); od++) {
            for (int oh = 0; oh < w[1].outputs(); oh++) {
                for (int ow = 0; ow < w[2].outputs(); ow++, o++) {
                    long extent = (long) w[0].extent(od) * w[1].extent(oh) * w[2].extent(ow);
                    long count = (long) w[0].count(od) * w[1].count(oh) * w[2].count(ow);
                    divisors[o] = divisor(divisorOverride, countIncludePad, extent, count);
                }
            }
        }
        return divisors;
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
            double alpha = fractionalAlpha(length, outputSize, kernel);
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

    /** Fractional max pooling's step between window starts: {@code alpha = (L - k) / (O - 1)} (0 for one output). */
    public static double fractionalAlpha(int length, int outputSize, int kernel) {
        return outputSize > 1 ? (double) (length - kernel) / (outputSize - 1) : 0;
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
            count[o] = (int) windowTaps(o, length, kernel, stride, padding, dilation);
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
        Arrays.fill(count, kernel);
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
