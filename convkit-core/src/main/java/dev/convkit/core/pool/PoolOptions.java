package dev.convkit.core.pool;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.window.Windows;

/**
 * The parameters of a sliding-window pool (max, avg, lp), as torch.nn.functional takes them.
 * Immutable; per-dimension values take one number or one per spatial dimension.
 *
 * <pre>{@code
 * PoolOptions exercise = PoolOptions.pool2d(2).stride(1);      // the exercise's 2×2, stride-1 window
 * PoolOptions ceil = PoolOptions.pool2d(3).stride(2).padding(1).ceilMode(true);
 * PoolOptions cube = PoolOptions.pool3d(2).countIncludePad(false).divisorOverride(4);
 * PoolOptions wide = PoolOptions.pool2d(2, 3);                 // a 2×3 window
 * assert Arrays.equals(wide.stride(), new int[] {2, 3});      // the stride defaults to the kernel
 * }</pre>
 */
public final class PoolOptions {
    private final int rank;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final boolean ceilMode;
    private final boolean countIncludePad;
    private final Integer divisorOverride;

    private PoolOptions(int rank, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean ceilMode,
                        boolean countIncludePad, Integer divisorOverride) {
        this.rank = rank;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        this.ceilMode = ceilMode;
        this.countIncludePad = countIncludePad;
        this.divisorOverride = divisorOverride;
    }

    /** A 1-d pool with the given kernel size and the defaults of {@link #forRank}. */
    public static PoolOptions pool1d(int... kernel) {
        return forRank(1, kernel);
    }

    /** A 2-d pool with the given kernel size (one value, or rows and columns) and the defaults of {@link #forRank}. */
    public static PoolOptions pool2d(int... kernel) {
        return forRank(2, kernel);
    }

    /** A 3-d pool with the given kernel size and the defaults of {@link #forRank}. */
    public static PoolOptions pool3d(int... kernel) {
        return forRank(3, kernel);
    }

    /**
     * Defaults for a pool with {@code rank} spatial dimensions and the given kernel size: stride = kernel,
     * padding 0, dilation 1, floor mode, count_include_pad true, no divisor override.
     */
    public static PoolOptions forRank(int rank, int... kernel) {
        if (rank < 1 || rank > 3) {
            throw InvalidArgumentException.of("pooling rank must be 1, 2 or 3, got %d", rank);
        }
        return new PoolOptions(rank, kernel.clone(), null, new int[] {0}, new int[] {1}, false, true, null);
    }

    /** The stride; null restores the default (the kernel size). */
    public PoolOptions stride(int... values) {
        return new PoolOptions(rank, kernel, values == null ? null : values.clone(), padding, dilation, ceilMode,
                countIncludePad, divisorOverride);
    }

    public PoolOptions padding(int... values) {
        return new PoolOptions(rank, kernel, stride, values.clone(), dilation, ceilMode, countIncludePad, divisorOverride);
    }

    /** Spacing between window taps (max pooling only). */
    public PoolOptions dilation(int... values) {
        return new PoolOptions(rank, kernel, stride, padding, values.clone(), ceilMode, countIncludePad, divisorOverride);
    }

    /** Round the output size up, keeping a last partial window that starts inside the input or left padding. */
    public PoolOptions ceilMode(boolean value) {
        return new PoolOptions(rank, kernel, stride, padding, dilation, value, countIncludePad, divisorOverride);
    }

    /** Whether an average counts the zero padding in its divisor (avg pooling only). */
    public PoolOptions countIncludePad(boolean value) {
        return new PoolOptions(rank, kernel, stride, padding, dilation, ceilMode, value, divisorOverride);
    }

    /** A fixed divisor for every window (avg pooling only); null for none. */
    public PoolOptions divisorOverride(Integer value) {
        return new PoolOptions(rank, kernel, stride, padding, dilation, ceilMode, countIncludePad, value);
    }

    public int rank() {
        return rank;
    }

    /**
     * Kernel, stride and padding, one value per spatial dimension.
     *
     * @param kernel  kernel_size
     * @param stride  the stride (the kernel size when none was given)
     * @param padding padding per side
     */
    public record Window(int[] kernel, int[] stride, int[] padding) {
    }

    /** Kernel, stride and padding expanded to one value per dimension and checked (positive, positive, non-negative). */
    public Window checkedWindow(String op) {
        int[] k = Windows.expand(op, "kernel_size", kernel(), rank);
        Windows.requirePositive(op, "kernel_size", k);
        int[] s = Windows.expand(op, "stride", stride(), rank);
        Windows.requirePositive(op, "stride", s);
        int[] p = Windows.expand(op, "padding", padding(), rank);
        Windows.requireNonNegative(op, "padding", p);
        return new Window(k, s, p);
    }

    public int[] kernel() {
        return kernel.clone();
    }

    /** The stride as given, or the kernel size when none was. */
    public int[] stride() {
        return stride == null ? kernel.clone() : stride.clone();
    }

    public int[] padding() {
        return padding.clone();
    }

    public int[] dilation() {
        return dilation.clone();
    }

    public boolean ceilMode() {
        return ceilMode;
    }

    public boolean countIncludePad() {
        return countIncludePad;
    }

    public Integer divisorOverride() {
        return divisorOverride;
    }
}
