package dev.convkit.core.conv;

import dev.convkit.core.tensor.Tensor;

/**
 * The gradients of a convolution with respect to its input, weight and bias.
 *
 * @param input  dE/dinput, the input's shape
 * @param weight dE/dweight, the weight's shape
 * @param bias   dE/dbias, shape (Cout), or null when the call had no bias
 *
 * <pre>{@code
 * Tensor x = Tensor.full(1f, 1, 1, 4, 4);
 * Tensor w = Tensor.full(1f, 2, 1, 3, 3);
 * ConvGradients g = Conv.backward(x, w, Conv.Bias.PRESENT, Tensor.full(1f, 1, 2, 2, 2), ConvOptions.conv2d());
 * assert g.bias().get(0) == 4f; // each output channel's gradient summed over its 2x2 outputs
 * }</pre>
 */
public record ConvGradients(Tensor input, Tensor weight, Tensor bias) {
}
