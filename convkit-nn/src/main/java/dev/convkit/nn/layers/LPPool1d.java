package dev.convkit.nn.layers;

/**
 * torch.nn.LPPool1d: the p-norm of each window in 1 dimension; the settings are builder methods of
 * {@link LPPoolNd} and {@link SlidingPoolNd}.
 *
 * <pre>{@code
 * LPPool1d pool = new LPPool1d(1, 3);                            // p = 1: sum pooling
 * Variable y = pool.forward(Variable.constant(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 1, 6)));
 * assert Arrays.equals(y.value().data(), new float[] {6, 15});
 * }</pre>
 */
public final class LPPool1d extends LPPoolNd<LPPool1d> {
    /** torch.nn.LPPool1d(norm_type, kernel_size): {@code kernelSize} one value, or one per dimension. */
    public LPPool1d(double normType, int... kernelSize) {
        super(1, normType, kernelSize);
    }
}
