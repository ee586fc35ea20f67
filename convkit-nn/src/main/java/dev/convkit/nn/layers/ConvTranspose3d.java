package dev.convkit.nn.layers;

import dev.convkit.core.conv.ConvOptions;

/**
 * torch.nn.ConvTranspose3d: a 3-d transposed convolution with bias; the settings are builder
 * methods of {@link ConvNd} and {@link ConvTransposeNd}.
 *
 * <pre>{@code
 * ConvTranspose3d up = new ConvTranspose3d(2, 2, 3).stride(2).padding(1).outputPadding(1);
 * Variable y = up.forward(Variable.constant(Tensor.zeros(1, 2, 3, 3, 3)));
 * assert Arrays.equals(y.value().shape(), new int[] {1, 2, 6, 6, 6});
 * }</pre>
 */
public final class ConvTranspose3d extends ConvTransposeNd<ConvTranspose3d> {
    /** {@code kernelSize}: one value, or one per dimension. */
    public ConvTranspose3d(int inChannels, int outChannels, int... kernelSize) {
        super(ConvOptions.convTranspose(3), inChannels, outChannels, kernelSize);
    }
}
