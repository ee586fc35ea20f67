package dev.convkit.core.pool;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Tensor;

/**
 * Average pooling in 1, 2 or 3 dimensions (torch.nn.functional.avg_poolNd), forward and backward.
 *
 * <pre>
 *   out[o] = (Σ over the window's real elements of in) / divisor
 *   divisor = divisor_override, else (count_include_pad ? the window's extent inside the padded input
 *             : the number of real elements)
 * </pre>
 * The padded extent is {@code min(start + k, I + P) − start} per dimension: a ceil_mode window that
 * runs past the right padding divides only by its part inside it, as in PyTorch. convkit also accepts
 * divisor_override for 1-d pooling, which PyTorch lacks.
 *
 * <pre>{@code
 * Tensor c = Tensor.of(new double[][] {{109, 92, 72}, {108, 85, 74}, {110, 74, 79}}).reshape(1, 1, 3, 3);
 * AvgPool.forward(c, PoolOptions.of(2, 2).stride(1)); // [[98.5, 80.75], [94.25, 78]]
 * }</pre>
 */
public final class AvgPool {
    private AvgPool() {
    }

    public static Tensor forward(Tensor input, PoolOptions options) {
        PoolPlan plan = plan(input, options);
        float[] sums = PoolEngine.active().sums(input.data(), plan.planes(), plan.inputSize(), plan.windows());
        double[] divisors = divisors(plan, options);
        for (int i = 0; i < sums.length; i++) {
            sums[i] = (float) (sums[i] / divisors[i % divisors.length]);
        }
        return Tensor.wrap(sums, plan.outputShape());
    }

    /** Every real element of a window receives that window's gradient divided by its divisor. */
    public static Tensor backward(Tensor input, Tensor gradOutput, PoolOptions options) {
        PoolPlan plan = plan(input, options);
        plan.requireGradShape(gradOutput.shape());
        double[] divisors = divisors(plan, options);
        float[] g = gradOutput.data();
        float[] perWindow = new float[g.length];
        for (int i = 0; i < g.length; i++) {
            perWindow[i] = (float) (g[i] / divisors[i % divisors.length]);
        }
        return Tensor.wrap(PoolEngine.active().spread(perWindow, plan.planes(), plan.inputSize(), plan.windows()),
                input.shape());
    }

    /** The divisor of each window of one plane (see the class comment for the rule). */
    public static double[] divisors(PoolPlan plan, PoolOptions options) {
        double[] divisors = new double[plan.outputPlane()];
        Integer override = options.divisorOverride();
        int[] sizes = PoolKernels.windowSizes(plan.windows(), options.countIncludePad());
        for (int o = 0; o < divisors.length; o++) {
            divisors[o] = override != null ? override : sizes[o];
        }
        return divisors;
    }

    private static PoolPlan plan(Tensor input, PoolOptions options) {
        String op = "avg_pool" + options.rank() + "d";
        if (options.divisorOverride() != null && options.divisorOverride() == 0) {
            throw InvalidArgumentException.of("%s: divisor_override must not be zero", op);
        }
        return PoolPlan.sliding(op, input.shape(), options, false);
    }
}
