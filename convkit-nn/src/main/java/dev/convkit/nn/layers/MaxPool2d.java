package dev.convkit.nn.layers;

/**
 * torch.nn.MaxPool2d: the maximum of each window in 2 dimensions; the settings are builder methods of
 * {@link MaxPoolNd} and {@link SlidingPoolNd}.
 *
 * <pre>{@code
 * MaxPool2d pool = new MaxPool2d(2);                            // nn.MaxPool2d(2)
 * Variable y = pool.forward(Variable.constant(Tensor.zeros(1, 3, 28, 28)));
 * assert Arrays.equals(y.value().shape(), new int[] {1, 3, 14, 14}) && pool.spec().equals("maxpool2d(2,2,0)");
 * }</pre>
 */
public final class MaxPool2d extends MaxPoolNd<MaxPool2d> {
    /** {@code kernelSize}: one value, or one per dimension. */
    public MaxPool2d(int... kernelSize) {
        super(2, kernelSize);
    }
}
