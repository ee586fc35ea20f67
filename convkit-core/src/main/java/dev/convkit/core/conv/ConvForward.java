package dev.convkit.core.conv;

import dev.convkit.core.op.Forward;
import dev.convkit.core.op.Gradients;
import dev.convkit.core.tensor.Tensor;

import java.util.Set;

/**
 * The forward context of a convolution: its output, and the resolved plan, operands and padded
 * input that the backward consumes (nothing is re-planned or re-padded).
 *
 * <pre>{@code
 * Tensor a = Tensor.of(new double[][] {{4,5,2,2,1},{3,3,2,2,4},{4,3,4,1,1},{5,1,4,1,2},{5,1,3,1,4}}).reshape(1, 1, 5, 5);
 * Tensor k = Tensor.of(new double[][] {{4,3,3},{5,5,5},{2,4,3}}).reshape(1, 1, 3, 3);
 * ConvForward f = Conv.run(a, k, null, ConvOptions.conv2d());
 * assert f.output().get(0, 0, 0, 0) == 109;
 * ConvGradients g = f.gradients(Tensor.full(1f, 1, 1, 3, 3)); // reuses f's plan
 * assert g.input().get(0, 0, 2, 2) == 34;
 * }</pre>
 */
public final class ConvForward implements Forward {
    private final ConvPlan plan;
    private final Tensor input;
    private final Tensor weight;
    private final boolean hasBias;
    private final float[] image;
    private final Tensor output;

    ConvForward(ConvPlan plan, Tensor input, Tensor weight, boolean hasBias, float[] image, Tensor output) {
        this.plan = plan;
        this.input = input;
        this.weight = weight;
        this.hasBias = hasBias;
        this.image = image;
        this.output = output;
    }

    @Override
    public Tensor output() {
        return output;
    }

    /** The resolved plan: geometry, padding and output shape. */
    public ConvPlan plan() {
        return plan;
    }

    /** The gradients with respect to input, weight and (when the call had one) bias. */
    public ConvGradients gradients(Tensor gradOutput) {
        return gradients(gradOutput, true);
    }

    /** The gradients; the input gradient only when {@code inputGradient} (a first layer needs none). */
    ConvGradients gradients(Tensor gradOutput, boolean inputGradient) {
        return Conv.gradients(plan, input, weight, hasBias, image, gradOutput, inputGradient);
    }

    @Override
    public Gradients backward(Tensor gradOutput) {
        return backward(gradOutput, Set.of("input", "weight", "bias"));
    }

    @Override
    public Gradients backward(Tensor gradOutput, Set<String> wanted) {
        ConvGradients g = gradients(gradOutput, wanted.contains("input"));
        return Gradients.of("input", g.input(), "weight", g.weight(), "bias", g.bias());
    }
}
