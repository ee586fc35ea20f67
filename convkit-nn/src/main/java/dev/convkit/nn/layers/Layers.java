package dev.convkit.nn.layers;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Params;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.nn.autograd.Ops;
import dev.convkit.nn.autograd.Variable;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The layers, each a small {@link Module} over one op: the convolutions and pools from the core
 * catalogue (through {@link Ops#apply}), the rest from {@link Ops}. Parameters are initialized as
 * PyTorch's defaults: weights and biases of convolutions and linear layers uniform in
 * ±1/sqrt(fan_in) (kaiming_uniform with a = √5), batch norm gamma 1, beta 0.
 *
 * <pre>{@code
 * Module pool = Architecture.build("maxpool2d(2,2,0)", 0).layers().get(0); // a catalogue op as a layer
 * Variable y = pool.forward(Variable.constant(Tensor.full(1f, 1, 1, 4, 4)));
 * assert Arrays.equals(y.value().shape(), new int[] {1, 1, 2, 2});
 * Module relu = new Layers.ReLU();
 * assert relu.forward(Variable.constant(Tensor.of(new float[] {-1, 2}, 2))).value().get(0) == 0f;
 * }</pre>
 */
public final class Layers {
    private Layers() {
    }

    static Tensor uniform(SplittableRandom random, double bound, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return t;
    }

    /** {@code {weight, bias}} in that order: the state-dict names PyTorch uses. */
    static Map<String, Variable> weightAndBias(Variable weight, Variable bias) {
        Map<String, Variable> p = new LinkedHashMap<>();
        p.put("weight", weight);
        p.put("bias", bias);
        return p;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Convolution (1-3d, optionally transposed) with bias: the catalogue's conv or conv_transpose op. */
    public static final class Conv extends Module {
        private final int rank;
        private final int in;
        private final int out;
        private final int kernel;
        private final int stride;
        private final int padding;
        private final int outputPadding;
        private final boolean transposed;
        private final Variable weight;
        private final Variable bias;
        private final Op op;
        private final Params params;

        public Conv(int rank, int in, int out, int kernel, int stride, int padding, int outputPadding, boolean transposed,
                    SplittableRandom random) {
            if (in < 1 || out < 1 || kernel < 1) {
                throw InvalidArgumentException.of("conv layer: channels and kernel must be positive, got in=%d out=%d kernel=%d",
                        in, out, kernel);
            }
            this.rank = rank;
            this.in = in;
            this.out = out;
            this.kernel = kernel;
            this.stride = stride;
            this.padding = padding;
            this.outputPadding = outputPadding;
            this.transposed = transposed;
            int[] shape = new int[rank + 2];
            shape[0] = transposed ? in : out;
            shape[1] = transposed ? out : in;
            int volume = 1;
            for (int i = 0; i < rank; i++) {
                shape[2 + i] = kernel;
                volume *= kernel;
            }
            // PyTorch computes fan_in from weight dimension 1, also for transposed convolutions
            double bound = 1 / Math.sqrt((double) shape[1] * volume);
            this.weight = Variable.parameter(uniform(random, bound, shape));
            this.bias = Variable.parameter(uniform(random, bound, out));
            this.op = Catalogue.require(transposed ? "conv_transpose" : "conv", rank);
            Map<String, Object> raw = new LinkedHashMap<>();
            raw.put("stride", stride);
            raw.put("padding", padding);
            if (transposed) {
                raw.put("output_padding", outputPadding);
            }
            this.params = op.params(raw);
        }

        @Override
        public Variable forward(Variable x) {
            Map<String, Variable> operands = new LinkedHashMap<>();
            operands.put("input", x);
            operands.put("weight", weight);
            operands.put("bias", bias);
            return Ops.apply(op, params, operands);
        }

        @Override
        public Map<String, Variable> parameters() {
            return weightAndBias(weight, bias);
        }

        @Override
        public String spec() {
            String base = String.format(Locale.ROOT, "%s%dd(%d,%d,%d,%d,%d", transposed ? "convT" : "conv", rank, in, out,
                    kernel, stride, padding);
            return base + (transposed ? "," + outputPadding + ")" : ")");
        }
    }

    /** y = x·Wᵀ + b. */
    public static final class Linear extends Module {
        private final int in;
        private final int out;
        private final Variable weight;
        private final Variable bias;

        public Linear(int in, int out, SplittableRandom random) {
            this.in = in;
            this.out = out;
            double bound = 1 / Math.sqrt(in);
            this.weight = Variable.parameter(uniform(random, bound, out, in));
            this.bias = Variable.parameter(uniform(random, bound, out));
        }

        @Override
        public Variable forward(Variable x) {
            return Ops.linear(x, weight, bias);
        }

        @Override
        public Map<String, Variable> parameters() {
            return weightAndBias(weight, bias);
        }

        @Override
        public String spec() {
            return "linear(" + in + "," + out + ")";
        }
    }

    /** max(0, x). */
    public static final class ReLU extends Module {
        @Override
        public Variable forward(Variable x) {
            return Ops.relu(x);
        }

        @Override
        public String spec() {
            return "relu";
        }
    }

    /** ELU with the given alpha. */
    public static final class ELU extends Module {
        private final float alpha;

        public ELU(float alpha) {
            this.alpha = alpha;
        }

        @Override
        public Variable forward(Variable x) {
            return Ops.elu(x, alpha);
        }

        @Override
        public String spec() {
            return "elu(" + num(alpha) + ")";
        }
    }

    /** Dropout with probability p, active in training mode only; its randomness comes from a seed. */
    public static final class Dropout extends Module {
        private final double p;
        private SplittableRandom random;

        public Dropout(double p, SplittableRandom random) {
            if (!(p >= 0 && p < 1)) {
                throw InvalidArgumentException.of("dropout: p must lie in [0, 1), got %s", p);
            }
            this.p = p;
            this.random = random;
        }

        /** Reseeds the dropout masks (for reproducible resumed training). */
        @Override
        public void reseed(long seed) {
            random = new SplittableRandom(seed);
        }

        @Override
        public Variable forward(Variable x) {
            return Ops.dropout(x, p, training(), random);
        }

        @Override
        public String spec() {
            return "dropout(" + num(p) + ")";
        }
    }

    /** (N, ...) → (N, rest). */
    public static final class Flatten extends Module {
        @Override
        public Variable forward(Variable x) {
            return Ops.flatten(x);
        }

        @Override
        public String spec() {
            return "flatten";
        }
    }

    /** Batch normalization over the channels of (N, C, H, W), momentum 0.1, eps 1e-5. */
    public static final class BatchNorm2d extends Module {
        private final int channels;
        private final Variable gamma;
        private final Variable beta;
        private final float[] runningMean;
        private final float[] runningVar;

        public BatchNorm2d(int channels) {
            this.channels = channels;
            this.gamma = Variable.parameter(Tensor.full(1f, channels));
            this.beta = Variable.parameter(Tensor.zeros(channels));
            this.runningMean = new float[channels];
            this.runningVar = new float[channels];
            Arrays.fill(runningVar, 1f);
        }

        @Override
        public Variable forward(Variable x) {
            return Ops.batchNorm2d(x, gamma, beta, runningMean, runningVar, training(), 0.1f, 1e-5f);
        }

        @Override
        public Map<String, Variable> parameters() {
            return weightAndBias(gamma, beta);
        }

        @Override
        public Map<String, float[]> buffers() {
            Map<String, float[]> b = new LinkedHashMap<>();
            b.put("running_mean", runningMean);
            b.put("running_var", runningVar);
            return b;
        }

        @Override
        public String spec() {
            return "bn2d(" + channels + ")";
        }
    }

    /**
     * A layer without parameters over one op of the core catalogue (every pool): the op and its
     * fixed parameters, and the spec token it was built from. Fractional max pooling draws fresh
     * samples on every call from the layer's seeded generator.
     */
    public static final class Pool extends Module {
        private final Op op;
        private final Map<String, Object> raw;
        private final Params params;
        private final String spec;
        private SplittableRandom random;

        /**
         * @param op   the catalogue op, e.g. {@code max_pool2d}
         * @param raw  its parameters
         * @param spec the layer's spec token, e.g. {@code maxpool2d(2,2,0)}
         * @param random the generator of per-call seeds (ops with a {@code seed} parameter), or null
         */
        public Pool(Op op, Map<String, Object> raw, String spec, SplittableRandom random) {
            this.op = op;
            this.raw = new LinkedHashMap<>(raw);
            this.params = op.params(raw);
            this.spec = spec;
            this.random = random;
        }

        /** The catalogue op this layer runs. */
        public Op op() {
            return op;
        }

        @Override
        public Variable forward(Variable x) {
            Params p = params;
            if (random != null && op.accepts("seed")) {
                Map<String, Object> seeded = new LinkedHashMap<>(raw);
                seeded.put("seed", random.nextLong());
                p = op.params(seeded);
            }
            return Ops.apply(op, p, Map.of("input", x));
        }

        @Override
        public void reseed(long seed) {
            if (random != null) {
                random = new SplittableRandom(seed);
            }
        }

        @Override
        public String spec() {
            return spec;
        }
    }
}
