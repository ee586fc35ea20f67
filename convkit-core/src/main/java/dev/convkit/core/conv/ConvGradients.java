package dev.convkit.core.conv;

import dev.convkit.core.tensor.Tensor;

/**
 * The gradients of a convolution with respect to its input, weight and bias.
 *
 * @param input  dE/dinput, the input's shape
 * @param weight dE/dweight, the weight's shape
 * @param bias   dE/dbias, shape (Cout), or null when the call had no bias
 */
public record ConvGradients(Tensor input, Tensor weight, Tensor bias) {
}
