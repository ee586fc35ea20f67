package dev.convkit.nn.layers;

/**
 * torch.nn.AdaptiveMaxPool1d: the maximum of each adaptive window, to a fixed output size.
 *
 * <pre>{@code
 * AdaptiveMaxPool1d pool = new AdaptiveMaxPool1d(3);
 * Variable y = pool.forward(Variable.constant(Tensor.full(1f, 1, 2, 9)));
 * assert Arrays.equals(y.value().shape(), new int[] {1, 2, 3}) && y.value().data()[0] == 1f;
 * }</pre>
 */
public final class AdaptiveMaxPool1d extends AdaptivePoolNd {
    /** {@code outputSize}: one value, or one per dimension. */
    public AdaptiveMaxPool1d(int... outputSize) {
        super("max", 1, outputSize);
    }
}
