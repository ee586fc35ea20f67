package dev.convkit.nn.layers;

import dev.convkit.core.conv.ConvOptions;

/**
 * torch.nn.Conv1d: a 1-d convolution with bias, its kernel one size or one per dimension; the
 * other settings are builder methods of {@link ConvNd}.
 *
 * <pre>{@code
 * Conv1d conv = new Conv1d(2, 4, 5).padding(2);
 * Variable y = conv.forward(Variable.constant(Tensor.zeros(3, 2, 16)));
 * assert Arrays.equals(y.value().shape(), new int[] {3, 4, 16});
 * }</pre>
 */
public final class Conv1d extends ConvNd<Conv1d> {
    /** {@code kernelSize}: one value, or one per dimension. */
    public Conv1d(int inChannels, int outChannels, int... kernelSize) {
        super(ConvOptions.conv(1), inChannels, outChannels, kernelSize);
    }
}
