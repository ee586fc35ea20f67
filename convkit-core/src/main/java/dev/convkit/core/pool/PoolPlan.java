package dev.convkit.core.pool;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Shape;
import dev.convkit.core.tensor.SpatialLayout;
import dev.convkit.core.window.AxisWindows;
import dev.convkit.core.window.Windows;

import java.util.Arrays;

/**
 * A pooling call checked and resolved: the input layout and the windows of each (lifted) spatial
 * dimension. Fractional pooling, whose windows differ per plane, keeps only the layout and output size
 * here and builds its windows per plane.
 *
 * <pre>{@code
 * PoolPlan plan = PoolPlan.sliding("max_pool2d", new int[] {1, 1, 5, 5}, PoolOptions.pool2d(2).stride(2), true);
 * assert Arrays.equals(plan.outputShape(), new int[] {1, 1, 2, 2}); // the floor drops the last row and column
 * }</pre>
 */
public final class PoolPlan {
    private final String op;
    private final SpatialLayout layout;
    private final AxisWindows[] windows;
    private final int[] outputSpatial;
    private final double kernelVolume;

    PoolPlan(String op, SpatialLayout layout, AxisWindows[] windows, int[] outputSpatial, double kernelVolume) {
        this.op = op;
        this.kernelVolume = kernelVolume;
        this.layout = layout;
        this.windows = windows;
        this.outputSpatial = outputSpatial;
        Shape.checkedNumel(outputShape());
    }

    /**
     * The plan of a sliding-window pool (max, avg, lp), with PyTorch's checks: positive kernel and
     * stride, padding between 0 and half the kernel, positive dilation, and a non-empty output.
     *
     * @param allowDilation whether the op has a dilation parameter (max pooling)
     */
    public static PoolPlan sliding(String op, int[] inputShape, PoolOptions options, boolean allowDilation) {
        int rank = options.rank();
        SpatialLayout layout = SpatialLayout.of(op, rank, inputShape);
        PoolOptions.Window window = options.checkedWindow(op);
        int[] kernel = window.kernel();
        int[] stride = window.stride();
        int[] padding = window.padding();
        int[] dilation = Windows.expand(op, "dilation", options.dilation(), rank);
        Windows.requirePositive(op, "dilation", dilation);
        if (!allowDilation && Arrays.stream(dilation).anyMatch(d -> d != 1)) {
            throw InvalidArgumentException.of("%s: has no dilation parameter, got dilation=%s", op, Arrays.toString(dilation));
        }
        int[] spatial = layout.spatial();
        int[] out = outputSize(op, spatial, window, dilation, options.ceilMode());
        AxisWindows[] windows = new AxisWindows[3];
        for (int i = 0; i < rank; i++) {
            windows[3 - rank + i] = Windows.sliding(spatial[i], kernel[i], stride[i], padding[i], dilation[i], options.ceilMode());
        }
        fillLeading(windows);
        return new PoolPlan(op, layout, windows, out, Windows.kernelVolume(kernel));
    }

    /**
     * The output size of a sliding pool, with every check PyTorch makes and none of the windows built:
     * padding at most half the kernel, a non-empty output, and no window that reads no input element
     * (which dilation or ceil_mode can cause). {@code convkit shape} and the pools share this call.
     */
    public static int[] outputSize(String op, int[] spatial, PoolOptions.Window window, int[] dilation, boolean ceilMode) {
        int rank = spatial.length;
        int[] kernel = window.kernel();
        int[] stride = window.stride();
        int[] padding = window.padding();
        Windows.requirePoolPadding(op, padding, kernel);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            long o = Windows.poolOutput(spatial[i], kernel[i], stride[i], padding[i], dilation[i], ceilMode);
            out[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, o));
        }
        if (Arrays.stream(out).anyMatch(o -> o < 1)) {
            // name the usual cause; ceil_mode can still fit a partial window, so only when the output is empty
            Windows.requireKernelFits(op, spatial, kernel, dilation, padding, padding);
            Windows.requireNonEmptyOutput(op, spatial, out);
        }
        for (int i = 0; i < rank; i++) {
            long empty = Windows.firstEmptyWindow(spatial[i], kernel[i], stride[i], padding[i], dilation[i], ceilMode);
            if (empty >= 0) {
                throw InvalidArgumentException.of("%s: window %d of spatial dimension %d reads no input element "
                        + "(input %d, kernel %d, stride %d, padding %d, dilation %d): every window must overlap the input",
                        op, empty, i, spatial[i], kernel[i], stride[i], padding[i], dilation[i]);
            }
        }
        return out;
    }

    /**
     * The plan of an adaptive pool. {@code outputSize} has one entry or one per dimension; {@link #KEEP} keeps
     * the input's size. Zero gives an empty output; a negative size is an error.
     */
    public static PoolPlan adaptive(String op, int rank, int[] inputShape, int[] outputSize) {
        SpatialLayout layout = SpatialLayout.of(op, rank, inputShape);
        int[] requested = Windows.expand(op, "output_size", outputSize, rank);
        int[] out = new int[rank];
        AxisWindows[] windows = new AxisWindows[3];
        for (int i = 0; i < rank; i++) {
            out[i] = requested[i] == KEEP ? layout.spatial()[i] : requested[i];
            if (out[i] < 0) {
                throw InvalidArgumentException.of("%s: output_size must be non-negative (or null to keep the input size), got %s",
                        op, Arrays.toString(outputSize));
            }
        }
        Shape.checkedNumel(layout.shape(layout.channels(), out));
        for (int i = 0; i < rank; i++) {
            windows[3 - rank + i] = Windows.adaptive(layout.spatial()[i], out[i]);
        }
        fillLeading(windows);
        return new PoolPlan(op, layout, windows, out, 0);
    }

    /** Marks an adaptive output size that keeps the input size (PyTorch's None). */
    public static final int KEEP = Integer.MIN_VALUE;

    private static void fillLeading(AxisWindows[] windows) {
        for (int i = 0; i < windows.length; i++) {
            if (windows[i] == null) {
                windows[i] = Windows.adaptive(1, 1);
            }
        }
    }

    public String op() {
        return op;
    }

    public SpatialLayout layout() {
        return layout;
    }

    /** The windows of the lifted dimensions (D, H, W). */
    public AxisWindows[] windows() {
        return windows.clone();
    }

    /** The output's spatial size. */
    public int[] outputSpatial() {
        return outputSpatial.clone();
    }

    /** The output's shape, batched like the input. */
    public int[] outputShape() {
        return layout.shape(layout.channels(), outputSpatial);
    }

    /** The product of the kernel sizes (sliding pools; 0 for adaptive ones). */
    public double kernelVolume() {
        return kernelVolume;
    }

    /** N × C: the number of planes pooled independently. */
    public int planes() {
        return layout.batch() * layout.channels();
    }

    /** The spatial size of the input lifted to 3 dimensions. */
    public int[] inputSize() {
        return layout.lifted(layout.spatial());
    }

    /** The number of input elements per plane. */
    public int inputPlane() {
        return layout.planeSize();
    }

    /** The number of output elements per plane. */
    public int outputPlane() {
        int size = 1;
        for (int o : outputSpatial) {
            size *= o;
        }
        return size;
    }
}
