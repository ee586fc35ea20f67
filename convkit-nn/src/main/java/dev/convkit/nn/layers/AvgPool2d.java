package dev.convkit.nn.layers;

/**
 * torch.nn.AvgPool2d: the mean of each window in 2 dimensions; the settings are builder methods of
 * {@link AvgPoolNd} and {@link SlidingPoolNd}.
 *
 * <pre>{@code
 * AvgPool2d pool = new AvgPool2d(3).stride(2).padding(1).ceilMode(true).divisorOverride(9);
 * Variable y = pool.forward(Variable.constant(Tensor.full(9f, 1, 1, 5, 5)));
 * assert Arrays.equals(y.value().shape(), new int[] {1, 1, 3, 3}) && y.value().get(0, 0, 1, 1) == 9f;
 * }</pre>
 */
public final class AvgPool2d extends AvgPoolNd<AvgPool2d> {
    /** {@code kernelSize}: one value, or one per dimension. */
    public AvgPool2d(int... kernelSize) {
        super(2, kernelSize);
    }
}
