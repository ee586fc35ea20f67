package dev.convkit.nn.layers;

import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.functional.F;

/**
 * torch.nn.MaxPool1d/2d/3d: the maximum of each window; adds dilation to {@link SlidingPoolNd}.
 *
 * <pre>{@code
 * MaxPool1d pool = new MaxPool1d(2).dilation(2);
 * Variable y = pool.forward(Variable.constant(Tensor.of(new float[] {1, 5, 3, 2, 4}, 1, 1, 5)));
 * assert Arrays.equals(y.value().data(), new float[] {3, 4}); // taps 0 and 2, then 2 and 4 (stride = kernel)
 * }</pre>
 *
 * @param <T> the concrete layer, which the builder methods return
 */
public abstract class MaxPoolNd<T extends MaxPoolNd<T>> extends SlidingPoolNd<T> {
    MaxPoolNd(int rank, int... kernelSize) {
        super("maxpool", rank, kernelSize);
    }

    /** Spacing between window taps. */
    public T dilation(int... values) {
        return set(options().dilation(values));
    }

    @Override
    public Variable forward(Variable x) {
        return switch (options().rank()) {
            case 1 -> F.maxPool1d(x, options());
            case 2 -> F.maxPool2d(x, options());
            default -> F.maxPool3d(x, options());
        };
    }
}
