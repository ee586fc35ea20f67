package dev.convkit.core.pool;

import dev.convkit.core.InvalidArgumentException;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.IndexTensor;
import dev.convkit.core.tensor.Storage;
import dev.convkit.core.tensor.Tensor;
import dev.convkit.core.window.Windows;

/**
 * Power-average (LP) pooling in 1, 2 or 3 dimensions (torch.nn.functional.lp_poolNd), forward and
 * backward.
 *
 * <pre>
 *   out[o] = (Σ over the window of x^p)^(1/p)          for a full window
 *   out[o] = ((K / n) · Σ over the n real elements of x^p)^(1/p)   in general
 * </pre>
 * This is PyTorch's definition, {@code (avg_pool(x^p) · K)^(1/p)} with K the kernel volume, so a
 * ceil_mode window with n &lt; K real elements is scaled up by K/n. Properties:
 * <ul>
 *   <li>p = 1 is sum pooling: K × avg_pool with count_include_pad.</li>
 *   <li>p = ∞ is the limit, max |x| over the window (as current PyTorch defines it; 1.13 had a bug).
 *       Its gradient goes to the selected element times sign(x).</li>
 *   <li>The input is not made absolute, exactly as in PyTorch: for odd integer p a negative window
 *       sum gives NaN (a negative number to the power 1/p); for fractional p any negative element
 *       makes its window NaN, and its gradient NaN. Even integer p is sign-blind.</li>
 * </ul>
 * p must be positive (or +∞); p ≤ 0 and NaN are rejected. Padding (zeros, contributing nothing to
 * the sum) is accepted as an extension; PyTorch's lp_pool has none.
 *
 * <pre>{@code
 * Tensor c = Tensor.of(new double[][] {{109, 92, 72}, {108, 85, 74}, {110, 74, 79}}).reshape(1, 1, 3, 3);
 * Tensor sums = LpPool.forward(c, 1, PoolOptions.pool2d(2).stride(1)); // p = 1: window sums
 * assert Arrays.equals(sums.data(), new float[] {394, 323, 377, 312});
 * Tensor max = LpPool.forward(c, Double.POSITIVE_INFINITY, PoolOptions.pool2d(2).stride(1)); // p = inf: max |x|
 * assert Arrays.equals(max.data(), new float[] {109, 92, 110, 85});
 * }</pre>
 */
public final class LpPool {
    private LpPool() {
    }

    /**
     * The forward pass as a context. It keeps the window power means (or, for p = ∞, the selected
     * elements), which the backward's chain rule reads.
     */
    public static PoolForward run(Tensor input, double normType, PoolOptions options) {
        PoolPlan plan = plan(input, normType, options);
        float[] x = input.data();
        if (normType == Double.POSITIVE_INFINITY) {
            float[] out = Storage.floats(plan.planes() * plan.outputPlane());
            int[] indices = Storage.ints(out.length);
            MaxPool.engine().max(x, plan.planes(), plan.inputSize(), plan.windows(), out, indices, true);
            IndexTensor selected = IndexTensor.wrapCompact(indices, plan.outputShape());
            return new PoolForward.Planned(plan, input.shape(), Tensor.wrap(out, plan.outputShape())) {
                @Override
                public IndexTensor selected() {
                    return selected;
                }

                @Override
                Tensor computeGradInput(Tensor gradOutput) {
                    float[] grad = MaxPool.engine().route(indices, gradOutput.data(), plan.planes(), plan.inputSize(),
                            plan.windows());
                    forRanges(grad.length, (from, to) -> {
                        for (int i = from; i < to; i++) {
                            grad[i] *= Math.signum(x[i]);
                        }
                    });
                    return Tensor.wrap(grad, input.shape());
                }
            };
        }
        double[] extents = Windows.divisors(plan.windows(), true, null);
        double kernelVolume = plan.kernelVolume();
        // every output is written: by the fused float pass, or by the double one below
        float[] sums = Storage.floats(plan.planes() * plan.outputPlane());
        float[] out = Storage.floats(sums.length);
        // powers, window sums, scaling and roots in one pass per plane; double only where a power could overflow float
        boolean inFloat = MaxPool.engine().lpForward(x, plan.planes(), plan.inputSize(), plan.windows(), normType,
                FLOAT_SAFE / Math.max(1, kernelVolume), extents, kernelVolume, sums, out);
        double[] doubleScaled = inFloat ? null : doubleForward(x, normType, plan, extents, out);
        return new PoolForward.Planned(plan, input.shape(), Tensor.wrap(out, plan.outputShape())) {
            @Override
            public double[] divisors() {
                return extents.clone();
            }

            @Override
            Tensor computeGradInput(Tensor gradOutput) {
                return gradient(x, input.shape(), gradOutput.data(), normType, plan, sums, doubleScaled, out, extents);
            }
        };
    }

    /** The forward with window sums in double (some power reached the float bound); returns the scaled means. */
    private static double[] doubleForward(float[] x, double normType, PoolPlan plan, double[] extents, float[] out) {
        double kernelVolume = plan.kernelVolume();
        double[] doubleSums = MaxPool.engine().sums(powers(x, normType), plan.planes(), plan.inputSize(), plan.windows());
        double[] scaled = new double[doubleSums.length];
        forRanges(out.length, (from, to) -> {
            for (int i = from, j = from % extents.length; i < to; i++, j = j + 1 == extents.length ? 0 : j + 1) {
                scaled[i] = doubleSums[i] / extents[j] * kernelVolume;
                out[i] = (float) root(scaled[i], normType);
            }
        });
        return scaled;
    }

    /**
     * The outputs [from, to) from their float window sums (whole planes, {@code extents} one plane's):
     * the mean power scaled to the kernel volume, t = sum / n · K, and its root t^(1/p). p = 1 and 2 are
     * exact, p = 3 takes {@code ops}' cube roots ({@link dev.convkit.core.kernels.CubeRoots}); a {@link #general}
     * p's roots {@code ops}' float-accuracy powers ({@link dev.convkit.core.kernels.GeneralPowers}), other roots
     * {@code ops}' double powers of the float t (t fits a float: its sum
     * did), the exact root where t rounds to an infinite float. {@code scaledBuffer} and
     * {@code rootBuffer} hold at least one plane's outputs.
     */
    static void roots(float[] sums, int from, int to, double[] extents, double kernelVolume, double p, float[] out,
                      VectorOps ops, float[] scaledBuffer, double[] rootBuffer) {
        int plane = extents.length;
        for (int base = from; base < to; base += plane) {
            // p = 1 in a loop of its own, which the JIT vectorizes
            if (p == 1) {
                for (int j = 0; j < plane; j++) {
                    out[base + j] = (float) (sums[base + j] / extents[j] * kernelVolume);
                }
                continue;
            }
            if (p == 2) {
                ops.scaledSquareRoots(sums, base, extents, 0, kernelVolume, out, base, plane);
                continue;
            }
            ops.scaledMeans(sums, base, extents, 0, kernelVolume, scaledBuffer, 0, plane);
            if (p == 3) {
                // pool10: one pass of multiplications and adds (CubeRoots), where exp/log was half of lp3's forward
                ops.cubeRoots(scaledBuffer, 0, plane, out, base);
                for (int j = 0; j < plane; j++) {
                    if (Float.isInfinite(scaledBuffer[j])) {
                        double t = sums[base + j] / extents[j] * kernelVolume;
                        out[base + j] = (float) root(t, p);
                    }
                }
                continue;
            }
            if (general(p)) {
                // lp52: the float-accuracy powers, as for the inputs (this p's bits are not main's anyway)
                ops.generalPowers(scaledBuffer, 0, out, base, plane, 1.0 / p);
            } else {
                ops.powers(scaledBuffer, 0, plane, 1.0 / p, rootBuffer);
                for (int j = 0; j < plane; j++) {
                    out[base + j] = (float) rootBuffer[j];
                }
            }
            for (int j = 0; j < plane; j++) {
                // a scaled mean past float's range (a huge kernel over few elements) takes the exact root; pool51: t
                // recomputed only there (a division per output here cost as much as the exp/log pass)
                if (Float.isInfinite(scaledBuffer[j])) {
                    double t = sums[base + j] / extents[j] * kernelVolume;
                    if (!Double.isInfinite(t)) {
                        out[base + j] = (float) root(t, p);
                    }
                }
            }
        }
    }

    public static Tensor forward(Tensor input, double normType, PoolOptions options) {
        return run(input, normType, options).output();
    }

    /**
     * The gradient with respect to the input, by the chain rule of PyTorch's composition:
     * a window with mean power a gets {@code g = grad_out · (1/p)·(K·a)^(1/p − 1) · K} (0 when a = 0), each
     * element receives {@code Σ g/n} over its windows, times {@code p·x^(p−1)}. For callers without a
     * forward context (it runs the forward).
     */
    public static Tensor backward(Tensor input, Tensor gradOutput, double normType, PoolOptions options) {
        return run(input, normType, options).gradInput(gradOutput);
    }

    private static Tensor gradient(float[] x, int[] shape, float[] g, double normType, PoolPlan plan, float[] sums,
                                   double[] doubleScaled, float[] out, double[] extents) {
        double kernelVolume = plan.kernelVolume();
        boolean inFloat = doubleScaled == null;
        // from Storage, as results are: a training step's arena or the bench hands it back (a new array per call
        // touched fresh heap pages, which made this backward's time depend on what had run before it)
        float[] floatPerWindow = inFloat ? Storage.floats(g.length) : null;
        double[] perWindow = inFloat ? null : new double[g.length];
        forRanges(g.length, (from, to) -> {
            // j = i mod plane, counted instead of divided for (an integer division per element cost more than the rest)
            for (int i = from, j = from % extents.length; i < to; i++, j = j + 1 == extents.length ? 0 : j + 1) {
                // the scaled mean power, as the forward computed it
                double t = inFloat ? sums[i] / extents[j] * kernelVolume : doubleScaled[i];
                double v = 0;
                if (t != 0) {
                    // the forward's output is t^(1/p): no second pow per window (p = 1 and 2 are exact and cheap)
                    double rootT = normType == 1 ? t : normType == 2 ? Math.sqrt(t) : out[i];
                    v = g[i] * (1.0 / normType) * rootT / t * kernelVolume / extents[j];
                }
                if (inFloat) {
                    floatPerWindow[i] = (float) v;
                } else {
                    perWindow[i] = v;
                }
            }
        });
        PoolEngine engine = MaxPool.engine();
        float[] floatSpread = inFloat ? engine.spread(floatPerWindow, plan.planes(), plan.inputSize(), plan.windows()) : null;
        double[] spread = inFloat ? null : engine.spread(perWindow, plan.planes(), plan.inputSize(), plan.windows());
        if (inFloat && normType == 1) {
            // the slope p·x^0 is 1: the spread sums are the gradient
            return Tensor.wrap(floatSpread, shape);
        }
        if (inFloat && normType == 2) {
            // sum · 2x, exact in double (two floats' product), rounded once: the float product, a loop the JIT vectorizes
            forRanges(x.length, (from, to) -> {
                for (int i = from; i < to; i++) {
                    floatSpread[i] = floatSpread[i] * (2f * x[i]);
                }
            });
            return Tensor.wrap(floatSpread, shape);
        }
        double exponent = normType - 1;
        if (inFloat && (multiplied(exponent) || halfMultiplied(exponent))) {
            // whole and half-whole exponents multiply out, vectorized, in place: no array of slopes
            boolean half = !multiplied(exponent);
            engine.timesPowerSlopes(floatSpread, x, normType, (int) (half ? exponent - 0.5 : exponent), half);
            return Tensor.wrap(floatSpread, shape);
        }
        // whole exponents multiply in the loop; an array of them would cost a pass over memory
        double[] slopes = multiplied(exponent) || halfMultiplied(exponent) ? null : engine.powers(x, exponent);
        float[] grad = inFloat ? floatSpread : Storage.floats(x.length);
        forRanges(x.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                double sum = inFloat ? floatSpread[i] : spread[i];
                grad[i] = (float) (sum * (normType * (slopes == null ? power(x[i], exponent) : slopes[i])));
            }
        });
        return Tensor.wrap(grad, shape);
    }

    private interface Range {
        void run(int from, int to);
    }

    /** An element-wise pass over [0, n) on the shared pool: each element computed alone, so the thread count changes no bit. */
    private static void forRanges(int n, Range body) {
        int chunk = 1 << 14;
        Parallel.forEach((n + chunk - 1) / chunk, t -> body.run(t * chunk, Math.min(n, (t + 1) * chunk)));
    }

    /** Powers up to this exponent are repeated multiplications; others take Math.pow. */
    private static final int MAX_MULTIPLIED_POWER = 64;
    /** Window sums of powers below this magnitude (times the kernel volume) are safe to add in float. */
    private static final double FLOAT_SAFE = 1e30;

    /**
     * Whether p is fractional and not a whole number and a half ({@link #halfMultiplied}): its powers and roots take
     * {@link VectorOps#generalPowers}, to float accuracy (a whole p past the multiplied ones is {@link
     * #wholeBeyondMultiplied}: those powers are defined below zero).
     */
    static boolean general(double p) {
        return p != Math.rint(p) && !halfMultiplied(p);
    }

    /**
     * Whether p is a whole number past the multiplied ones: its powers are Math.pow's, which keeps a negative x's
     * sign for an odd p and drops it for an even one, as PyTorch's pow does ({@link #general}'s powers are for a
     * fractional p and give NaN below zero).
     */
    static boolean wholeBeyondMultiplied(double p) {
        return p == Math.rint(p) && !multiplied(p);
    }

    static boolean multiplied(double p) {
        return p == Math.rint(p) && p >= 0 && p <= MAX_MULTIPLIED_POWER;
    }

    /**
     * Whether p is a whole number and a half, 0.5 to 64.5: x^p is then x^(p − ½)·√x (p = 0.5 is √x: the
     * backward slope of p = 1.5, which took the general exp/log powers into an x-sized double array).
     */
    static boolean halfMultiplied(double p) {
        return p >= 0.5 && multiplied(p - 0.5);
    }

    /**
     * {@code x^p}: repeated multiplication for whole p up to 64 (as exact as float needs, and fast), and
     * times √x for p a half more; else Math.pow.
     */
    static double power(double x, double p) {
        if (multiplied(p)) {
            return VectorOps.wholePower(x, (int) p);
        }
        return halfMultiplied(p) ? VectorOps.halfWholePower(x, (int) (p - 0.5)) : Math.pow(x, p);
    }

    /** Every element to the power p, in double: multiplied out for (half-)whole p up to 64.5, else the engine's vectorized powers. */
    private static double[] powers(float[] x, double p) {
        if (multiplied(p) || halfMultiplied(p)) {
            double[] out = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                out[i] = power(x[i], p);
            }
            return out;
        }
        return MaxPool.engine().powers(x, p);
    }

    /** The smallest float {@code f >= limit}: for a float v, {@code |v| < f} exactly when {@code |v| < limit}. */
    static float floatBound(double limit) {
        float f = (float) limit;
        return f < limit ? Math.nextUp(f) : f;
    }

    /**
     * pool25: the smallest float {@code b} whose float square {@code b·b} is at or above {@code limit} (positive, finite): as the
     * rounded square grows with |v|, {@code |v| >= b} exactly when {@code v·v >= limit}, so the bound is checked on x.
     * An infinite limit (no float bound: {@code powerSums} with an infinite limit) starts from the largest finite
     * float's root, not from infinity, whose walk down by ulps would not end.
     */
    static float squareBound(float limit) {
        float b = (float) Math.sqrt(Math.min(limit, Float.MAX_VALUE));
        while (b * b >= limit) {
            b = Math.nextDown(b);
        }
        while (b * b < limit) {
            b = Math.nextUp(b);
        }
        return b;
    }

    /** {@code t^(1/p)}: NaN for negative t and p ≠ 1, as in PyTorch. */
    private static double root(double t, double p) {
        return p == 1 ? t : p == 2 ? Math.sqrt(t) : Math.pow(t, 1.0 / p);
    }

    private static PoolPlan plan(Tensor input, double normType, PoolOptions options) {
        String op = "lp_pool" + options.rank() + "d";
        if (Double.isNaN(normType) || normType <= 0) {
            throw InvalidArgumentException.of("%s: norm_type must be positive (or inf), got %s", op, normType);
        }
        if (options.divisorOverride() != null) {
            throw InvalidArgumentException.of("%s: has no divisor_override parameter", op);
        }
        return PoolPlan.sliding(op, input.shape(), options.countIncludePad(true), false);
    }
}
