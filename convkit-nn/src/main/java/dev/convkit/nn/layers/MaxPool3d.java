package dev.convkit.nn.layers;

/**
 * torch.nn.MaxPool3d: the maximum of each window in 3 dimensions; the settings are builder methods of
 * {@link MaxPoolNd} and {@link SlidingPoolNd}.
 *
 * <pre>{@code
 * MaxPool3d pool = new MaxPool3d(1, 2, 2);                      // pools space, not time
 * Variable y = pool.forward(Variable.constant(Tensor.zeros(1, 1, 4, 8, 8)));
 * assert Arrays.equals(y.value().shape(), new int[] {1, 1, 4, 4, 4});
 * }</pre>
 */
public final class MaxPool3d extends MaxPoolNd<MaxPool3d> {
    /** {@code kernelSize}: one value, or one per dimension. */
    public MaxPool3d(int... kernelSize) {
        super(3, kernelSize);
    }
}
