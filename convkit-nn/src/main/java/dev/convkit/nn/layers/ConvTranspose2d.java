package dev.convkit.nn.layers;

import dev.convkit.core.conv.ConvOptions;

/**
 * torch.nn.ConvTranspose2d: a 2-d transposed convolution with bias; the settings are builder
 * methods of {@link ConvNd} and {@link ConvTransposeNd}.
 *
 * <pre>{@code
 * ConvTranspose2d up = new ConvTranspose2d(8, 4, 2).stride(2);      // nn.ConvTranspose2d(8, 4, 2, stride=2)
 * Variable y = up.forward(Variable.constant(Tensor.zeros(1, 8, 7, 7)));
 * assert Arrays.equals(y.value().shape(), new int[] {1, 4, 14, 14});
 * }</pre>
 */
public final class ConvTranspose2d extends ConvTransposeNd<ConvTranspose2d> {
    /** {@code kernelSize}: one value, or one per dimension. */
    public ConvTranspose2d(int inChannels, int outChannels, int... kernelSize) {
        super(ConvOptions.convTranspose(2), inChannels, outChannels, kernelSize);
    }
}
