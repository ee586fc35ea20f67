package dev.convkit.core.pool;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.backend.Backend;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Shape;
import dev.convkit.core.tensor.Storage;
import dev.convkit.core.tensor.Tensor;

import java.util.Arrays;

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
 * PoolResult r = MaxPool.forward(c, PoolOptions.pool2d(2).stride(1));
 * assert Arrays.equals(r.output().data(), new float[] {109, 92, 110, 85});
 * assert Arrays.equals(r.indices().data(), new long[] {0, 1, 6, 4});
 * }</pre>
 */
public final class MaxPool {
    private MaxPool() {
    }

    /** The forward pass as a context: output, selected indices, and the backward that routes by them. */
    public static PoolForward run(Tensor input, PoolOptions options) {
        PoolPlan plan = plan(input, options);
        float[] out = Storage.floats(plan.planes() * plan.outputPlane());
        int[] indices = Storage.ints(out.length);
        engine().max(input.data(), plan.planes(), plan.inputSize(), plan.windows(), out, indices, false);
        return selecting(plan, input.shape(), Tensor.wrap(out, plan.outputShape()),
                IndexTensor.wrapCompact(indices, plan.outputShape()));
    }

    /** The pooled values and the index of each. */
    public static PoolResult forward(Tensor input, PoolOptions options) {
        PoolForward f = run(input, options);
        return new PoolResult(f.output(), f.selected());
    }

    /** The pooled values only (no indices to write): for inference. */
    public static Tensor output(Tensor input, PoolOptions options) {
        PoolPlan plan = plan(input, options);
        float[] out = Storage.floats(plan.planes() * plan.outputPlane());
        engine().max(input.data(), plan.planes(), plan.inputSize(), plan.windows(), out, null, false);
        return Tensor.wrap(out, plan.outputShape());
    }

    /** The gradient with respect to the input, for callers without a forward context (it runs the forward for the indices). */
    public static Tensor backward(Tensor input, Tensor gradOutput, PoolOptions options) {
        return run(input, options).gradInput(gradOutput);
    }

    /**
     * The backward of every max-type pool from the indices its forward returned: each output
     * gradient added to the input element its index names, within its plane.
     *
     * @param inputShape the shape of the pooled input
     * @param rank       the number of spatial dimensions
     */
    public static Tensor backward(IndexTensor indices, Tensor gradOutput, int[] inputShape, int rank) {
        if (!Arrays.equals(indices.shape(), gradOutput.shape())) {
            throw InvalidArgumentException.of("max pool backward: grad_output %s and indices %s must have one shape",
                    Shape.toString(gradOutput.shape()), Shape.toString(indices.shape()));
        }
        int outPlane = trailing(gradOutput.shape(), rank);
        int inPlane = trailing(inputShape, rank);
        java.util.OptionalLong outside = indices.firstOutside(inPlane);
        if (outside.isPresent()) {
            throw InvalidArgumentException.of("max pool backward: index %d is outside the input plane of %d elements",
                    outside.getAsLong(), inPlane);
        }
        return route(indices, gradOutput, inputShape, inPlane, outPlane);
    }

    /** Routes each output gradient to the element its (valid) index names. */
    static Tensor route(IndexTensor indices, Tensor gradOutput, int[] inputShape, int inPlane, int outPlane) {
        int planes = outPlane == 0 ? 0 : (int) (gradOutput.numel() / outPlane);
        return Tensor.wrap(engine().route(indices.compact(), gradOutput.data(), planes, inPlane, outPlane), inputShape);
    }

    /** A max-type forward context over one plan: its backward routes by the selected indices. */
    static PoolForward selecting(PoolPlan plan, int[] inputShape, Tensor output, IndexTensor selected) {
        return new PoolForward.Planned(plan, inputShape, output) {
            @Override
            public IndexTensor selected() {
                return selected;
            }

            @Override
            Tensor computeGradInput(Tensor gradOutput) {
                return Tensor.wrap(engine().route(selected.compact(), gradOutput.data(), plan.planes(), plan.inputSize(),
                        plan.windows()), inputShape);
            }
        };
    }

    static PoolEngine engine() {
        return Backend.active().pool();
    }

    private static int trailing(int[] shape, int rank) {
        int size = 1;
        for (int i = shape.length - rank; i < shape.length; i++) {
            size *= shape[i];
        }
        return size;
    }

    private static PoolPlan plan(Tensor input, PoolOptions options) {
        return PoolPlan.sliding("max_pool" + options.rank() + "d", input.shape(), options, true);
    }
}
