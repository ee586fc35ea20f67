package dev.convkit.nn.layers;

/**
 * torch.nn.LPPool3d: the p-norm of each window in 3 dimensions; the settings are builder methods of
 * {@link LPPoolNd} and {@link SlidingPoolNd}.
 *
 * <pre>{@code
 * LPPool3d pool = new LPPool3d(2, 2);
 * Variable y = pool.forward(Variable.constant(Tensor.full(1f, 1, 1, 2, 2, 2)));
 * assert Math.abs(y.value().data()[0] - Math.sqrt(8)) < 1e-6;
 * }</pre>
 */
public final class LPPool3d extends LPPoolNd<LPPool3d> {
    /** torch.nn.LPPool3d(norm_type, kernel_size): {@code kernelSize} one value, or one per dimension. */
    public LPPool3d(double normType, int... kernelSize) {
        super(3, normType, kernelSize);
    }
}
