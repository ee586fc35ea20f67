package dev.convkit.nn.layers;

import dev.convkit.core.conv.ConvOptions;

/**
 * torch.nn.Conv2d: a 2-d convolution with bias, its kernel one size or one per dimension; the
 * other settings are builder methods of {@link ConvNd}.
 *
 * <pre>{@code
 * Conv2d conv = new Conv2d(1, 32, 3).padding(1);                  // nn.Conv2d(1, 32, 3, padding=1)
 * Variable y = conv.forward(Variable.constant(Tensor.zeros(2, 1, 28, 28)));
 * assert Arrays.equals(y.value().shape(), new int[] {2, 32, 28, 28});
 * Conv2d wide = new Conv2d(3, 6, 1, 7).padding("same").groups(3);  // a 1×7 kernel in three groups
 * assert Arrays.equals(wide.weight().value().shape(), new int[] {6, 1, 1, 7});
 * }</pre>
 */
public final class Conv2d extends ConvNd<Conv2d> {
    /** {@code kernelSize}: one value, or one per dimension. */
    public Conv2d(int inChannels, int outChannels, int... kernelSize) {
        super(ConvOptions.conv(2), inChannels, outChannels, kernelSize);
    }
}
