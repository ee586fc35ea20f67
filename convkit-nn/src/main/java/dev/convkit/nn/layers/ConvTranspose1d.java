package dev.convkit.nn.layers;

import dev.convkit.core.conv.ConvOptions;

/**
 * torch.nn.ConvTranspose1d: a 1-d transposed convolution with bias; the settings are builder
 * methods of {@link ConvNd} and {@link ConvTransposeNd}.
 *
 * <pre>{@code
 * ConvTranspose1d up = new ConvTranspose1d(4, 2, 4).stride(2).padding(1);
 * Variable y = up.forward(Variable.constant(Tensor.zeros(1, 4, 8)));
 * assert Arrays.equals(y.value().shape(), new int[] {1, 2, 16});
 * }</pre>
 */
public final class ConvTranspose1d extends ConvTransposeNd<ConvTranspose1d> {
    /** {@code kernelSize}: one value, or one per dimension. */
    public ConvTranspose1d(int inChannels, int outChannels, int... kernelSize) {
        super(ConvOptions.convTranspose(1), inChannels, outChannels, kernelSize);
    }
}
