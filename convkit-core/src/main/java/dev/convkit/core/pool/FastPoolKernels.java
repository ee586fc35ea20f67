package dev.convkit.core.pool;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.window.AxisWindows;

import java.util.Arrays;

/**
 * The fast pooling kernels: the same window walks as the reference, written as plain nested loops
 * over precomputed window bounds (so the JIT compiles tight code), with float accumulation and planes
 * spread over the shared pool. Each plane is handled by one task, so results do not depend on the
 * thread count. Checked against {@link PoolEngine#REFERENCE} in the tests.
 */
final class FastPoolKernels implements PoolEngine {
    private final VectorOps ops;

    FastPoolKernels(VectorOps ops) {
        this.ops = ops;
    }

    /** Planes per task: enough work to amortize a hand-off. */
    private static int chunk(int planes, int planeWork) {
        return Math.max(1, Math.min(planes, (1 << 15) / Math.max(1, planeWork)));
    }

    private interface PlaneRange {
        void run(int from, int to);
    }

    private static void forPlanes(int planes, int planeWork, PlaneRange body) {
        int chunk = chunk(planes, planeWork);
        int tasks = (planes + chunk - 1) / chunk;
        Parallel.forEach(tasks, t -> body.run(t * chunk, Math.min(planes, (t + 1) * chunk)));
    }

    private static int outputs(AxisWindows[] w) {
        return w[0].outputs() * w[1].outputs() * w[2].outputs();
    }

    /** The most input rows one window reads: the length of {@link #windowRows}' buffer. */
    private static int maxRows(AxisWindows[] w) {
        return maxCount(w[0]) * maxCount(w[1]);
    }

    private static int maxCount(AxisWindows a) {
        int max = 0;
        for (int o = 0; o < a.outputs(); o++) {
            max = Math.max(max, a.count(o));
        }
        return max;
    }

    /** The plane offsets of the input rows read by the windows of output row (od, oh), in window order; returns their number. */
    private static int windowRows(AxisWindows[] w, int[] inSize, int od, int oh, int[] rows) {
        AxisWindows wd = w[0];
        AxisWindows wh = w[1];
        int k = 0;
        for (int jd = 0; jd < wd.count(od); jd++) {
            int d = wd.first(od) + jd * wd.step();
            for (int jh = 0; jh < wh.count(oh); jh++) {
                rows[k++] = (d * inSize[1] + wh.first(oh) + jh * wh.step()) * inSize[2];
            }
        }
        return k;
    }

    @Override
    public void max(float[] in, int planes, int[] inSize, AxisWindows[] w, float[] out, long[] indices, boolean absolute) {
        int inPlane = inSize[0] * inSize[1] * inSize[2];
        int outPlane = outputs(w);
        AxisWindows.Run run = absolute ? null : w[2].longestUniformRun();
        int[] starts = absolute ? null : irregularStarts(w[2], run);
        forPlanes(planes, inPlane + outPlane, (from, to) -> {
            int[] rows = new int[maxRows(w)];
            for (int p = from; p < to; p++) {
                maxPlane(in, p * inPlane, inSize, w, run, starts, rows, out, p * outPlane, indices, absolute);
            }
        });
    }

    @Override
    public void maxPlane(float[] in, int inBase, int[] inSize, AxisWindows[] w, float[] out, int outBase, long[] indices) {
        AxisWindows.Run run = w[2].longestUniformRun();
        maxPlane(in, inBase, inSize, w, run, irregularStarts(w[2], run), new int[maxRows(w)], out, outBase, indices, false);
    }

    /**
     * The window starts of a row whose windows are equally wide but not evenly spaced (fractional
     * pooling), for the gathering row kernel; null where the uniform run covers nearly the whole row.
     */
    private static int[] irregularStarts(AxisWindows ww, AxisWindows.Run run) {
        boolean mostlyRegular = run != null && run.end() - run.start() >= ww.outputs() - 2;
        if (mostlyRegular || ww.step() != 1 || ww.uniformCount() < 1 || ww.outputs() < 4) {
            return null;
        }
        // a gather reads its whole index vector, masked lanes too: room for a full last vector
        return Arrays.copyOf(ww.firsts(), ww.outputs() + GATHER_PADDING);
    }

    /** More than the widest vector's lane count. */
    private static final int GATHER_PADDING = 64;

    private void maxPlane(float[] in, int inBase, int[] inSize, AxisWindows[] w, AxisWindows.Run run, int[] starts, int[] rows,
                          float[] out, int outBase, long[] indices, boolean absolute) {
        AxisWindows ww = w[2];
        int kw = starts == null ? 0 : ww.uniformCount();
        int o = outBase;
        for (int od = 0; od < w[0].outputs(); od++) {
            for (int oh = 0; oh < w[1].outputs(); oh++) {
                int kr = windowRows(w, inSize, od, oh, rows);
                if (starts != null) {
                    ops.windowMaxRowAt(in, inBase, rows, kr, starts, kw, ww.outputs(), out, o, indices);
                    o += ww.outputs();
                    continue;
                }
                for (int ow = 0; ow < ww.outputs(); ow++, o++) {
                    if (run != null && ow == run.start()) {
                        // the interior of the row, vectorized across outputs; the borders are single windows
                        int count = run.end() - run.start();
                        ops.windowMaxRow(in, inBase, rows, kr, ww.first(ow), run.size(), run.stride(), count, out, o, indices);
                        o += count - 1;
                        ow = run.end() - 1;
                        continue;
                    }
                    int fw = ww.first(ow);
                    int sw = ww.step();
                    float best = Float.NEGATIVE_INFINITY;
                    // PyTorch starts from (-inf, the window's first element) and takes v > best or NaN
                    int bestIndex = rows[0] + fw;
                    for (int r = 0; r < kr; r++) {
                        for (int jw = 0, i = rows[r] + fw; jw < ww.count(ow); jw++, i += sw) {
                            float v = absolute ? Math.abs(in[inBase + i]) : in[inBase + i];
                            // branch-free selects: on real data the comparison is a coin flip
                            boolean take = (v > best) | (v != v);
                            best = take ? v : best;
                            bestIndex = take ? i : bestIndex;
                        }
                    }
                    out[o] = best;
                    if (indices != null) {
                        indices[o] = bestIndex;
                    }
                }
            }
        }
    }

    @Override
    public double[] powers(float[] x, double p) {
        double[] out = new double[x.length];
        int chunk = 1 << 14;
        Parallel.forEach((x.length + chunk - 1) / chunk, t -> ops.powers(x, t * chunk, Math.min(chunk, x.length - t * chunk), p, out));
        return out;
    }

    @Override
    public float[] sums(float[] values, int planes, int[] inSize, AxisWindows[] w) {
        int inPlane = inSize[0] * inSize[1] * inSize[2];
        int outPlane = outputs(w);
        int width = inSize[2];
        float[] result = new float[planes * outPlane];
        AxisWindows ww = w[2];
        AxisWindows.Run run = ww.longestUniformRun();
        forPlanes(planes, inPlane + outPlane, (from, to) -> {
            int[] rows = new int[maxRows(w)];
            for (int p = from; p < to; p++) {
                int inBase = p * inPlane;
                int o = p * outPlane;
                for (int od = 0; od < w[0].outputs(); od++) {
                    for (int oh = 0; oh < w[1].outputs(); oh++) {
                        int kr = windowRows(w, inSize, od, oh, rows);
                        for (int ow = 0; ow < ww.outputs(); ow++, o++) {
                            int cw = ww.count(ow);
                            int fw = ww.first(ow);
                            if (w[0].count(od) == 1 && w[1].step() == 1 && fw == 0 && cw == width) {
                                // whole rows (global pooling): one contiguous run
                                result[o] = ops.sum(values, inBase + rows[0], kr * width);
                                continue;
                            }
                            if (run != null && ow == run.start()) {
                                // the interior of the row, vectorized across outputs
                                int count = run.end() - run.start();
                                ops.windowSumRow(values, inBase, rows, kr, fw, run.size(), run.stride(), count, result, o);
                                o += count - 1;
                                ow = run.end() - 1;
                                continue;
                            }
                            float sum = 0;
                            for (int r = 0; r < kr; r++) {
                                for (int jw = 0, i = inBase + rows[r] + fw; jw < cw; jw++, i += ww.step()) {
                                    sum += values[i];
                                }
                            }
                            result[o] = sum;
                        }
                    }
                }
            }
        });
        return result;
    }

    @Override
    public float[] spread(float[] perWindow, int planes, int[] inSize, AxisWindows[] w) {
        return PoolBackwardKernels.spread(perWindow, null, planes, inSize, w);
    }

    @Override
    public float[] spreadDivided(float[] gradOutput, double[] divisors, int planes, int[] inSize, AxisWindows[] w) {
        return PoolBackwardKernels.spread(gradOutput, divisors, planes, inSize, w);
    }

    @Override
    public float[] route(long[] indices, float[] gradOutput, int planes, int inPlane, int outPlane) {
        return PoolBackwardKernels.route(indices, gradOutput, planes, inPlane, outPlane, false);
    }

    @Override
    public float[] route(long[] indices, float[] gradOutput, int planes, int[] inSize, AxisWindows[] w) {
        return PoolBackwardKernels.route(indices, gradOutput, planes, inSize[0] * inSize[1] * inSize[2], outputs(w),
                PoolBackwardKernels.disjoint(w));
    }
}
