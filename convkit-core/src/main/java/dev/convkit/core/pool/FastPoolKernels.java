package dev.convkit.core.pool;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.window.AxisWindows;

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

    @Override
    public void max(float[] in, int planes, int[] inSize, AxisWindows[] w, float[] out, long[] indices, boolean absolute) {
        int inPlane = inSize[0] * inSize[1] * inSize[2];
        int outPlane = outputs(w);
        // 2-d planes only: the row kernel reports indices within one (H, W) slice
        AxisWindows.Run run = absolute || w[1].step() != 1 || inSize[0] != 1 ? null : w[2].longestUniformRun();
        forPlanes(planes, inPlane + outPlane, (from, to) -> {
            for (int p = from; p < to; p++) {
                maxPlane(in, p * inPlane, inSize, w, run, out, p * outPlane, indices, absolute);
            }
        });
    }

    @Override
    public void maxPlane(float[] in, int inBase, int[] inSize, AxisWindows[] w, float[] out, int outBase, long[] indices) {
        maxPlane(in, inBase, inSize, w, w[1].step() != 1 || inSize[0] != 1 ? null : w[2].longestUniformRun(), out, outBase, indices,
                false);
    }

    private void maxPlane(float[] in, int inBase, int[] inSize, AxisWindows[] w, AxisWindows.Run run, float[] out, int outBase,
                          long[] indices, boolean absolute) {
        int hw = inSize[1] * inSize[2];
        int width = inSize[2];
        AxisWindows wd = w[0];
        AxisWindows wh = w[1];
        AxisWindows ww = w[2];
        int o = outBase;
        for (int od = 0; od < wd.outputs(); od++) {
            for (int oh = 0; oh < wh.outputs(); oh++) {
                for (int ow = 0; ow < ww.outputs(); ow++, o++) {
                    if (run != null && ow == run.start()) {
                        // the regular middle of the row, vectorized across outputs
                        ops.windowMaxRow(in, inBase, width, wh.first(oh), wh.count(oh),
                                ww.first(ow), run.size(), run.stride(), run.end() - run.start(), out, o, indices);
                        o += run.end() - run.start() - 1;
                        ow = run.end() - 1;
                        continue;
                    }
                    int cw = ww.count(ow);
                    int fw = ww.first(ow);
                    int sw = ww.step();
                    if (!absolute && wd.count(od) == 1 && sw == 1 && wh.step() == 1) {
                        // one 2-d window (borders, fractional windows): the scalar row kernel with one output
                        // rows of consecutive depth slices are contiguous: row d*H + h addresses (d, h)
                        VectorOps.SCALAR.windowMaxRow(in, inBase, width, wd.first(od) * inSize[1] + wh.first(oh),
                                wh.count(oh), fw, cw, 1, 1, out, o, indices);
                        continue;
                    }
                    float best = Float.NEGATIVE_INFINITY;
                    // PyTorch starts from (-inf, the window's first element) and takes v > best or NaN
                    int bestIndex = wd.first(od) * hw + wh.first(oh) * width + fw;
                    for (int jd = 0; jd < wd.count(od); jd++) {
                        int d = wd.first(od) + jd * wd.step();
                        for (int jh = 0; jh < wh.count(oh); jh++) {
                            int row = d * hw + (wh.first(oh) + jh * wh.step()) * width + fw;
                            for (int jw = 0; jw < cw; jw++) {
                                int i = row + jw * sw;
                                float v = absolute ? Math.abs(in[inBase + i]) : in[inBase + i];
                                // branch-free selects: on real data the comparison is a coin flip
                                boolean take = (v > best) | (v != v);
                                best = take ? v : best;
                                bestIndex = take ? i : bestIndex;
                            }
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
    public float[] sums(float[] values, int planes, int[] inSize, AxisWindows[] w) {
        return windowSums(values, planes, inSize, w, false);
    }

    @Override
    public float[] spread(float[] perWindow, int planes, int[] inSize, AxisWindows[] w) {
        return windowSums(perWindow, planes, inSize, w, true);
    }

    /**
     * One walk for both directions: forward, each window's sum of {@code source} (per input element);
     * backward, {@code source} holds one value per window, added to every element of the window.
     */
    private float[] windowSums(float[] source, int planes, int[] inSize, AxisWindows[] w, boolean backward) {
        int inPlane = inSize[0] * inSize[1] * inSize[2];
        int outPlane = outputs(w);
        int hw = inSize[1] * inSize[2];
        int width = inSize[2];
        float[] result = new float[planes * (backward ? inPlane : outPlane)];
        AxisWindows wd = w[0];
        AxisWindows wh = w[1];
        AxisWindows ww = w[2];
        AxisWindows.Run run = wh.step() != 1 || inSize[0] != 1 ? null : ww.longestUniformRun();
        forPlanes(planes, inPlane + outPlane, (from, to) -> {
            for (int p = from; p < to; p++) {
                int inBase = p * inPlane;
                int o = p * outPlane;
                for (int od = 0; od < wd.outputs(); od++) {
                    for (int oh = 0; oh < wh.outputs(); oh++) {
                        for (int ow = 0; ow < ww.outputs(); ow++, o++) {
                            int cw = ww.count(ow);
                            int fw = ww.first(ow);
                            if (!backward && wd.count(od) == 1 && wh.step() == 1 && fw == 0 && cw == width) {
                                // whole rows (global pooling): one contiguous run
                                result[o] = ops.sum(source, inBase + (wd.first(od) * inSize[1] + wh.first(oh)) * width,
                                        wh.count(oh) * width);
                                continue;
                            }
                            if (run != null && ow == run.start()) {
                                // the regular middle of the row, vectorized across outputs
                                int count = run.end() - run.start();
                                if (backward) {
                                    ops.windowSpreadRow(source, o, result, inBase, width, wh.first(oh), wh.count(oh), fw,
                                            run.size(), run.stride(), count);
                                } else {
                                    ops.windowSumRow(source, inBase, width, wh.first(oh), wh.count(oh), fw, run.size(), run.stride(),
                                            count, result, o);
                                }
                                o += count - 1;
                                ow = run.end() - 1;
                                continue;
                            }
                            float g = backward ? source[o] : 0f;
                            float sum = 0;
                            for (int jd = 0; jd < wd.count(od); jd++) {
                                int d = wd.first(od) + jd * wd.step();
                                for (int jh = 0; jh < wh.count(oh); jh++) {
                                    int row = inBase + d * hw + (wh.first(oh) + jh * wh.step()) * width + fw;
                                    for (int jw = 0; jw < cw; jw++) {
                                        if (backward) {
                                            result[row + jw * ww.step()] += g;
                                        } else {
                                            sum += source[row + jw * ww.step()];
                                        }
                                    }
                                }
                            }
                            if (!backward) {
                                result[o] = sum;
                            }
                        }
                    }
                }
            }
        });
        return result;
    }

    @Override
    public float[] route(long[] indices, float[] gradOutput, int planes, int inPlane, int outPlane) {
        float[] grad = new float[planes * inPlane];
        forPlanes(planes, inPlane + outPlane, (from, to) -> {
            for (int p = from; p < to; p++) {
                int inBase = p * inPlane;
                for (int o = p * outPlane, end = o + outPlane; o < end; o++) {
                    grad[inBase + (int) indices[o]] += gradOutput[o];
                }
            }
        });
        return grad;
    }
}
