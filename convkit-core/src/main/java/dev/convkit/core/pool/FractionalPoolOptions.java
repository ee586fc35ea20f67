package dev.convkit.core.pool;

import dev.convkit.core.tensor.Tensor;

/**
 * The parameters of fractional max pooling: the kernel, the output size (or a ratio of the input
 * size), and the random samples that place the windows, given explicitly or drawn from a seed.
 *
 * <pre>{@code
 * FractionalPoolOptions a = FractionalPoolOptions.pool2d(2).outputSize(2);                  // samples from seed 0
 * FractionalPoolOptions b = FractionalPoolOptions.pool2d(3).outputRatio(0.5).seed(42);
 * Tensor u = Tensor.full(0.5f, 1, 1, 3);                                                   // (N, C, 3) in [0, 1)
 * FractionalPoolOptions c = FractionalPoolOptions.pool3d(2).outputSize(3, 4, 4).samples(u);
 * assert c.rank() == 3;
 * }</pre>
 */
public final class FractionalPoolOptions {
    private final int rank;
    private final int[] kernel;
    private final int[] outputSize;
    private final double[] outputRatio;
    private final Tensor samples;
    private final long seed;

    private FractionalPoolOptions(int rank, int[] kernel, int[] outputSize, double[] outputRatio, Tensor samples,
                                  long seed) {
        this.rank = rank;
        this.kernel = kernel;
        this.outputSize = outputSize;
        this.outputRatio = outputRatio;
        this.samples = samples;
        this.seed = seed;
    }

    /** 2-d fractional max pooling with the given kernel size; seed 0. */
    public static FractionalPoolOptions pool2d(int... kernel) {
        return forRank(2, kernel);
    }

    /** 3-d fractional max pooling with the given kernel size; seed 0. */
    public static FractionalPoolOptions pool3d(int... kernel) {
        return forRank(3, kernel);
    }

    /** Options with {@code rank} (2 or 3) spatial dimensions and the kernel size; seed 0. */
    public static FractionalPoolOptions forRank(int rank, int... kernel) {
        return new FractionalPoolOptions(rank, kernel.clone(), null, null, null, 0);
    }

    /** The output size (takes precedence over a ratio). */
    public FractionalPoolOptions outputSize(int... values) {
        return new FractionalPoolOptions(rank, kernel, values == null ? null : values.clone(), outputRatio, samples, seed);
    }

    /** The output size as a fraction of the input size, in (0, 1): {@code O = trunc(I · ratio)}. */
    public FractionalPoolOptions outputRatio(double... values) {
        return new FractionalPoolOptions(rank, kernel, outputSize, values == null ? null : values.clone(), samples, seed);
    }

    /** Explicit samples, PyTorch's {@code _random_samples}: shape (N, C, rank), values in [0, 1). */
    public FractionalPoolOptions samples(Tensor values) {
        return new FractionalPoolOptions(rank, kernel, outputSize, outputRatio, values, seed);
    }

    /** The seed the samples are drawn from when none are given explicitly. */
    public FractionalPoolOptions seed(long value) {
        return new FractionalPoolOptions(rank, kernel, outputSize, outputRatio, samples, value);
    }

    public int rank() {
        return rank;
    }

    public int[] kernel() {
        return kernel.clone();
    }

    public int[] outputSize() {
        return outputSize == null ? null : outputSize.clone();
    }

    public double[] outputRatio() {
        return outputRatio == null ? null : outputRatio.clone();
    }

    public Tensor samples() {
        return samples;
    }

    public long seed() {
        return seed;
    }
}
