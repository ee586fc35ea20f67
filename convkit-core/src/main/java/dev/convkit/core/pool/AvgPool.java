package dev.convkit.core.pool;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.window.Windows;

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
 * Tensor avg = AvgPool.forward(c, PoolOptions.pool2d(2).stride(1));
 * assert Arrays.equals(avg.data(), new float[] {98.5f, 80.75f, 94.25f, 78f});
 * }</pre>
 */
public final class AvgPool {
    private AvgPool() {
    }

    /** The forward pass as a context; its backward spreads each window's gradient over the window. */
    public static PoolForward run(Tensor input, PoolOptions options) {
        PoolPlan plan = plan(input, options);
        double[] divisors = Windows.divisors(plan.windows(), options.countIncludePad(), options.divisorOverride());
        return averaging(plan, input.shape(), divisors, MaxPool.engine().means(input.data(), plan.planes(),
                plan.inputSize(), plan.windows(), divisors));
    }

    public static Tensor forward(Tensor input, PoolOptions options) {
        return run(input, options).output();
    }

    /** Every real element of a window receives that window's gradient divided by its divisor. */
    public static Tensor backward(Tensor input, Tensor gradOutput, PoolOptions options) {
        PoolPlan plan = plan(input, options);
        double[] divisors = Windows.divisors(plan.windows(), options.countIncludePad(), options.divisorOverride());
        return averaging(plan, input.shape(), divisors, null).gradInput(gradOutput);
    }

    /**
     * An average-type context (avg and adaptive avg) over the window {@code means} (null for a
     * backward without a forward); it spreads gradient / divisor back over each window.
     */
    static PoolForward averaging(PoolPlan plan, int[] inputShape, double[] divisors, float[] means) {
        Tensor output = means == null ? Tensor.zeros(plan.outputShape()) : Tensor.wrap(means, plan.outputShape());
        return new PoolForward.Planned(plan, inputShape, output) {
            @Override
            public double[] divisors() {
                return divisors.clone();
            }

            @Override
            Tensor computeGradInput(Tensor gradOutput) {
                return Tensor.wrap(MaxPool.engine().spreadDivided(gradOutput.data(), divisors, plan.planes(),
                        plan.inputSize(), plan.windows()), inputShape);
            }
        };
    }

    /** {@code out[i] = values[i] / divisors[i mod plane]}, plane by plane (no division per index). */
    private static void divide(float[] values, float[] out, double[] divisors) {
        int plane = divisors.length;
        for (int base = 0; base < values.length; base += plane) {
            for (int j = 0; j < plane; j++) {
                out[base + j] = (float) (values[base + j] / divisors[j]);
            }
        }
    }

    private static PoolPlan plan(Tensor input, PoolOptions options) {
        String op = "avg_pool" + options.rank() + "d";
        if (options.divisorOverride() != null && options.divisorOverride() == 0) {
            throw InvalidArgumentException.of("%s: divisor_override must not be zero", op);
        }
        return PoolPlan.sliding(op, input.shape(), options, false);
    }
}
