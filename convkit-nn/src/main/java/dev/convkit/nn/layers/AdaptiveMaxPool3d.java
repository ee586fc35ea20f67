package dev.convkit.nn.layers;

/**
 * torch.nn.AdaptiveMaxPool3d: the maximum of each adaptive window, to a fixed output size.
 *
 * <pre>{@code
 * AdaptiveMaxPool3d pool = new AdaptiveMaxPool3d(2, 3, 3);
 * Variable y = pool.forward(Variable.constant(Tensor.full(1f, 1, 2, 4, 9, 9)));
 * assert Arrays.equals(y.value().shape(), new int[] {1, 2, 2, 3, 3}) && y.value().data()[0] == 1f;
 * }</pre>
 */
public final class AdaptiveMaxPool3d extends AdaptivePoolNd {
    /** {@code outputSize}: one value, or one per dimension. */
    public AdaptiveMaxPool3d(int... outputSize) {
        super("max", 3, outputSize);
    }
}
