package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
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
 * // c = [[109, 92, 72], [108, 85, 74], [110, 74, 79]]
 * ConvGradients g = Conv.backward(a, k, false, Tensor.full(1, 1, 1, 3, 3), ConvOptions.conv2d());
 * // g.input() = [[4,7,10,6,3],[9,17,25,16,8],[11,23,34,23,11],[7,16,24,17,8],[2,6,9,7,3]]
 * }</pre>
 */
public final class Conv {
    /** Below this many multiply-adds the reference loops beat the GEMM's packing and dispatch. */
    static final long SMALL_MACS = 1 << 12;
    private static final ConvEngine FAST = KernelProvider.active().fast() ? fastEngine(KernelProvider.active()) : null;

    private Conv() {
    }

    /** The engine for a geometry: the fast one unless it is off or the problem is tiny. */
    static ConvEngine engine(ConvGeometry g) {
        return FAST == null || g.macs() < SMALL_MACS ? ReferenceConv.ENGINE : FAST;
    }

    /** The fast engine on a given provider's micro-kernel (tests compare each against the reference). */
    public static ConvEngine fastEngine(KernelProvider provider) {
        return new FastConv(provider.microKernel(), provider.vectorOps());
    }

    /**
     * The forward pass.
     *
     * @param input   (N, Cin, *spatial) or unbatched (Cin, *spatial)
     * @param weight  (Cout, Cin/groups, *kernel); for transposed options (Cin, Cout/groups, *kernel)
     * @param bias    (Cout), or null
     * @param options stride, padding, dilation, groups, padding mode; {@link ConvOptions#transposed()} picks the op
     */
    public static Tensor forward(Tensor input, Tensor weight, Tensor bias, ConvOptions options) {
        ConvPlan plan = ConvPlan.resolve(options, input.shape(), weight.shape(), bias == null ? null : bias.shape());
        ConvGeometry g = plan.geometry();
        ConvEngine engine = engine(g);
        float[] out;
        int outChannels;
        int outPlane;
        if (plan.transposed()) {
            out = engine.scatter(g, input.data(), weight.data());
            outChannels = g.imageChannels();
            outPlane = g.imagePlane();
        } else {
            out = engine.correlate(g, plan.image(input.data()), weight.data());
            outChannels = g.responseChannels();
            outPlane = g.responsePlane();
        }
        if (bias != null) {
            ReferenceConv.addBias(out, bias.data(), g.batch(), outChannels, outPlane);
        }
        return Tensor.wrap(out, plan.outputShape());
    }

    /**
     * The backward pass: gradients with respect to input, weight and (when {@code hasBias}) bias, given
     * the gradient of the loss with respect to the output.
     */
    public static ConvGradients backward(Tensor input, Tensor weight, boolean hasBias, Tensor gradOutput,
                                         ConvOptions options) {
        return backward(input, weight, hasBias, gradOutput, options, true);
    }

    /**
     * {@link #backward}, skipping the input gradient when {@code inputGradient} is false (a network's
     * first layer needs none); it is then null in the result.
     */
    public static ConvGradients backward(Tensor input, Tensor weight, boolean hasBias, Tensor gradOutput,
                                         ConvOptions options, boolean inputGradient) {
        int outChannels = options.transposed() ? weight.dim(1) * Math.max(options.groups(), 1) : weight.dim(0);
        ConvPlan plan = ConvPlan.resolve(options, input.shape(), weight.shape(),
                hasBias ? new int[] {outChannels} : null);
        if (!Arrays.equals(gradOutput.shape(), plan.outputShape())) {
            throw dev.convkit.core.InvalidArgumentException.of("%s: grad_output must have the output's shape %s, got %s",
                    plan.op(), Shape.toString(plan.outputShape()), Shape.toString(gradOutput.shape()));
        }
        ConvGeometry g = plan.geometry();
        ConvEngine engine = engine(g);
        float[] gradInput;
        float[] gradWeight;
        float[] gradBias = null;
        if (plan.transposed()) {
            gradInput = inputGradient ? engine.correlate(g, gradOutput.data(), weight.data()) : null;
            gradWeight = engine.weightGradient(g, gradOutput.data(), input.data());
            if (hasBias) {
                gradBias = ReferenceConv.sumPerChannel(gradOutput.data(), g.batch(), g.imageChannels(), g.imagePlane());
            }
        } else {
            float[] image = plan.image(input.data());
            gradInput = inputGradient ? plan.foldImageGradient(engine.scatter(g, gradOutput.data(), weight.data())) : null;
            gradWeight = engine.weightGradient(g, image, gradOutput.data());
            if (hasBias) {
                gradBias = ReferenceConv.sumPerChannel(gradOutput.data(), g.batch(), g.responseChannels(),
                        g.responsePlane());
            }
        }
        return new ConvGradients(gradInput == null ? null : Tensor.wrap(gradInput, input.shape()),
                Tensor.wrap(gradWeight, weight.shape()),
                gradBias == null ? null : Tensor.wrap(gradBias, outChannels));
    }
}
