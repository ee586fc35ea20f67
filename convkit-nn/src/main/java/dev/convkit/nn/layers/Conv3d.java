package dev.convkit.nn.layers;

import dev.convkit.core.conv.ConvOptions;

/**
 * torch.nn.Conv3d: a 3-d convolution with bias, its kernel one size or one per dimension; the
 * other settings are builder methods of {@link ConvNd}.
 *
 * <pre>{@code
 * Conv3d conv = new Conv3d(1, 2, 3, 3, 1).stride(1, 2, 2);
 * Variable y = conv.forward(Variable.constant(Tensor.zeros(1, 1, 5, 8, 8)));
 * assert Arrays.equals(y.value().shape(), new int[] {1, 2, 3, 3, 4});
 * }</pre>
 */
public final class Conv3d extends ConvNd<Conv3d> {
    /** {@code kernelSize}: one value, or one per dimension. */
    public Conv3d(int inChannels, int outChannels, int... kernelSize) {
        super(ConvOptions.conv(3), inChannels, outChannels, kernelSize);
    }
}
