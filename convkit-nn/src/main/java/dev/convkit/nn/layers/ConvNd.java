package dev.convkit.nn.layers;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.conv.ConvOptions;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.window.PaddingMode;
import dev.convkit.nn.autograd.Variable;
import dev.convkit.nn.functional.F;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What torch.nn.Conv1d/2d/3d and ConvTranspose1d/2d/3d share: channels, a kernel (one size, or one
 * per dimension), the options of {@link ConvOptions} as builder methods, and a weight and optional
 * bias initialized as PyTorch does (uniform in ±1/sqrt(fan_in), kaiming_uniform with a = √5, fan_in
 * from weight dimension 1 also for transposed convolutions). The forward is {@link F#conv}.
 *
 * <pre>{@code
 * Conv2d conv = new Conv2d(3, 8, 3, 5).stride(2).padding(1, 2).groups(1).withoutBias();
 * assert Arrays.equals(conv.weight().value().shape(), new int[] {8, 3, 3, 5});
 * assert conv.spec().equals("conv2d(3,8,3x5,2,1x2,bias=false)");
 * }</pre>
 *
 * @param <T> the concrete layer, which the builder methods return
 */
public abstract class ConvNd<T extends ConvNd<T>> extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int[] kernel;
    private ConvOptions options;
    private boolean hasBias = true;
    private SplittableRandom random = new SplittableRandom();
    private Variable weight;
    private Variable bias;

    ConvNd(ConvOptions defaults, int inChannels, int outChannels, int... kernelSize) {
        String name = defaults.opName();
        if (inChannels < 1 || outChannels < 1) {
            throw InvalidArgumentException.of("%s layer: channels must be positive, got in=%d out=%d", name, inChannels,
                    outChannels);
        }
        if (kernelSize.length != 1 && kernelSize.length != defaults.rank()) {
            throw InvalidArgumentException.of("%s layer: kernel_size needs 1 or %d values, got %d", name, defaults.rank(),
                    kernelSize.length);
        }
        if (Arrays.stream(kernelSize).anyMatch(k -> k < 1)) {
            throw InvalidArgumentException.of("%s layer: kernel_size must be positive, got %s", name,
                    Arrays.toString(kernelSize));
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = new int[defaults.rank()];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = kernelSize.length == 1 ? kernelSize[0] : kernelSize[i];
        }
        this.options = defaults;
        draw();
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** Step between windows: one value, or one per dimension. */
    public T stride(int... values) {
        options = options.stride(values);
        return self();
    }

    /** Padding per side: one value, or one per dimension. */
    public T padding(int... values) {
        options = options.padding(values);
        return self();
    }

    /** Padding {@code "same"} (output size = input size) or {@code "valid"} (none), as PyTorch takes it. */
    public T padding(String value) {
        options = options.padding(value);
        return self();
    }

    /** Spacing between kernel taps. */
    public T dilation(int... values) {
        options = options.dilation(values);
        return self();
    }

    /** Channel groups; redraws the weight, whose shape depends on them. */
    public T groups(int value) {
        if (value < 1 || inChannels % value != 0 || outChannels % value != 0) {
            throw InvalidArgumentException.of("%s layer: groups must divide in=%d and out=%d, got %d", options.opName(),
                    inChannels, outChannels, value);
        }
        options = options.groups(value);
        draw();
        return self();
    }

    /** PyTorch's padding_mode: zeros, reflect, replicate or circular. */
    public T paddingMode(PaddingMode value) {
        options = options.paddingMode(value);
        return self();
    }

    /** No bias (PyTorch's {@code bias=False}). */
    public T withoutBias() {
        hasBias = false;
        draw();
        return self();
    }

    /** Sets the options of transposed convolutions (output padding). */
    void setOptions(ConvOptions value) {
        options = value;
    }

    /** Stride, padding, dilation, groups, padding mode (and output padding when transposed). */
    public ConvOptions options() {
        return options;
    }

    /** The kernel size, one value per dimension. */
    public int[] kernelSize() {
        return kernel.clone();
    }

    /** The weight: (out, in/groups, *kernel), or (in, out/groups, *kernel) when transposed. */
    public Variable weight() {
        return weight;
    }

    /** The bias (out), or null without one. */
    public Variable bias() {
        return bias;
    }

    @Override
    public void initialize(SplittableRandom random) {
        this.random = random;
        draw();
    }

    private void draw() {
        int groups = options.groups();
        int[] shape = new int[kernel.length + 2];
        shape[0] = options.transposed() ? inChannels : outChannels;
        shape[1] = options.transposed() ? outChannels / groups : inChannels / groups;
        int volume = 1;
        for (int i = 0; i < kernel.length; i++) {
            shape[2 + i] = kernel[i];
            volume *= kernel[i];
        }
        double bound = 1 / Math.sqrt((double) shape[1] * volume);
        weight = Variable.parameter(uniform(random, bound, shape));
        bias = hasBias ? Variable.parameter(uniform(random, bound, outChannels)) : null;
    }

    static Tensor uniform(SplittableRandom random, double bound, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return t;
    }

    @Override
    public Variable forward(Variable x) {
        return F.conv(x, weight, bias, options);
    }

    @Override
    public Map<String, Variable> parameters() {
        Map<String, Variable> p = new LinkedHashMap<>();
        p.put("weight", weight);
        if (bias != null) {
            p.put("bias", bias);
        }
        return p;
    }

    /** {@code conv2d(in,out,k,s,p)} (and {@code ,op} when transposed), then the settings that differ from PyTorch's defaults. */
    @Override
    public String spec() {
        StringBuilder s = new StringBuilder(options.transposed() ? "convT" : "conv").append(kernel.length).append("d(")
                .append(inChannels).append(',').append(outChannels).append(',').append(SpecText.dims(kernel)).append(',')
                .append(SpecText.dims(options.stride())).append(',')
                .append(options.paddingString() != null ? options.paddingString() : SpecText.dims(options.padding()));
        if (options.transposed()) {
            s.append(',').append(SpecText.dims(options.outputPadding()));
        }
        if (Arrays.stream(options.dilation()).anyMatch(d -> d != 1)) {
            s.append(",dilation=").append(SpecText.dims(options.dilation()));
        }
        if (options.groups() != 1) {
            s.append(",groups=").append(options.groups());
        }
        if (!hasBias) {
            s.append(",bias=false");
        }
        if (options.paddingMode() != PaddingMode.ZEROS) {
            s.append(",padding_mode=").append(options.paddingMode().torchName());
        }
        return s.append(')').toString();
    }
}
