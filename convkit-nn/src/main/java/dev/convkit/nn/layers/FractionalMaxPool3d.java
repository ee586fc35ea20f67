package dev.convkit.nn.layers;

/**
 * torch.nn.FractionalMaxPool3d: max over pseudo-random windows in 3 dimensions; see {@link FractionalMaxPoolNd}.
 *
 * <pre>{@code
 * FractionalMaxPool3d pool = new FractionalMaxPool3d(2).outputRatio(0.5);
 * Variable y = pool.forward(Variable.constant(Tensor.zeros(1, 1, 8, 8, 8)));
 * assert Arrays.equals(y.value().shape(), new int[] {1, 1, 4, 4, 4});
 * }</pre>
 */
public final class FractionalMaxPool3d extends FractionalMaxPoolNd<FractionalMaxPool3d> {
    /** {@code kernelSize}: one value, or one per dimension. */
    public FractionalMaxPool3d(int... kernelSize) {
        super(3, kernelSize);
    }
}
