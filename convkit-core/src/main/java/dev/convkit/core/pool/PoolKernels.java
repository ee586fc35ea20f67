package dev.convkit.core.pool;

import dev.convkit.core.window.AxisWindows;

/**
 * The reference pooling kernels, each a small visitor over {@link WindowTraversal}: max selection,
 * window sums, and the spreading of a per-window gradient back over its window. They are the oracle
 * for faster kernels.
 *
 * <pre>{@code
 * // the window sums behind average pooling: 2x2 windows of C at stride 1
 * Tensor c = Tensor.of(new double[][] {{109, 92, 72}, {108, 85, 74}, {110, 74, 79}}).reshape(1, 1, 3, 3);
 * PoolPlan plan = PoolPlan.sliding("avg_pool2d", c.shape(), PoolOptions.pool2d(2).stride(1), false);
 * double[] values = new double[9];
 * for (int i = 0; i < 9; i++) {
 *     values[i] = c.data()[i];
 * }
 * double[] sums = PoolKernels.sums(values, plan.planes(), plan.inputSize(), plan.windows());
 * assert sums[0] == 109 + 92 + 108 + 85 && sums[3] == 85 + 74 + 74 + 79;
 * }</pre>
 */
public final class PoolKernels {
    private PoolKernels() {
    }

    /**
     * Max selection over every plane with PyTorch's rule: scan in row-major order from (-inf, first
     * element) and take an element when it is greater than the best so far or NaN. Ties keep the first
     * maximum; a NaN window yields its last NaN.
     *
     * @param absolute select by |x| (the p = ∞ limit of lp pooling) and output |x|
     * @param indices  receives per-plane flat indices, or null
     */
    public static void max(float[] in, int planes, int[] inSize, AxisWindows[] w, float[] out, int[] indices,
                           boolean absolute) {
        int inPlane = inSize[0] * inSize[1] * inSize[2];
        int outPlane = w[0].outputs() * w[1].outputs() * w[2].outputs();
        for (int p = 0; p < planes; p++) {
            maxPlane(in, p * inPlane, inSize, w, out, p * outPlane, indices, absolute);
        }
    }

    /** {@link #max} for the single plane at {@code inBase}, writing at {@code outBase}. */
    static void maxPlane(float[] in, int inBase, int[] inSize, AxisWindows[] w, float[] out, int outBase,
                         int[] indices, boolean absolute) {
        WindowTraversal.plane(w, inSize, new WindowTraversal.Visitor() {
            float best;
            int bestIndex;

            @Override
            public void begin(int o) {
                best = Float.NEGATIVE_INFINITY;
                bestIndex = -1;
            }

            @Override
            public void element(int o, int i) {
                float v = absolute ? Math.abs(in[inBase + i]) : in[inBase + i];
                if (bestIndex < 0) {
                    bestIndex = i;
                }
                if (v > best || Float.isNaN(v)) {
                    best = v;
                    bestIndex = i;
                }
            }

            @Override
            public void end(int o) {
                out[outBase + o] = best;
                if (indices != null) {
                    indices[outBase + o] = bestIndex;
                }
            }
        });
    }

    /** The sum of {@code values} over every window of every plane, in double. */
    public static double[] sums(double[] values, int planes, int[] inSize, AxisWindows[] w) {
        int inPlane = inSize[0] * inSize[1] * inSize[2];
        int outPlane = w[0].outputs() * w[1].outputs() * w[2].outputs();
        double[] sums = new double[planes * outPlane];
        for (int p = 0; p < planes; p++) {
            int inBase = p * inPlane;
            int outBase = p * outPlane;
            WindowTraversal.plane(w, inSize, new WindowTraversal.Visitor() {
                double sum;

                @Override
                public void begin(int o) {
                    sum = 0;
                }

                @Override
                public void element(int o, int i) {
                    sum += values[inBase + i];
                }

                @Override
                public void end(int o) {
                    sums[outBase + o] = sum;
                }
            });
        }
        return sums;
    }

    /** The backward of {@link #sums}: each input element receives the sum of {@code perWindow} over the windows that read it. */
    public static double[] spread(double[] perWindow, int planes, int[] inSize, AxisWindows[] w) {
        int inPlane = inSize[0] * inSize[1] * inSize[2];
        int outPlane = w[0].outputs() * w[1].outputs() * w[2].outputs();
        double[] grad = new double[planes * inPlane];
        for (int p = 0; p < planes; p++) {
            int inBase = p * inPlane;
            int outBase = p * outPlane;
            WindowTraversal.plane(w, inSize, new WindowTraversal.Visitor() {
                @Override
                public void begin(int o) {
                }

                @Override
                public void element(int o, int i) {
                    grad[inBase + i] += perWindow[outBase + o];
                }

                @Override
                public void end(int o) {
                }
            });
        }
        return grad;
    }

    /**
     * The backward of every max-type pool: each output's gradient is added to the input element its
     * index names (accumulating where windows share a maximum).
     */
    public static float[] route(int[] indices, float[] gradOutput, int planes, int inPlane, int outPlane) {
        double[] grad = new double[planes * inPlane];
        for (int p = 0; p < planes; p++) {
            for (int o = 0; o < outPlane; o++) {
                grad[p * inPlane + indices[p * outPlane + o]] += gradOutput[p * outPlane + o];
            }
        }
        return toFloat(grad);
    }

    static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
