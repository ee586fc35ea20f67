package dev.convkit.nn.layers;

/**
 * torch.nn.FractionalMaxPool2d: max over pseudo-random windows in 2 dimensions; see {@link FractionalMaxPoolNd}.
 *
 * <pre>{@code
 * FractionalMaxPool2d pool = new FractionalMaxPool2d(3).outputSize(13);  // nn.FractionalMaxPool2d(3, output_size=13)
 * Variable y = pool.forward(Variable.constant(Tensor.zeros(1, 1, 28, 28)));
 * assert Arrays.equals(y.value().shape(), new int[] {1, 1, 13, 13});
 * }</pre>
 */
public final class FractionalMaxPool2d extends FractionalMaxPoolNd<FractionalMaxPool2d> {
    /** {@code kernelSize}: one value, or one per dimension. */
    public FractionalMaxPool2d(int... kernelSize) {
        super(2, kernelSize);
    }
}
