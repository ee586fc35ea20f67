package dev.convkit.nn.layers;

import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.functional.F;

/**
 * torch.nn.LPPool1d/2d/3d: the p-norm (sum of x^p)^(1/p) of each window; p = 1 is sum pooling.
 *
 * <pre>{@code
 * LPPool2d pool = new LPPool2d(2, 2);                           // nn.LPPool2d(2, 2)
 * Variable y = pool.forward(Variable.constant(Tensor.full(3f, 1, 1, 2, 2)));
 * assert y.value().get(0, 0, 0, 0) == 6f;                       // sqrt(4 · 9)
 * assert pool.spec().equals("lppool2d(2,2,0,2)");
 * }</pre>
 *
 * @param <T> the concrete layer, which the builder methods return
 */
public abstract class LPPoolNd<T extends LPPoolNd<T>> extends SlidingPoolNd<T> {
    private final double normType;

    LPPoolNd(int rank, double normType, int... kernelSize) {
        super("lppool", rank, kernelSize);
        this.normType = normType;
    }

    /** The power p. */
    public double normType() {
        return normType;
    }

    @Override
    String positionalTail() {
        return "," + SpecText.number(normType);
    }

    @Override
    public Variable forward(Variable x) {
        return switch (options().rank()) {
            case 1 -> F.lpPool1d(x, normType, options());
            case 2 -> F.lpPool2d(x, normType, options());
            default -> F.lpPool3d(x, normType, options());
        };
    }
}
