package dev.convkit.nn.layers;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.pool.FractionalPoolOptions;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.functional.F;

import java.util.SplittableRandom;

/**
 * torch.nn.FractionalMaxPool2d/3d: max over pseudo-random windows, to an output size or ratio. Each
 * call draws fresh samples (also in evaluation mode, as in PyTorch) from the layer's generator, which
 * {@link #initialize} splits off (or an unseeded one); the calls of one layer are serialized so that
 * a seeded layer draws the same sequence whatever the threads.
 *
 * <pre>{@code
 * FractionalMaxPool2d pool = new FractionalMaxPool2d(2).outputRatio(0.5);
 * Variable y = pool.forward(Variable.constant(Tensor.zeros(1, 1, 10, 10)));
 * assert Arrays.equals(y.value().shape(), new int[] {1, 1, 5, 5});
 * assert pool.spec().equals("fracmax2d(2,0.5)");
 * }</pre>
 *
 * @param <T> the concrete layer, which the builder methods return
 */
public abstract class FractionalMaxPoolNd<T extends FractionalMaxPoolNd<T>> extends Module {
    private FractionalPoolOptions options;
    private SplittableRandom random = new SplittableRandom();

    FractionalMaxPoolNd(int rank, int... kernelSize) {
        this.options = FractionalPoolOptions.forRank(rank, kernelSize);
    }

    /** The output size (one value, or one per dimension). */
    @SuppressWarnings("unchecked")
    public T outputSize(int... values) {
        options = options.outputSize(values).outputRatio((double[]) null);
        return (T) this;
    }

    /** The output size as a fraction of the input, in (0, 1). */
    @SuppressWarnings("unchecked")
    public T outputRatio(double... values) {
        options = options.outputRatio(values).outputSize((int[]) null);
        return (T) this;
    }

    /** Kernel and output size or ratio (the seed is drawn per call). */
    public FractionalPoolOptions options() {
        return options;
    }

    @Override
    public void initialize(SplittableRandom random) {
        this.random = random.split();
    }

    @Override
    public void reseed(long seed) {
        random = new SplittableRandom(seed);
    }

    @Override
    public Variable forward(Variable x) {
        if (options.outputSize() == null && options.outputRatio() == null) {
            throw InvalidArgumentException.of("fractional_max_pool%dd layer: needs an output size or ratio", options.rank());
        }
        long seed;
        synchronized (this) {
            seed = random.nextLong();
        }
        FractionalPoolOptions seeded = options.seed(seed);
        return options.rank() == 2 ? F.fractionalMaxPool2d(x, seeded) : F.fractionalMaxPool3d(x, seeded);
    }

    @Override
    public String spec() {
        String head = "fracmax" + options.rank() + "d(" + SpecText.dims(options.kernel()) + ",";
        return head + (options.outputSize() != null ? "output_size=" + SpecText.dims(options.outputSize())
                : options.outputRatio() == null ? "" : SpecText.numbers(options.outputRatio())) + ")";
    }
}
