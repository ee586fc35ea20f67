package dev.convkit.core.pool;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Shape;
import dev.convkit.core.tensor.SpatialLayout;
import dev.convkit.core.tensor.Storage;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.window.AxisWindows;
import dev.convkit.core.window.Windows;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Fractional max pooling in 2 or 3 dimensions (torch.nn.functional.fractional_max_poolNd, Graham
 * 2014), forward and backward.
 *
 * <pre>
 *   per dimension, with sample u in [0, 1) and alpha = (I − K) / (O − 1):
 *   start[i] = trunc((i + u)·alpha) − trunc(u·alpha) for i &lt; O − 1,  start[O − 1] = I − K
 *   out[i] = max over [start[i], start[i] + K)
 * </pre>
 * Each (n, c) plane has its own samples: PyTorch's {@code _random_samples}, shape (N, C, rank), where
 * in 2-d sample 0 drives the width and sample 1 the height, and in 3-d samples 0, 1, 2 drive depth,
 * height and width. Without explicit samples they are drawn from {@code SplittableRandom(seed)}, one
 * {@code nextDouble()} per (n, c, sample) in row-major order, so one seed always gives one result.
 * The arithmetic is in double, as PyTorch does for float64.
 *
 * <p>An output size of 0, a ratio outside (0, 1) and a kernel for which {@code O + K − 1 > I} are
 * rejected.
 *
 * <pre>{@code
 * Tensor c = Tensor.of(new double[][] {{109, 92, 72}, {108, 85, 74}, {110, 74, 79}}).reshape(1, 1, 3, 3);
 * Tensor out = FractionalMaxPool.forward(c, FractionalPoolOptions.pool2d(2).outputSize(2).seed(7)).output();
 * // with I = 3, K = 2, O = 2 the windows start at 0 and 1 whatever the samples
 * assert Arrays.equals(out.data(), new float[] {109, 92, 110, 85});
 * }</pre>
 */
public final class FractionalMaxPool {
    private FractionalMaxPool() {
    }

    /**
     * The forward pass as a context: it keeps each plane's windows (from its samples) and the
     * selected elements; its backward routes by them.
     */
    public static Context run(Tensor input, FractionalPoolOptions options) {
        return run(input, options, true);
    }

    /** The pooled values only (no indices to write): for inference. */
    public static Tensor output(Tensor input, FractionalPoolOptions options) {
        return run(input, options, false).output();
    }

    private static Context run(Tensor input, FractionalPoolOptions options, boolean withIndices) {
        Plan plan = plan(input, options);
        int outPlane = plan.outputPlane();
        float[] out = Storage.floats(plan.planes() * outPlane);
        int[] indices = withIndices ? Storage.ints(out.length) : null;
        int inPlane = plan.layout.planeSize();
        int[] inSize = plan.layout.lifted(plan.layout.spatial());
        AxisWindows[][] windows = new AxisWindows[plan.planes()][];
        PoolEngine engine = MaxPool.engine();
        Parallel.forEach(plan.planes(), p -> {
            windows[p] = plan.windows(p);
            engine.maxPlane(input.data(), p * inPlane, inSize, windows[p], out, p * outPlane, indices);
        });
        int[] shape = plan.layout.shape(plan.layout.channels(), plan.outputSize);
        return new Context(plan, input.shape(), Tensor.wrap(out, shape), withIndices ? IndexTensor.wrapCompact(indices, shape) : null,
                windows);
    }

    /** The forward context of fractional max pooling: per-plane windows, samples and selected elements. */
    public static final class Context extends PoolForward {
        private final Plan plan;
        private final IndexTensor selected;
        private final AxisWindows[][] windows;

        private Context(Plan plan, int[] inputShape, Tensor output, IndexTensor selected, AxisWindows[][] windows) {
            super(plan.op, inputShape, output);
            this.plan = plan;
            this.selected = selected;
            this.windows = windows;
        }

        @Override
        public AxisWindows[] windows(int plane) {
            return windows[plane].clone();
        }

        @Override
        public IndexTensor selected() {
            return selected;
        }

        /** The samples u of every plane, shape (N, C, rank). */
        public Tensor samples() {
            return Tensor.wrap(plan.samples.clone(), plan.layout.batch(), plan.layout.channels(), plan.rank);
        }

        /** The output size per spatial dimension. */
        public int[] outputSize() {
            return plan.outputSize.clone();
        }

        /** The kernel size per spatial dimension. */
        public int[] kernel() {
            return plan.kernel.clone();
        }

        @Override
        Tensor computeGradInput(Tensor gradOutput) {
            return MaxPool.route(selected, gradOutput, inputShape(), plan.layout.planeSize(), plan.outputPlane());
        }
    }

    public static PoolResult forward(Tensor input, FractionalPoolOptions options) {
        Context f = run(input, options);
        return new PoolResult(f.output(), f.selected());
    }

    /** The gradient with respect to the input, for callers without a forward context (it runs the forward). */
    public static Tensor backward(Tensor input, Tensor gradOutput, FractionalPoolOptions options) {
        return run(input, options).gradInput(gradOutput);
    }

    /** The samples drawn from {@code seed}: shape (batch, channels, rank), values in [0, 1). */
    public static Tensor drawSamples(long seed, int batch, int channels, int rank) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[batch * channels * rank];
        for (int i = 0; i < values.length; i++) {
            double u = random.nextDouble();
            values[i] = Math.min((float) u, Math.nextDown(1.0f));
        }
        return Tensor.wrap(values, batch, channels, rank);
    }

    private static final class Plan {
        final String op;
        final SpatialLayout layout;
        final int[] kernel;
        final int[] outputSize;
        final float[] samples;
        final int rank;

        Plan(String op, SpatialLayout layout, int[] kernel, int[] outputSize, float[] samples, int rank) {
            this.op = op;
            this.layout = layout;
            this.kernel = kernel;
            this.outputSize = outputSize;
            this.samples = samples;
            this.rank = rank;
        }

        int planes() {
            return layout.batch() * layout.channels();
        }

        int outputPlane() {
            int size = 1;
            for (int o : outputSize) {
                size *= o;
            }
            return size;
        }

        /** The windows of plane p, lifted to (D, H, W). */
        AxisWindows[] windows(int p) {
            AxisWindows[] w = new AxisWindows[3];
            w[0] = Windows.adaptive(1, 1);
            for (int i = 0; i < rank; i++) {
                // 2-d: sample 0 drives W (spatial 1), sample 1 drives H (spatial 0); 3-d: in order.
                int sampleIndex = rank == 2 ? 1 - i : i;
                double u = samples[p * rank + sampleIndex];
                w[3 - rank + i] = Windows.fractional(layout.spatial()[i], outputSize[i], kernel[i], u);
            }
            return w;
        }
    }

    private static Plan plan(Tensor input, FractionalPoolOptions options) {
        int rank = options.rank();
        String op = "fractional_max_pool" + rank + "d";
        if (rank != 2 && rank != 3) {
            throw InvalidArgumentException.of("fractional max pooling exists in 2 and 3 dimensions, got rank %d", rank);
        }
        SpatialLayout layout = SpatialLayout.of(op, rank, input.shape());
        int[] kernel = Windows.expand(op, "kernel_size", options.kernel(), rank);
        Windows.requirePositive(op, "kernel_size", kernel);
        int[] spatial = layout.spatial();
        int[] out = new int[rank];
        if (options.outputSize() != null) {
            out = Windows.expand(op, "output_size", options.outputSize(), rank);
            Windows.requirePositive(op, "output_size", out);
        } else if (options.outputRatio() != null) {
            double[] ratio = options.outputRatio();
            if (ratio.length != 1 && ratio.length != rank) {
                throw InvalidArgumentException.of("%s: output_ratio must have 1 or %d values, got %s",
                        op, rank, Arrays.toString(ratio));
            }
            for (int i = 0; i < rank; i++) {
                double r = ratio[ratio.length == 1 ? 0 : i];
                if (!(r > 0 && r < 1)) {
                    throw InvalidArgumentException.of("%s: output_ratio must lie strictly between 0 and 1, got %s",
                            op, Arrays.toString(ratio));
                }
                out[i] = Windows.fractionalOutputSize(spatial[i], r);
                if (out[i] == 0) {
                    throw InvalidArgumentException.of("%s: output_ratio %s of input size %d gives output size 0; "
                            + "the output must have at least one element per dimension", op, r, spatial[i]);
                }
            }
        } else {
            throw InvalidArgumentException.of("%s: needs an output_size or an output_ratio", op);
        }
        Windows.requireFractionalFit(op, spatial, out, kernel);
        Shape.checkedNumel(layout.shape(layout.channels(), out));
        Tensor samples = options.samples();
        if (samples == null) {
            samples = drawSamples(options.seed(), layout.batch(), layout.channels(), rank);
        }
        int[] expected = {layout.batch(), layout.channels(), rank};
        if (!Arrays.equals(samples.shape(), expected)) {
            throw InvalidArgumentException.of("%s: random_samples must have shape %s (N, C, %d), got %s",
                    op, Shape.toString(expected), rank, Shape.toString(samples.shape()));
        }
        for (float u : samples.data()) {
            if (!(u >= 0 && u < 1)) {
                throw InvalidArgumentException.of("%s: random_samples must lie in [0, 1), got %s", op, u);
            }
        }
        return new Plan(op, layout, kernel, out, samples.data(), rank);
    }
}
