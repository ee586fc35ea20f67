package dev.convkit.nn.autograd;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.backend.Backend;
import dev.convkit.core.kernels.MicroKernel;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.op.Catalogue;
import dev.convkit.core.op.Forward;
import dev.convkit.core.op.Gradients;
import dev.convkit.core.op.Op;
import dev.convkit.core.op.Operands;
import dev.convkit.core.op.Params;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Shape;
import dev.convkit.core.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Differentiable ops on {@link Variable}s: each computes its forward and records, right beside it,
 * the backward that adds the parents' gradients. The convolutions and pools come from the core
 * {@link Catalogue} through {@link #apply}.
 *
 * <pre>{@code
 * SplittableRandom random = new SplittableRandom(1);
 * Variable x = Variable.constant(Tensor.full(0.5f, 2, 1, 4, 4));     // (N, 1, 4, 4)
 * Variable w = Variable.parameter(Tensor.full(0.1f, 3, 1, 3, 3));
 * Variable b = Variable.parameter(Tensor.zeros(3));
 * Op conv = Catalogue.require("conv2d");
 * Variable h = Ops.relu(Ops.apply(conv, conv.params(Map.of("padding", 1)), Map.of("input", x, "weight", w, "bias", b)));
 * Variable w2 = Variable.parameter(Tensor.full(0.01f, 10, 48));
 * Variable b2 = Variable.parameter(Tensor.zeros(10));
 * Variable loss = Ops.crossEntropy(Ops.linear(Ops.flatten(h), w2, b2), new int[] {3, 7});
 * loss.backward();
 * assert w.grad() != null && w2.grad() != null;
 * }</pre>
 */
public final class Ops {
    private Ops() {
    }

    // ------------------------------------------------------------ elementwise

    /** Element-wise passes split into chunks of this many elements across the kernel threads. */
    private static final int CHUNK = 1 << 15;

    /** A pass over elements [from, to). */
    @FunctionalInterface
    private interface Range {
        void run(int from, int to);
    }

    /** Runs {@code body} over [0, n) in fixed chunks (each element is written by one task: any thread count gives the same bits). */
    private static void chunks(int n, Range body) {
        if (n <= CHUNK) {
            body.run(0, n);
            return;
        }
        Parallel.forEach((n + CHUNK - 1) / CHUNK, c -> body.run(c * CHUNK, Math.min(n, (c + 1) * CHUNK)));
    }

    /** a + b (same shape). */
    public static Variable add(Variable a, Variable b) {
        requireSameShape("add", a, b);
        float[] x = a.value().data();
        float[] y = b.value().data();
        float[] out = Arena.floats(x.length);
        chunks(out.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = x[i] + y[i];
            }
        });
        return Variable.result(Tensor.wrap(out, a.value().shape()), g -> {
            a.accumulate(g);
            b.adopt(g);
        }, a, b);
    }

    /** a · b elementwise (same shape). */
    public static Variable mul(Variable a, Variable b) {
        requireSameShape("mul", a, b);
        float[] x = a.value().data();
        float[] y = b.value().data();
        float[] out = Arena.floats(x.length);
        chunks(out.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = x[i] * y[i];
            }
        });
        return Variable.result(Tensor.wrap(out, a.value().shape()), g -> {
            float[] gd = g.data();
            float[] ga = Arena.floats(gd.length);
            chunks(gd.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    ga[i] = gd[i] * y[i];
                    gd[i] = gd[i] * x[i];
                }
            });
            a.adopt(Tensor.wrap(ga, g.shape()));
            b.adopt(g);
        }, a, b);
    }

    /** The sum of all elements, a scalar of shape (1). */
    public static Variable sum(Variable a) {
        double s = 0;
        for (float v : a.value().data()) {
            s += v;
        }
        int[] shape = a.value().shape();
        return Variable.result(Tensor.wrap(new float[] {(float) s}, 1), g -> {
            float[] spread = Arena.floats((int) a.value().numel());
            java.util.Arrays.fill(spread, g.data()[0]);
            a.adopt(Tensor.wrap(spread, shape));
        }, a);
    }

    /** max(0, x). */
    public static Variable relu(Variable a) {
        float[] x = a.value().data();
        float[] out = Arena.floats(x.length);
        chunks(x.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = Math.max(x[i], 0f); // NaN stays NaN, as in PyTorch
            }
        });
        return Variable.result(Tensor.wrap(out, a.value().shape()), g -> {
            float[] gd = g.data();
            VectorOps ops = Backend.active().provider().vectorOps();
            chunks(gd.length, (from, to) -> ops.reluBackward(out, from, gd, from, to - from));
            a.adopt(g);
        }, a);
    }

    /** x for x > 0, alpha·(e^x − 1) otherwise. */
    public static Variable elu(Variable a, float alpha) {
        float[] x = a.value().data();
        float[] out = Arena.floats(x.length);
        chunks(x.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = x[i] > 0 ? x[i] : (float) (alpha * Math.expm1(x[i]));
            }
        });
        return Variable.result(Tensor.wrap(out, a.value().shape()), g -> {
            float[] gd = g.data();
            chunks(gd.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    gd[i] = x[i] > 0 ? gd[i] : gd[i] * (out[i] + alpha);
                }
            });
            a.adopt(g);
        }, a);
    }

    /** Zeroes each element with probability p and scales the rest by 1/(1−p) (training only). */
    public static Variable dropout(Variable a, double p, boolean training, SplittableRandom random) {
        if (!(p >= 0 && p < 1)) {
            throw InvalidArgumentException.of("dropout: p must lie in [0, 1), got %s", p);
        }
        if (!training || p == 0) {
            return a;
        }
        float[] x = a.value().data();
        float[] mask = Arena.floats(x.length);
        float[] out = Arena.floats(x.length);
        float keep = (float) (1 / (1 - p));
        // an element is dropped when a uniform 32-bit draw falls below p·2^32
        long threshold = (long) Math.ceil(p * 0x1p32);
        // one generator per fixed chunk, seeded in chunk order from the layer's generator: the same seed
        // gives the same mask at any thread count, and the chunks draw in parallel
        long[] seeds = new long[Math.max(1, (x.length + CHUNK - 1) / CHUNK)];
        for (int c = 0; c < seeds.length; c++) {
            seeds[c] = random.nextLong();
        }
        chunks(x.length, (from, to) -> dropoutChunk(x, mask, out, from, to, seeds[from / CHUNK], threshold, keep));
        return Variable.result(Tensor.wrap(out, a.value().shape()), g -> {
            float[] gd = g.data();
            chunks(gd.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    gd[i] = gd[i] * mask[i];
                }
            });
            a.adopt(g);
        }, a);
    }

    /**
     * Dropout's mask and output over [from, to) from the generator seeded {@code seed}: {@link VectorOps#dropoutMask} on the
     * backend's vector primitives (the same bits on every provider).
     */
    static void dropoutChunk(float[] x, float[] mask, float[] out, int from, int to, long seed, long threshold,
                             float keep) {
        Backend.active().provider().vectorOps().dropoutMask(x, mask, out, from, to, seed, threshold, keep);
    }

    /** (N, ...) → (N, rest), sharing the input's storage (ops never write their inputs). */
    public static Variable flatten(Variable a) {
        int[] shape = a.value().shape();
        int n = shape[0];
        int rest = (int) (a.value().numel() / Math.max(1, n));
        return Variable.result(a.value().reshape(n, rest), g -> a.adopt(g.reshape(shape)), a);
    }

    // ------------------------------------------------------------ layers

    /**
     * Any op of the core {@link Catalogue} on variables: the forward runs the op, and the backward
     * consumes the op's forward context (no re-planning, no second forward), adding each gradient to
     * the operand it belongs to. Operands that need no gradient get none computed where the op can
     * skip it (a first layer's input gradient). Without grad mode, or when no operand needs a
     * gradient, the op runs its inference path (max pooling then writes no indices).
     *
     * @param operands the op's tensor operands by name ({@code input}, {@code weight}, {@code bias}); nulls are absent
     */
    public static Variable apply(Op op, Params params, Map<String, Variable> operands) {
        return applyWithIndices(op, params, operands, Map.of()).output();
    }

    /** An op's output and the indices it was asked to return ({@code return_indices}), or null. */
    public record Applied(Variable output, IndexTensor indices) {
    }

    /**
     * {@link #apply}, also taking index operands (max_unpool's {@code indices}, which carry no
     * gradient) and returning the indices the op computed when its parameters ask for them.
     */
    public static Applied applyWithIndices(Op op, Params params, Map<String, Variable> operands,
                                           Map<String, IndexTensor> indexOperands) {
        Map<String, Object> values = new LinkedHashMap<>(indexOperands);
        Set<String> wanted = new HashSet<>();
        List<Variable> parents = new ArrayList<>();
        operands.forEach((name, v) -> {
            if (v != null) {
                values.put(name, v.value());
                parents.add(v);
                if (v.requiresGrad()) {
                    wanted.add(name);
                }
            }
        });
        Operands in = Operands.of(values);
        boolean returnsIndices = op.accepts("return_indices") && params.bool("return_indices");
        if ((!GradMode.enabled() || wanted.isEmpty()) && !returnsIndices) {
            return new Applied(Variable.constant(op.infer(in, params)), null);
        }
        Forward forward = op.forward(in, params);
        if (!GradMode.enabled() || wanted.isEmpty()) {
            return new Applied(Variable.constant(forward.output()), forward.indices());
        }
        Variable output = Variable.result(forward.output(), g -> {
            Gradients grads = forward.backward(g, wanted);
            operands.forEach((name, v) -> {
                if (v != null && wanted.contains(name)) {
                    v.adopt(grads.get(name)); // the op's gradients are fresh arrays, each for one operand
                }
            });
        }, parents.toArray(new Variable[0]));
        return new Applied(output, forward.indices());
    }

    /**
     * x·Wᵀ + b for x (N, in), W (out, in), b (out), as GEMMs on the backend's micro-kernel
     * ({@link Gemm}): {@code y = x·Wᵀ}; the backward is {@code dx = g·W} and {@code dW = gᵀ·x}, and
     * {@code db} the column sums of g, row by row in order. x's rows and the rows of W and x in the backward
     * are read in place, not packed (the same bits as packed).
     */
    public static Variable linear(Variable x, Variable w, Variable b) {
        int[] xs = x.value().shape();
        int[] ws = w.value().shape();
        if (xs.length != 2 || ws.length != 2 || xs[1] != ws[1]) {
            throw InvalidArgumentException.of("linear: input %s and weight %s must be (N, in) and (out, in)",
                    Shape.toString(xs), Shape.toString(ws));
        }
        if (b != null && (b.value().rank() != 1 || b.value().dim(0) != ws[0])) {
            throw InvalidArgumentException.of("linear: bias must be 1-D with %d elements, got %s", ws[0],
                    Shape.toString(b.value().shape()));
        }
        int n = xs[0];
        int in = xs[1];
        int out = ws[0];
        float[] xd = x.value().data();
        float[] wd = w.value().data();
        float[] y = Arena.floats(n * out);
        MicroKernel micro = Backend.active().provider().microKernel();
        Gemm.multiplyByNarrowTransposed(micro, n, out, in, xd, wd, y);
        if (b != null) {
            float[] bd = b.value().data();
            for (int r = 0; r < n; r++) {
                addBias(bd, y, r * out, out);
            }
        }
        return Variable.result(Tensor.wrap(y, n, out), g -> {
            float[] gd = g.data();
            if (x.requiresGrad()) {
                float[] dx = Arena.floats(n * in);
                Gemm.multiplyRowsInPlace(micro, n, in, out, Gemm.Matrix.rows(gd, out), wd, dx);
                x.adopt(Tensor.wrap(dx, n, in));
            }
            if (w.requiresGrad()) {
                float[] dw = Arena.floats(out * in);
                Gemm.multiplyRowsInPlace(micro, out, in, n, Gemm.Matrix.transposed(gd, out), xd, dw);
                w.adopt(Tensor.wrap(dw, out, in));
            }
            if (b != null) {
                float[] db = Arena.zeros(out);
                for (int r = 0; r < n; r++) {
                    addToColumnSums(gd, r * out, db, out);
                }
                b.adopt(Tensor.wrap(db, out));
            }
        }, x, w, b);
    }

    // The row loops of linear and cross-entropy are methods of their own: inline in a method called once
    // a step, a loop over the whole batch was compiled on stack (OSR) by C2 together with everything
    // inlined around it (linear's GEMMs: ~0.25 s of the one C2 thread in a two-thread epoch), while a
    // row's method is compiled once by its call count and the calls' frames are out of it a row later.

    /** {@code y[off + o] += bias[o]} for o in [0, len): a bias added to one output row. */
    private static void addBias(float[] bias, float[] y, int off, int len) {
        for (int o = 0; o < len; o++) {
            y[off + o] += bias[o];
        }
    }

    /** {@code sum[o] += g[off + o]} for o in [0, len): one row of g into the column sums. */
    private static void addToColumnSums(float[] g, int off, float[] sum, int len) {
        for (int o = 0; o < len; o++) {
            sum[o] += g[off + o];
        }
    }

    /**
     * Batch normalization over (N, C, H, W): per channel, normalize by the batch mean and biased
     * variance in training (and update the running statistics with the unbiased variance, as
     * PyTorch does), by the running statistics in evaluation; then scale by gamma and shift by beta.
     * The backward consumes the forward's statistics (mean and 1/std per channel) and recomputes the
     * normalized input on the fly, as cheap as reading a stored copy. Channels are split across the
     * kernel threads, one task running all of a channel's passes (its sums in a fixed order, so any
     * thread count gives the same bits); nothing is allocated per call outside the step's arena.
     */
    public static Variable batchNorm2d(Variable x, Variable gamma, Variable beta, float[] runningMean, float[] runningVar,
                                       boolean training, float momentum, float eps) {
        return batchNorm2d(x, gamma, beta, runningMean, runningVar, training, momentum, eps, false);
    }

    /**
     * {@code relu(batchNorm2d(...))} in the passes of batch norm alone: the forward clamps as it
     * normalizes, and the backward masks the gradient inside each of batch norm's two passes (a select
     * on the output, never written back). The same bits as the two ops one after the other.
     */
    public static Variable batchNorm2dRelu(Variable x, Variable gamma, Variable beta, float[] runningMean,
                                           float[] runningVar, boolean training, float momentum, float eps) {
        return batchNorm2d(x, gamma, beta, runningMean, runningVar, training, momentum, eps, true);
    }

    private static Variable batchNorm2d(Variable x, Variable gamma, Variable beta, float[] runningMean,
                                        float[] runningVar, boolean training, float momentum, float eps, boolean relu) {
        int[] s = x.value().shape();
        if (s.length != 4 || s[1] != gamma.value().numel()) {
            throw InvalidArgumentException.of("batch_norm2d: input must be (N, C, H, W) with C = %d, got %s",
                    gamma.value().numel(), Shape.toString(s));
        }
        int n = s[0];
        int c = s[1];
        int plane = s[2] * s[3];
        int count = n * plane;
        float[] in = x.value().data();
        VectorOps ops = Backend.active().provider().vectorOps();
        // per channel: the mean and 1/std the forward used, kept for the backward (arena arrays: no heap per step)
        float[] mean = Arena.floats(c);
        float[] invStd = Arena.floats(c);
        float[] gm = gamma.value().data();
        float[] bt = beta.value().data();
        float[] out = Arena.floats(in.length);
        // one task per channel runs both passes over its planes: the second finds them in the core's cache
        // (a channel of cnn2's first batch norm is 200 KB), and each channel's sums are one task's, in order
        Parallel.forEach(c, ch -> {
            if (training) {
                // per plane in float lanes (one pass: the sum and the sum of squares), across planes in double
                float[] pair = pairScratch();
                double sum = 0;
                double sq = 0;
                for (int b = 0; b < n; b++) {
                    int base = (b * c + ch) * plane;
                    ops.sumAndCenteredDot(in, base, in, base, 0f, plane, pair, 0);
                    sum += pair[0];
                    sq += pair[1];
                }
                double m = sum / count;
                double var = Math.max(0, sq / count - m * m);
                mean[ch] = (float) m;
                invStd[ch] = (float) (1 / Math.sqrt(var + eps));
                // the running statistics take the unbiased variance, as PyTorch's do
                double unbiased = count > 1 ? var * count / (count - 1) : var;
                runningMean[ch] = (1 - momentum) * runningMean[ch] + momentum * mean[ch];
                runningVar[ch] = (1 - momentum) * runningVar[ch] + momentum * (float) unbiased;
            } else {
                mean[ch] = runningMean[ch];
                invStd[ch] = (float) (1 / Math.sqrt(runningVar[ch] + eps));
            }
            float mu = mean[ch];
            float is = invStd[ch];
            float scale = gm[ch];
            float shift = bt[ch];
            for (int b = 0; b < n; b++) {
                int base = (b * c + ch) * plane;
                if (relu) {
                    normalizeReluPlane(in, out, base, plane, mu, is, scale, shift);
                } else {
                    normalizePlane(in, out, base, plane, mu, is, scale, shift);
                }
            }
        });
        return Variable.result(Tensor.wrap(out, s), g -> {
            float[] gd = g.data();
            float[] gGamma = Arena.floats(c);
            float[] gBeta = Arena.floats(c);
            boolean inputGradient = x.requiresGrad();
            // relu's backward is a select inside each pass (out <= 0: no gradient), never written on its own
            float[] reluOut = relu ? out : null;
            Parallel.forEach(c, ch -> {
                float[] pair = pairScratch();
                float mu = mean[ch];
                float is = invStd[ch];
                double sg = 0;
                double sgc = 0; // Σ g·(x − mean); times 1/std it is Σ g·x̂
                for (int b = 0; b < n; b++) {
                    int base = (b * c + ch) * plane;
                    if (relu) {
                        ops.reluSumAndCenteredDot(gd, base, out, base, in, base, mu, plane, pair, 0);
                    } else {
                        ops.sumAndCenteredDot(gd, base, in, base, mu, plane, pair, 0);
                    }
                    sg += pair[0];
                    sgc += pair[1];
                }
                double sgx = sgc * is;
                gGamma[ch] = (float) sgx;
                gBeta[ch] = (float) sg;
                if (!inputGradient) {
                    return;
                }
                // the input gradient subtracts the batch means of g and of g·x̂ (in training, where they depend on x)
                float k = gm[ch] * is;
                float meanG = (float) (sg / count);
                float meanGx = (float) (sgx / count);
                for (int b = 0; b < n; b++) {
                    int base = (b * c + ch) * plane;
                    if (training) {
                        ops.batchNormInputGradient(gd, base, in, base, reluOut, base, mu, is, k, meanG, meanGx, plane);
                    } else {
                        if (relu) {
                            ops.reluBackward(out, base, gd, base, plane);
                        }
                        for (int i = base; i < base + plane; i++) {
                            gd[i] = k * gd[i];
                        }
                    }
                }
            });
            if (inputGradient) {
                x.adopt(g);
            }
            gamma.adopt(Tensor.wrap(gGamma, c));
            beta.adopt(Tensor.wrap(gBeta, c));
        }, x, gamma, beta);
    }

    // A plane per call, not a loop over the batch in the channel's task: that task runs a few times a
    // step, so its loop was compiled on stack (OSR) before the method itself.

    /** {@code out[i] = (in[i] − mu)·is·scale + shift} over one plane from {@code base}. */
    private static void normalizePlane(float[] in, float[] out, int base, int plane, float mu, float is, float scale,
                                       float shift) {
        for (int i = base; i < base + plane; i++) {
            out[i] = (in[i] - mu) * is * scale + shift;
        }
    }

    /** {@link #normalizePlane}, then clamped at 0 (NaN stays NaN, as in relu). */
    private static void normalizeReluPlane(float[] in, float[] out, int base, int plane, float mu, float is, float scale,
                                           float shift) {
        for (int i = base; i < base + plane; i++) {
            out[i] = Math.max((in[i] - mu) * is * scale + shift, 0f);
        }
    }

    private static final ThreadLocal<float[]> PAIR = ThreadLocal.withInitial(() -> new float[2]);

    /** This thread's two-float result slot for {@link VectorOps#sumAndCenteredDot}, kept across calls. */
    private static float[] pairScratch() {
        return PAIR.get();
    }

    // ------------------------------------------------------------ losses

    /** Row-wise log-softmax of (N, K) logits. */
    public static float[] logSoftmax(Tensor logits) {
        return logSoftmax(logits, new float[logits.data().length]);
    }

    private static float[] logSoftmax(Tensor logits, float[] out) {
        int n = logits.dim(0);
        int k = logits.dim(1);
        float[] z = logits.data();
        for (int r = 0; r < n; r++) {
            logSoftmaxRow(z, out, r * k, k);
        }
        return out;
    }

    /** One row of {@link #logSoftmax}: z[off, off+k) to out[off, off+k). */
    private static void logSoftmaxRow(float[] z, float[] out, int off, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = off; j < off + k; j++) {
            max = Math.max(max, z[j]);
        }
        double sum = 0;
        for (int j = off; j < off + k; j++) {
            sum += Math.exp(z[j] - max);
        }
        double log = max + Math.log(sum);
        for (int j = off; j < off + k; j++) {
            out[j] = (float) (z[j] - log);
        }
    }

    /** Cross-entropy of (N, K) logits against class labels: mean over N of −log softmax(z)[label]. */
    public static Variable crossEntropy(Variable logits, int[] labels) {
        int n = logits.value().dim(0);
        int k = logits.value().dim(1);
        if (labels.length != n) {
            throw InvalidArgumentException.of("cross_entropy: %d labels for %d rows", labels.length, n);
        }
        float[] logp = logSoftmax(logits.value(), Arena.floats((int) logits.value().numel()));
        double loss = 0;
        for (int r = 0; r < n; r++) {
            if (labels[r] < 0 || labels[r] >= k) {
                throw InvalidArgumentException.of("cross_entropy: label %d at row %d is outside [0, %d)", labels[r], r, k);
            }
            loss -= logp[r * k + labels[r]];
        }
        return Variable.result(Tensor.wrap(new float[] {(float) (loss / n)}, 1), g -> {
            float scale = g.data()[0] / n;
            float[] gi = Arena.floats(logp.length);
            for (int r = 0; r < n; r++) {
                softmaxRow(logp, gi, r * k, k, scale);
                gi[r * k + labels[r]] -= scale;
            }
            logits.adopt(Tensor.wrap(gi, n, k));
        }, logits);
    }

    /** {@code out[j] = exp(logp[j]) · scale} for j in [off, off+k): one row of the cross-entropy gradient. */
    private static void softmaxRow(float[] logp, float[] out, int off, int k, float scale) {
        for (int j = off; j < off + k; j++) {
            out[j] = (float) Math.exp(logp[j]) * scale;
        }
    }

    /** Mean squared error: mean of (prediction − target)². */
    public static Variable mse(Variable prediction, Tensor target) {
        if (!Arrays.equals(prediction.value().shape(), target.shape())) {
            throw InvalidArgumentException.of("mse: prediction %s and target %s differ in shape",
                    Shape.toString(prediction.value().shape()), Shape.toString(target.shape()));
        }
        float[] p = prediction.value().data();
        float[] t = target.data();
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double d = p[i] - t[i];
            sum += d * d;
        }
        int count = p.length;
        return Variable.result(Tensor.wrap(new float[] {(float) (sum / count)}, 1), g -> {
            float scale = 2 * g.data()[0] / count;
            float[] gi = Arena.floats(count);
            for (int i = 0; i < count; i++) {
                gi[i] = scale * (p[i] - t[i]);
            }
            prediction.adopt(Tensor.wrap(gi, prediction.value().shape()));
        }, prediction);
    }

    private static void requireSameShape(String op, Variable a, Variable b) {
        if (!Arrays.equals(a.value().shape(), b.value().shape())) {
            throw InvalidArgumentException.of("%s: shapes %s and %s differ", op, Shape.toString(a.value().shape()),
                    Shape.toString(b.value().shape()));
        }
    }
}
