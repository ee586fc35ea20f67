package dev.convkit.nn.layers;

import dev.convkit.core.pool.PoolOptions;

import java.util.Arrays;

/**
 * What torch.nn's max, average and power-average pools share: a kernel (one size, or one per
 * dimension), and the options of {@link PoolOptions} as builder methods. The stride defaults to
 * the kernel size, as in PyTorch.
 *
 * <pre>{@code
 * MaxPool2d pool = new MaxPool2d(3, 2).stride(2).padding(1).ceilMode(true);
 * assert pool.spec().equals("maxpool2d(3x2,2,1,ceil_mode=true)");
 * Variable y = pool.forward(Variable.constant(Tensor.zeros(1, 1, 6, 6)));
 * assert Arrays.equals(y.value().shape(), new int[] {1, 1, 4, 4});
 * }</pre>
 *
 * @param <T> the concrete layer, which the builder methods return
 */
public abstract class SlidingPoolNd<T extends SlidingPoolNd<T>> extends Module {
    private final String kind;
    private PoolOptions options;

    SlidingPoolNd(String kind, int rank, int... kernelSize) {
        this.kind = kind;
        this.options = PoolOptions.forRank(rank, kernelSize);
    }

    @SuppressWarnings("unchecked")
    T set(PoolOptions value) {
        options = value;
        return (T) this;
    }

    /** Kernel, stride, padding and the pool's own settings. */
    public PoolOptions options() {
        return options;
    }

    /** Step between windows (default: the kernel size). */
    public T stride(int... values) {
        return set(options.stride(values));
    }

    /** Implicit padding per side, at most half the kernel. */
    public T padding(int... values) {
        return set(options.padding(values));
    }

    /** Whether the output size is rounded up (PyTorch's {@code ceil_mode}). */
    public T ceilMode(boolean value) {
        return set(options.ceilMode(value));
    }

    /** Positional arguments after kernel, stride and padding (the power of LP pooling). */
    String positionalTail() {
        return "";
    }

    @Override
    public String spec() {
        StringBuilder s = new StringBuilder(kind).append(options.rank()).append("d(")
                .append(SpecText.dims(options.kernel())).append(',').append(SpecText.dims(options.stride())).append(',')
                .append(SpecText.dims(options.padding())).append(positionalTail());
        if (Arrays.stream(options.dilation()).anyMatch(d -> d != 1)) {
            s.append(",dilation=").append(SpecText.dims(options.dilation()));
        }
        if (options.ceilMode()) {
            s.append(",ceil_mode=true");
        }
        if (!options.countIncludePad()) {
            s.append(",count_include_pad=false");
        }
        if (options.divisorOverride() != null) {
            s.append(",divisor_override=").append(options.divisorOverride());
        }
        return s.append(')').toString();
    }
}
