package dev.convkit.nn.layers;

/**
 * torch.nn.AvgPool3d: the mean of each window in 3 dimensions; the settings are builder methods of
 * {@link AvgPoolNd} and {@link SlidingPoolNd}.
 *
 * <pre>{@code
 * AvgPool3d pool = new AvgPool3d(2);
 * Variable y = pool.forward(Variable.constant(Tensor.full(1f, 1, 2, 4, 4, 4)));
 * assert Arrays.equals(y.value().shape(), new int[] {1, 2, 2, 2, 2}) && y.value().get(0, 1, 1, 1, 1) == 1f;
 * }</pre>
 */
public final class AvgPool3d extends AvgPoolNd<AvgPool3d> {
    /** {@code kernelSize}: one value, or one per dimension. */
    public AvgPool3d(int... kernelSize) {
        super(3, kernelSize);
    }
}
