package dev.convkit.nn.layers;

import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.functional.F;

/**
 * torch.nn.AvgPool1d/2d/3d: the mean of each window; adds count_include_pad and divisor_override
 * to {@link SlidingPoolNd}.
 *
 * <pre>{@code
 * AvgPool2d pool = new AvgPool2d(2).padding(1).countIncludePad(false);
 * Variable y = pool.forward(Variable.constant(Tensor.full(4f, 1, 1, 2, 2)));
 * assert y.value().get(0, 0, 0, 0) == 4f;                   // the padding is not counted
 * assert pool.spec().equals("avgpool2d(2,2,1,count_include_pad=false)");
 * }</pre>
 *
 * @param <T> the concrete layer, which the builder methods return
 */
public abstract class AvgPoolNd<T extends AvgPoolNd<T>> extends SlidingPoolNd<T> {
    AvgPoolNd(int rank, int... kernelSize) {
        super("avgpool", rank, kernelSize);
    }

    /** Whether the zero padding counts in the divisor (default true). */
    public T countIncludePad(boolean value) {
        return set(options().countIncludePad(value));
    }

    /** A fixed divisor for every window. */
    public T divisorOverride(int value) {
        return set(options().divisorOverride(value));
    }

    @Override
    public Variable forward(Variable x) {
        return switch (options().rank()) {
            case 1 -> F.avgPool1d(x, options());
            case 2 -> F.avgPool2d(x, options());
            default -> F.avgPool3d(x, options());
        };
    }
}
