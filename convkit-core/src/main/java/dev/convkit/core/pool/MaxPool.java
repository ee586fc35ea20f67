package dev.convkit.core.pool;

import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Tensor;

/**
 * Max pooling in 1, 2 or 3 dimensions (torch.nn.functional.max_poolNd), forward and backward.
 *
 * <pre>
 *   out[o] = max over j of in[o·s − p + j·d],  positions outside the input ignored
 *   O = floor_or_ceil((I + 2P − D·(K−1) − 1) / S) + 1
 * </pre>
 * Ties pick the first maximum in row-major order; any NaN in a window makes the output NaN (its last
 * NaN is the index). Indices are flat offsets within the input plane. The backward routes each
 * output gradient to its selected element.
 *
 * <p>The exercise's 2×2, stride-1 max pooling of C:
 * <pre>{@code
 * Tensor c = Tensor.of(new double[][] {{109, 92, 72}, {108, 85, 74}, {110, 74, 79}}).reshape(1, 1, 3, 3);
 * PoolResult r = MaxPool.forward(c, PoolOptions.of(2, 2).stride(1));
 * // r.output()  = [[109, 92], [110, 85]]
 * // r.indices() = [[0, 1], [6, 4]]
 * }</pre>
 */
public final class MaxPool {
    private MaxPool() {
    }

    /** The pooled values and the index of each. */
    public static PoolResult forward(Tensor input, PoolOptions options) {
        PoolPlan plan = plan(input, options);
        float[] out = new float[plan.planes() * plan.outputPlane()];
        long[] indices = new long[out.length];
        PoolKernels.max(input.data(), plan.planes(), plan.inputSize(), plan.windows(), out, indices, false);
        return new PoolResult(Tensor.wrap(out, plan.outputShape()), IndexTensor.wrap(indices, plan.outputShape()));
    }

    /** The gradient with respect to the input: each output gradient added to its selected element. */
    public static Tensor backward(Tensor input, Tensor gradOutput, PoolOptions options) {
        PoolPlan plan = plan(input, options);
        plan.requireGradShape(gradOutput.shape());
        IndexTensor indices = forward(input, options).indices();
        return Tensor.wrap(PoolKernels.route(indices.data(), gradOutput.data(), plan.planes(), plan.inputPlane(),
                plan.outputPlane()), input.shape());
    }

    private static PoolPlan plan(Tensor input, PoolOptions options) {
        return PoolPlan.sliding("max_pool" + options.rank() + "d", input.shape(), options, true);
    }
}
