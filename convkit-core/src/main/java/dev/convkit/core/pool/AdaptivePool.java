package dev.convkit.core.pool;

import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;

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
 * AdaptivePool.avg(c, 2, 2);           // [[98.5, 80.75], [94.25, 78]]: windows [0,2) and [1,3)
 * AdaptivePool.max(c, 2, 1, 2).output(); // [[110, 92]]: one row window [0,3), column windows [0,2) and [1,3)
 * }</pre>
 */
public final class AdaptivePool {
    private AdaptivePool() {
    }

    /** Adaptive average pooling to {@code outputSize}, with {@code rank} spatial dimensions. */
    public static Tensor avg(Tensor input, int rank, int... outputSize) {
        PoolPlan plan = PoolPlan.adaptive("adaptive_avg_pool" + rank + "d", rank, input.shape(), outputSize);
        float[] sums = PoolEngine.active().sums(input.data(), plan.planes(), plan.inputSize(), plan.windows());
        int[] counts = PoolKernels.windowSizes(plan.windows(), false);
        for (int i = 0; i < sums.length; i++) {
            sums[i] /= counts[i % counts.length];
        }
        return Tensor.wrap(sums, plan.outputShape());
    }

    /** The gradient of {@link #avg}: each window's gradient spread evenly over its elements. */
    public static Tensor avgBackward(Tensor input, Tensor gradOutput, int rank, int... outputSize) {
        PoolPlan plan = PoolPlan.adaptive("adaptive_avg_pool" + rank + "d", rank, input.shape(), outputSize);
        plan.requireGradShape(gradOutput.shape());
        int[] counts = PoolKernels.windowSizes(plan.windows(), false);
        float[] g = gradOutput.data();
        float[] perWindow = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            perWindow[i] = g[i] / counts[i % counts.length];
        }
        return Tensor.wrap(PoolEngine.active().spread(perWindow, plan.planes(), plan.inputSize(), plan.windows()),
                input.shape());
    }

    /** Adaptive max pooling to {@code outputSize}: values and per-plane indices. */
    public static PoolResult max(Tensor input, int rank, int... outputSize) {
        PoolPlan plan = PoolPlan.adaptive("adaptive_max_pool" + rank + "d", rank, input.shape(), outputSize);
        float[] out = new float[plan.planes() * plan.outputPlane()];
        long[] indices = new long[out.length];
        PoolEngine.active().max(input.data(), plan.planes(), plan.inputSize(), plan.windows(), out, indices, false);
        return new PoolResult(Tensor.wrap(out, plan.outputShape()), IndexTensor.wrap(indices, plan.outputShape()));
    }

    /** The gradient of {@link #max}: routed to each window's selected element. */
    public static Tensor maxBackward(Tensor input, Tensor gradOutput, int rank, int... outputSize) {
        PoolPlan plan = PoolPlan.adaptive("adaptive_max_pool" + rank + "d", rank, input.shape(), outputSize);
        plan.requireGradShape(gradOutput.shape());
        return MaxPool.backward(max(input, rank, outputSize).indices(), gradOutput, input.shape(), rank);
    }
}
