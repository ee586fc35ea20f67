package dev.convkit.nn.layers;

/**
 * torch.nn.AdaptiveMaxPool2d: the maximum of each adaptive window, to a fixed output size.
 *
 * <pre>{@code
 * AdaptiveMaxPool2d pool = new AdaptiveMaxPool2d(3);
 * Variable y = pool.forward(Variable.constant(Tensor.full(1f, 1, 2, 9, 9)));
 * assert Arrays.equals(y.value().shape(), new int[] {1, 2, 3, 3}) && y.value().data()[0] == 1f;
 * }</pre>
 */
public final class AdaptiveMaxPool2d extends AdaptivePoolNd {
    /** {@code outputSize}: one value, or one per dimension. */
    public AdaptiveMaxPool2d(int... outputSize) {
        super("max", 2, outputSize);
    }
}
