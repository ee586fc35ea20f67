package dev.convkit.core.conv;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.backend.Backend;
import dev.convkit.core.tensor.Shape;
import dev.convkit.core.tensor.Tensor;

import java.util.Arrays;

/**
 * Convolution and transposed convolution in 1, 2 and 3 dimensions, forward and backward, with
 * PyTorch's semantics (torch.nn.functional.convNd / conv_transposeNd and nn.ConvNd's padding_mode).
 *
 * <p>Convolution (cross-correlation, no kernel flip), per output channel {@code co} and position {@code o}:
 * <pre>
 *   out[n, co, o] = bias[co] + Σ_{ci in group(co)} Σ_j in[n, ci, o·s − p + j·d] · w[co, ci', j]
 *   O = floor((I + 2P − D·(K−1) − 1) / S) + 1
 * </pre>
 * Transposed convolution is the gradient of a convolution with respect to its input:
 * {@code O = (I − 1)·S − 2P + D·(K−1) + output_padding + 1}.
 *
 * <p>The course exercise:
 * <pre>{@code
 * Tensor a = Tensor.of(new double[][] {{4,5,2,2,1},{3,3,2,2,4},{4,3,4,1,1},{5,1,4,1,2},{5,1,3,1,4}}).reshape(1, 1, 5, 5);
 * Tensor k = Tensor.of(new double[][] {{4,3,3},{5,5,5},{2,4,3}}).reshape(1, 1, 3, 3);
 * Tensor c = Conv.forward(a, k, null, ConvOptions.conv2d());
 * assert Arrays.equals(c.data(), new float[] {109, 92, 72, 108, 85, 74, 110, 74, 79});
 * ConvGradients g = Conv.backward(a, k, Conv.Bias.ABSENT, Tensor.full(1, 1, 1, 3, 3), ConvOptions.conv2d());
 * assert Arrays.equals(g.input().data(), new float[] {4, 7, 10, 6, 3, 9, 17, 25, 16, 8, 11, 23, 34, 23, 11,
 *         7, 16, 24, 17, 8, 2, 6, 9, 7, 3});
 * }</pre>
 */
public final class Conv {
    private Conv() {
    }

    /**
     * The forward pass as a context: the output, and the resolved plan and padded input that the
     * backward reuses.
     *
     * @param input   (N, Cin, *spatial) or unbatched (Cin, *spatial)
     * @param weight  (Cout, Cin/groups, *kernel); for transposed options (Cin, Cout/groups, *kernel)
     * @param bias    (Cout), or null
     * @param options stride, padding, dilation, groups, padding mode; {@link ConvOptions#transposed()} picks the op
     */
    public static ConvForward run(Tensor input, Tensor weight, Tensor bias, ConvOptions options) {
        ConvPlan plan = ConvPlan.resolve(options, input.shape(), weight.shape(), bias == null ? null : bias.shape());
        ConvGeometry g = plan.kernelGeometry();
        ConvDispatch dispatch = dispatch();
        float[] image = plan.correlates() ? plan.image(input.data()) : null;
        float[] out;
        if (plan.correlates()) {
            out = dispatch.correlate(g, image, plan.kernelWeight(weight.data()), bias == null ? null : bias.data());
        } else {
            out = dispatch.scatter(g, input.data(), weight.data());
            if (bias != null) {
                addBias(out, bias.data(), g.batch(), g.imageChannels(), g.imagePlane());
            }
        }
        return new ConvForward(plan, input, weight, bias != null, image, Tensor.wrap(out, plan.outputShape()));
    }

    /** The forward pass: {@link #run}'s output. */
    public static Tensor forward(Tensor input, Tensor weight, Tensor bias, ConvOptions options) {
        return run(input, weight, bias, options).output();
    }

    /**
     * The backward pass for callers without a forward context: gradients with respect to input,
     * weight and (when {@code withBias}) bias, given the gradient of the loss with respect to the output.
     */
    public static ConvGradients backward(Tensor input, Tensor weight, Bias withBias, Tensor gradOutput,
                                         ConvOptions options) {
        int outChannels = options.transposed() ? weight.dim(1) * Math.max(options.groups(), 1) : weight.dim(0);
        ConvPlan plan = ConvPlan.resolve(options, input.shape(), weight.shape(),
                withBias == Bias.PRESENT ? new int[] {outChannels} : null);
        float[] image = plan.correlates() ? plan.image(input.data()) : null;
        return gradients(plan, input, weight, withBias == Bias.PRESENT, image, gradOutput, true);
    }

    /** Whether a convolution call had a bias (its gradient is then computed). */
    public enum Bias { PRESENT, ABSENT }

    static ConvDispatch dispatch() {
        return Backend.active().conv();
    }

    /** The backward over a resolved plan; {@code image} is {@link ConvPlan#image} when the plan correlates. */
    static ConvGradients gradients(ConvPlan plan, Tensor input, Tensor weight, boolean hasBias, float[] image,
                                   Tensor gradOutput, boolean inputGradient) {
        if (!Arrays.equals(gradOutput.shape(), plan.outputShape())) {
            throw InvalidArgumentException.of("%s: grad_output must have the output's shape %s, got %s",
                    plan.op(), Shape.toString(plan.outputShape()), Shape.toString(gradOutput.shape()));
        }
        ConvGeometry g = plan.kernelGeometry();
        ConvDispatch dispatch = dispatch();
        float[] gradInput;
        float[] gradWeight;
        float[] gradBias = null;
        int outChannels;
        if (plan.correlates()) {
            gradInput = inputGradient
                    ? plan.foldImageGradient(dispatch.scatter(g, gradOutput.data(), plan.kernelWeight(weight.data())))
                    : null;
            gradWeight = plan.foldWeightGradient(dispatch.weightGradient(g, image, gradOutput.data()));
            outChannels = g.responseChannels();
            if (hasBias) {
                gradBias = biasGradient(gradOutput.data(), g.batch(), outChannels, g.responsePlane());
            }
        } else {
            gradInput = inputGradient ? dispatch.correlate(g, gradOutput.data(), weight.data()) : null;
            gradWeight = dispatch.weightGradient(g, gradOutput.data(), input.data());
            outChannels = g.imageChannels();
            if (hasBias) {
                gradBias = biasGradient(gradOutput.data(), g.batch(), outChannels, g.imagePlane());
            }
        }
        return new ConvGradients(gradInput == null ? null : Tensor.wrap(gradInput, input.shape()),
                Tensor.wrap(gradWeight, weight.shape()),
                gradBias == null ? null : Tensor.wrap(gradBias, outChannels));
    }

    // bn8: the bias passes on the fast providers run ConvBias (vector lanes, split by channel)

    static void addBias(float[] out, float[] bias, int batch, int channels, int plane) {
        if (Backend.active().provider().fast()) {
            ConvBias.add(out, bias, batch, channels, plane);
        } else {
            ReferenceConv.addBias(out, bias, batch, channels, plane);
        }
    }

    private static float[] biasGradient(float[] gradOutput, int batch, int channels, int plane) {
        return Backend.active().provider().fast() ? ConvBias.gradient(gradOutput, batch, channels, plane)
                : ReferenceConv.sumPerChannel(gradOutput, batch, channels, plane);
    }
}
