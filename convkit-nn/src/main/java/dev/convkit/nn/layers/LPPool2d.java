package dev.convkit.nn.layers;

/**
 * torch.nn.LPPool2d: the p-norm of each window in 2 dimensions; the settings are builder methods of
 * {@link LPPoolNd} and {@link SlidingPoolNd}.
 *
 * <pre>{@code
 * LPPool2d pool = new LPPool2d(2, 3, 1).stride(1);                // norm 2 over 3×1 windows
 * Variable y = pool.forward(Variable.constant(Tensor.zeros(1, 1, 5, 5)));
 * assert Arrays.equals(y.value().shape(), new int[] {1, 1, 3, 5});
 * }</pre>
 */
public final class LPPool2d extends LPPoolNd<LPPool2d> {
    /** torch.nn.LPPool2d(norm_type, kernel_size): {@code kernelSize} one value, or one per dimension. */
    public LPPool2d(double normType, int... kernelSize) {
        super(2, normType, kernelSize);
    }
}
