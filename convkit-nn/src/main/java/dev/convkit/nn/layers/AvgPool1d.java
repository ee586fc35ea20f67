package dev.convkit.nn.layers;

/**
 * torch.nn.AvgPool1d: the mean of each window in 1 dimension; the settings are builder methods of
 * {@link AvgPoolNd} and {@link SlidingPoolNd}.
 *
 * <pre>{@code
 * AvgPool1d pool = new AvgPool1d(2);
 * Variable y = pool.forward(Variable.constant(Tensor.of(new float[] {1, 3, 5, 7}, 1, 1, 4)));
 * assert Arrays.equals(y.value().data(), new float[] {2, 6});
 * }</pre>
 */
public final class AvgPool1d extends AvgPoolNd<AvgPool1d> {
    /** {@code kernelSize}: one value, or one per dimension. */
    public AvgPool1d(int... kernelSize) {
        super(1, kernelSize);
    }
}
