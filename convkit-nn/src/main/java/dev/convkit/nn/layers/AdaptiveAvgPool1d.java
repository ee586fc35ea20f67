package dev.convkit.nn.layers;

/**
 * torch.nn.AdaptiveAvgPool1d: the mean of each adaptive window, to a fixed output size.
 *
 * <pre>{@code
 * AdaptiveAvgPool1d pool = new AdaptiveAvgPool1d(3);
 * Variable y = pool.forward(Variable.constant(Tensor.full(1f, 1, 2, 9)));
 * assert Arrays.equals(y.value().shape(), new int[] {1, 2, 3}) && y.value().data()[0] == 1f;
 * }</pre>
 */
public final class AdaptiveAvgPool1d extends AdaptivePoolNd {
    /** {@code outputSize}: one value, or one per dimension. */
    public AdaptiveAvgPool1d(int... outputSize) {
        super("avg", 1, outputSize);
    }
}
