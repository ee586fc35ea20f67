package dev.convkit.core.pool;

import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Storage;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.window.Windows;

/**
 * Adaptive average and max pooling in 1, 2 or 3 dimensions (torch.nn.functional.adaptive_avg_poolNd,
 * adaptive_max_poolNd), forward and backward.
 *
 * <pre>
 *   window of output i along a dimension: [floor(i·I/O), ceil((i+1)·I/O))
 *   avg: mean over the window;  max: PyTorch's selection rule, with indices
 * </pre>
 * Windows may overlap, and the output may be larger than the input (windows then repeat). An
 * output size of {@link PoolPlan#KEEP} (PyTorch's None) keeps that input size; 0 gives an empty
 * output; a negative size is an error.
 *
 * <pre>{@code
 * Tensor c = Tensor.of(new double[][] {{109, 92, 72}, {108, 85, 74}, {110, 74, 79}}).reshape(1, 1, 3, 3);
 * Tensor avg = AdaptivePool.avgForward(c, 2, 2); // windows [0,2) and [1,3) in each dimension
 * assert Arrays.equals(avg.data(), new float[] {98.5f, 80.75f, 94.25f, 78f});
 * Tensor max = AdaptivePool.maxForward(c, 2, 1, 2).output(); // one row window [0,3); column windows [0,2) and [1,3)
 * assert Arrays.equals(max.data(), new float[] {110, 92});
 * }</pre>
 */
public final class AdaptivePool {
    private AdaptivePool() {
    }

    /** Adaptive average pooling to {@code outputSize} as a forward context. */
    public static PoolForward runAvg(Tensor input, int rank, int... outputSize) {
        PoolPlan plan = PoolPlan.adaptive("adaptive_avg_pool" + rank + "d", rank, input.shape(), outputSize);
        double[] counts = Windows.divisors(plan.windows(), false, null);
        return AvgPool.averaging(plan, input.shape(), counts,
                MaxPool.engine().means(input.data(), plan.planes(), plan.inputSize(), plan.windows(), counts));
    }

    /** Adaptive max pooling to {@code outputSize} as a forward context. */
    public static PoolForward runMax(Tensor input, int rank, int... outputSize) {
        PoolPlan plan = PoolPlan.adaptive("adaptive_max_pool" + rank + "d", rank, input.shape(), outputSize);
        float[] out = Storage.floats(plan.planes() * plan.outputPlane());
        int[] indices = Storage.ints(out.length);
        MaxPool.engine().max(input.data(), plan.planes(), plan.inputSize(), plan.windows(), out, indices, false);
        return MaxPool.selecting(plan, input.shape(), Tensor.wrap(out, plan.outputShape()),
                IndexTensor.wrapCompact(indices, plan.outputShape()));
    }

    /** Adaptive max pooling's values only (no indices to write): for inference. */
    public static Tensor maxOutput(Tensor input, int rank, int... outputSize) {
        PoolPlan plan = PoolPlan.adaptive("adaptive_max_pool" + rank + "d", rank, input.shape(), outputSize);
        float[] out = Storage.floats(plan.planes() * plan.outputPlane());
        MaxPool.engine().max(input.data(), plan.planes(), plan.inputSize(), plan.windows(), out, null, false);
        return Tensor.wrap(out, plan.outputShape());
    }

    /** Adaptive average pooling to {@code outputSize}, with {@code rank} spatial dimensions. */
    public static Tensor avgForward(Tensor input, int rank, int... outputSize) {
        return runAvg(input, rank, outputSize).output();
    }

    /** The gradient of {@link #avgForward}: each window's gradient spread evenly over its elements. */
    public static Tensor avgBackward(Tensor input, Tensor gradOutput, int rank, int... outputSize) {
        PoolPlan plan = PoolPlan.adaptive("adaptive_avg_pool" + rank + "d", rank, input.shape(), outputSize);
        return AvgPool.averaging(plan, input.shape(), Windows.divisors(plan.windows(), false, null), null)
                .gradInput(gradOutput);
    }

    /** Adaptive max pooling to {@code outputSize}: values and per-plane indices. */
    public static PoolResult maxForward(Tensor input, int rank, int... outputSize) {
        PoolForward f = runMax(input, rank, outputSize);
        return new PoolResult(f.output(), f.selected());
    }

    /** The gradient of {@link #maxForward}, for callers without a forward context: routed to each window's selected element. */
    public static Tensor maxBackward(Tensor input, Tensor gradOutput, int rank, int... outputSize) {
        return runMax(input, rank, outputSize).gradInput(gradOutput);
    }
}
