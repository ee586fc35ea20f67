package dev.convkit.core.pool;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.window.AxisWindows;

/**
 * The window reductions every pool is built from, over lifted (D, H, W) planes. {@link #REFERENCE}
 * walks the windows through {@link WindowTraversal} and accumulates in double; {@link FastPoolKernels}
 * has the same contract with plain loops, float accumulation and planes in parallel.
 *
 * <pre>{@code
 * // max pooling of C = [[109,92,72],[108,85,74],[110,74,79]], 2x2 windows at stride 1
 * Tensor c = Tensor.of(new double[][] {{109, 92, 72}, {108, 85, 74}, {110, 74, 79}}).reshape(1, 1, 3, 3);
 * PoolPlan plan = PoolPlan.sliding("max_pool2d", c.shape(), PoolOptions.pool2d(2).stride(1), true);
 * float[] out = new float[4];
 * int[] indices = new int[4];
 * PoolEngine.REFERENCE.max(c.data(), plan.planes(), plan.inputSize(), plan.windows(), out, indices, false);
 * assert Arrays.equals(out, new float[] {109, 92, 110, 85}) && Arrays.equals(indices, new int[] {0, 1, 6, 4});
 * }</pre>
 */
public interface PoolEngine {
    /** The reference kernels, the oracle. The {@link dev.convkit.core.backend.Backend} picks the engine in use. */
    PoolEngine REFERENCE = new ReferencePoolEngine();

    /** The fast kernels on a given provider's vector primitives (tests compare each against the reference). */
    static PoolEngine fast(KernelProvider provider) {
        return new FastPoolKernels(provider.vectorOps());
    }

    /** Max (or max |x|) selection with PyTorch's rule; {@code indices} may be null. */
    void max(float[] in, int planes, int[] inSize, AxisWindows[] w, float[] out, int[] indices, boolean absolute);

    /** {@link #max} (not absolute) for the single plane at {@code inBase}, writing at {@code outBase}. */
    void maxPlane(float[] in, int inBase, int[] inSize, AxisWindows[] w, float[] out, int outBase, int[] indices);

    /** The sum of {@code values} over every window. */
    float[] sums(float[] values, int planes, int[] inSize, AxisWindows[] w);

    /** Each input element gets the sum of {@code perWindow} over the windows that read it. */
    float[] spread(float[] perWindow, int planes, int[] inSize, AxisWindows[] w);

    /** Each output gradient added to the input element its index names. */
    float[] route(int[] indices, float[] gradOutput, int planes, int inPlane, int outPlane);

    /**
     * {@link #route} for indices a max-type forward selected in the windows {@code w}: each index lies
     * in its own output's window, so where no two windows share an element the fast kernels store each
     * selected element once instead of accumulating.
     */
    default float[] route(int[] indices, float[] gradOutput, int planes, int[] inSize, AxisWindows[] w) {
        return route(indices, gradOutput, planes, inSize[0] * inSize[1] * inSize[2],
                w[0].outputs() * w[1].outputs() * w[2].outputs());
    }

    /**
     * The backward of an average: each input element gets the sum of {@code gradOutput[o] / divisors[o mod plane]}
     * (each quotient rounded to float) over the windows that read it, {@code divisors} holding one plane's.
     */
    default float[] spreadDivided(float[] gradOutput, double[] divisors, int planes, int[] inSize, AxisWindows[] w) {
        float[] perWindow = new float[gradOutput.length];
        for (int base = 0; divisors.length > 0 && base < gradOutput.length; base += divisors.length) {
            for (int j = 0; j < divisors.length; j++) {
                perWindow[base + j] = (float) (gradOutput[base + j] / divisors[j]);
            }
        }
        return spread(perWindow, planes, inSize, w);
    }

    /** Window sums in double: LP pooling's general powers, whose x^p can overflow float. Both engines walk them exactly. */
    default double[] sums(double[] values, int planes, int[] inSize, AxisWindows[] w) {
        return PoolKernels.sums(values, planes, inSize, w);
    }

    /** {@code x^p} for every element, in double: LP pooling's powers other than small whole ones (Math.pow here). */
    default double[] powers(float[] x, double p) {
        double[] out = new double[x.length];
        VectorOps.SCALAR.powers(x, 0, x.length, p, out);
        return out;
    }

    /**
     * LP pooling's backward slopes, in place: {@code grad[i] = (float) (grad[i] · (p · x[i]^q))} with q
     * the whole number e, or e + ½ when {@code half} ({@link VectorOps#timesPowerSlopes}).
     */
    default void timesPowerSlopes(float[] grad, float[] x, double p, int e, boolean half) {
        VectorOps.SCALAR.timesPowerSlopes(grad, x, 0, x.length, p, e, half);
    }

    /** {@link #spread} in double, for LP pooling's general powers. */
    default double[] spread(double[] perWindow, int planes, int[] inSize, AxisWindows[] w) {
        return PoolKernels.spread(perWindow, planes, inSize, w);
    }

    /**
     * The window means of average pooling: each window's sum divided by its divisor, {@code divisors}
     * holding one per output of a plane, rounded as {@code (float) (sum / divisor)}.
     */
    default float[] means(float[] in, int planes, int[] inSize, AxisWindows[] w, double[] divisors) {
        float[] sums = sums(in, planes, inSize, w);
        for (int i = 0; i < sums.length; i++) {
            sums[i] = (float) (sums[i] / divisors[i % divisors.length]);
        }
        return sums;
    }

    /**
     * LP pooling's window sums of x^p in float, into {@code sums}: x^p is x for p = 1, x·x for p = 2,
     * {@code (float)} of the double power otherwise. Returns false (leaving {@code sums} undefined) when
     * some |x^p| is at or above {@code limit}: the sums must then be taken in double. A NaN power
     * stays: its windows are NaN in float and in double alike.
     */
    default boolean powerSums(float[] x, int planes, int[] inSize, AxisWindows[] w, double p, double limit, float[] sums) {
        float[] powers = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            float v = p == 1 ? x[i] : p == 2 ? x[i] * x[i] : (float) LpPool.power(x[i], p);
            if (Math.abs(v) >= limit) {
                return false;
            }
            powers[i] = v;
        }
        System.arraycopy(sums(powers, planes, inSize, w), 0, sums, 0, sums.length);
        return true;
    }

    /**
     * LP pooling's forward in float: {@link #powerSums} into {@code sums}, then each output
     * {@code out = t^(1/p)} with {@code t = sums / extents · kernelVolume} ({@code extents} holding one
     * plane's real-element counts). Returns false, leaving both arrays undefined, where {@link #powerSums} does.
     */
    default boolean lpForward(float[] x, int planes, int[] inSize, AxisWindows[] w, double p, double limit,
                              double[] extents, double kernelVolume, float[] sums, float[] out) {
        if (!powerSums(x, planes, inSize, w, p, limit, sums)) {
            return false;
        }
        LpPool.roots(sums, 0, sums.length, extents, kernelVolume, p, out, VectorOps.SCALAR, new float[sums.length],
                new double[sums.length]);
        return true;
    }
}
