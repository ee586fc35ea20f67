package dev.convkit.core.pool;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.op.Forward;
import dev.convkit.core.op.Gradients;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Shape;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.window.AxisWindows;

import java.util.Arrays;

/**
 * The forward context of a pool: its output and everything the backward and an explanation need,
 * kept from the forward (the windows, the divisors, the selected elements). The backward consumes
 * it; nothing is planned or computed twice.
 *
 * <pre>{@code
 * Tensor c = Tensor.of(new double[][] {{109, 92, 72}, {108, 85, 74}, {110, 74, 79}}).reshape(1, 1, 3, 3);
 * PoolForward f = MaxPool.run(c, PoolOptions.pool2d(2).stride(1));
 * assert Arrays.equals(f.output().data(), new float[] {109, 92, 110, 85});
 * assert Arrays.equals(f.selected().data(), new long[] {0, 1, 6, 4});
 * Tensor grad = f.gradInput(Tensor.full(1f, 1, 1, 2, 2)); // routed by the kept indices
 * assert Arrays.equals(grad.data(), new float[] {1, 1, 0, 0, 1, 0, 1, 0, 0});
 * }</pre>
 */
public abstract class PoolForward implements Forward {
    private final String op;
    private final int[] inputShape;
    private final Tensor output;
    private boolean returnIndices;

    PoolForward(String op, int[] inputShape, Tensor output) {
        this.op = op;
        this.inputShape = inputShape.clone();
        this.output = output;
    }

    /** The op's torch.nn.functional name, e.g. {@code max_pool2d}. */
    public String op() {
        return op;
    }

    @Override
    public Tensor output() {
        return output;
    }

    /** The shape of the pooled input. */
    public int[] inputShape() {
        return inputShape.clone();
    }

    /** The windows of plane {@code plane} (n·C + c), lifted to (D, H, W). */
    public abstract AxisWindows[] windows(int plane);

    /** The divisor of each window of a plane (average-type pools), or null. */
    public double[] divisors() {
        return null;
    }

    /** The product of the kernel sizes (sliding pools), or 0 for pools without a fixed kernel. */
    public double kernelVolume() {
        return 0;
    }

    /** The element each window selected (max-type pools, and LP with p = ∞), or null. */
    public IndexTensor selected() {
        return null;
    }

    /** Makes {@link #indices()} return the selected elements (return_indices). */
    public PoolForward returningIndices(boolean value) {
        returnIndices = value;
        return this;
    }

    @Override
    public IndexTensor indices() {
        return returnIndices ? selected() : null;
    }

    @Override
    public final Gradients backward(Tensor gradOutput) {
        return Gradients.of("input", gradInput(gradOutput));
    }

    /** The gradient with respect to the input, from the gradient with respect to the output. */
    public final Tensor gradInput(Tensor gradOutput) {
        if (!Arrays.equals(gradOutput.shape(), output.shape())) {
            throw InvalidArgumentException.of("%s: grad_output must have the output's shape %s, got %s",
                    op, Shape.toString(output.shape()), Shape.toString(gradOutput.shape()));
        }
        return computeGradInput(gradOutput);
    }

    abstract Tensor computeGradInput(Tensor gradOutput);

    /** A forward context whose windows are the same for every plane. */
    abstract static class Planned extends PoolForward {
        final PoolPlan plan;

        Planned(PoolPlan plan, int[] inputShape, Tensor output) {
            super(plan.op(), inputShape, output);
            this.plan = plan;
        }

        @Override
        public AxisWindows[] windows(int plane) {
            return plan.windows();
        }

        @Override
        public double kernelVolume() {
            return plan.kernelVolume();
        }
    }
}
