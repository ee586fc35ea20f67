package dev.convkit.nn.layers;

/**
 * torch.nn.MaxPool1d: the maximum of each window in 1 dimension; the settings are builder methods of
 * {@link MaxPoolNd} and {@link SlidingPoolNd}.
 *
 * <pre>{@code
 * MaxPool1d pool = new MaxPool1d(3).stride(1);
 * Variable y = pool.forward(Variable.constant(Tensor.of(new float[] {1, 5, 3, 2, 4}, 1, 1, 5)));
 * assert Arrays.equals(y.value().data(), new float[] {5, 5, 4});
 * }</pre>
 */
public final class MaxPool1d extends MaxPoolNd<MaxPool1d> {
    /** {@code kernelSize}: one value, or one per dimension. */
    public MaxPool1d(int... kernelSize) {
        super(1, kernelSize);
    }
}
