package dev.convkit.nn.layers;

/**
 * torch.nn.AdaptiveAvgPool3d: the mean of each adaptive window, to a fixed output size.
 *
 * <pre>{@code
 * AdaptiveAvgPool3d pool = new AdaptiveAvgPool3d(2, 3, 3);
 * Variable y = pool.forward(Variable.constant(Tensor.full(1f, 1, 2, 4, 9, 9)));
 * assert Arrays.equals(y.value().shape(), new int[] {1, 2, 2, 3, 3}) && y.value().data()[0] == 1f;
 * }</pre>
 */
public final class AdaptiveAvgPool3d extends AdaptivePoolNd {
    /** {@code outputSize}: one value, or one per dimension. */
    public AdaptiveAvgPool3d(int... outputSize) {
        super("avg", 3, outputSize);
    }
}
