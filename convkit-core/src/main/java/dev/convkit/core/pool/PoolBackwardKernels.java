package dev.convkit.core.pool;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;
import dev.convkit.core.window.AxisWindows;

import java.util.Arrays;

/**
 * The fast pooling backwards, planes spread over the shared pool: each plane's gradient is computed
 * by one task in a fixed order, so results do not depend on the thread count. The gradient comes
 * from {@link Storage#lazyZeros}: a {@link #route} task zeroes its planes just before it writes them (a new
 * array comes zeroed already), and then writes only what is not zero; {@link #spread} writes every element.
 * <ul>
 *   <li>{@link #route}: max-type pools. A scatter by index, per plane; where no two windows share an
 *       element (stride ≥ kernel) each selected element is stored once instead of accumulated.</li>
 *   <li>{@link #spread}: average-type pools. The transposed window sum, separable like the windows:
 *       each output row spread along W, then whole rows added along H and whole slabs along D (loops
 *       the JIT vectorizes).</li>
 * </ul>
 * Checked against {@link PoolEngine#REFERENCE} in the tests.
 */
final class PoolBackwardKernels {
    private PoolBackwardKernels() {
    }

    /** Per-thread buffers of {@link #spread}, kept across calls: a row's window gradients, and the W- and H-spread planes. */
    private static final ThreadScratch WINDOW_GRADIENTS = new ThreadScratch();
    private static final ThreadScratch ALONG_W = new ThreadScratch();
    private static final ThreadScratch ALONG_H = new ThreadScratch();
    /** pool29: {@link #spreadSliding}'s zero-padded row of window gradients, and its two column phases' sums. */
    private static final ThreadScratch QUOTIENTS = new ThreadScratch();
    private static final ThreadScratch EVEN_PHASE = new ThreadScratch();
    private static final ThreadScratch ODD_PHASE = new ThreadScratch();

    /** Work per task, in elements touched: enough to amortize a hand-off, small enough to balance two threads. */
    private static final int TASK_WORK = 1 << 15;

    private interface PlaneRange {
        void run(int from, int to);
    }

    private static void forPlanes(int planes, int planeWork, PlaneRange body) {
        int chunk = Math.max(1, Math.min(planes, TASK_WORK / Math.max(1, planeWork)));
        int tasks = (planes + chunk - 1) / chunk;
        Parallel.forEach(tasks, t -> body.run(t * chunk, Math.min(planes, (t + 1) * chunk)));
    }

    /**
     * Each output gradient added to the input element its index names, within its plane. With
     * {@code disjoint} (no input element lies in two windows, and every index lies in its own
     * output's window) each element is selected at most once and is stored, not accumulated.
     */
    static float[] route(int[] indices, float[] gradOutput, int planes, int inPlane, int outPlane, boolean disjoint) {
        Storage.LazyZeros zeros = Storage.lazyZeros(planes * inPlane);
        float[] grad = zeros.array();
        forPlanes(planes, inPlane + outPlane, (from, to) -> {
            for (int p = from; p < to; p++) {
                int inBase = p * inPlane;
                zeros.clear(inBase, inBase + inPlane);
                int o = p * outPlane;
                int end = o + outPlane;
                if (disjoint) {
                    for (; o < end; o++) {
                        // + 0f: the accumulating route turns -0 into +0 (0 + -0), and so must the store
                        grad[inBase + indices[o]] = gradOutput[o] + 0f;
                    }
                } else {
                    for (; o < end; o++) {
                        grad[inBase + indices[o]] += gradOutput[o];
                    }
                }
            }
        });
        return grad;
    }

    /** True when no input position along any axis lies in two windows: a max pool's selections are then distinct. */
    static boolean disjoint(AxisWindows[] w) {
        for (AxisWindows axis : w) {
            Transposed t = Transposed.of(axis);
            for (int x = 0; x < axis.length(); x++) {
                if (t.start[x + 1] - t.start[x] > 1) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Each input element gets the sum, over the windows that read it, of the window's gradient:
     * {@code gradOutput[o]}, or {@code gradOutput[o] / divisors[o mod outPlane]} (rounded to float)
     * when {@code divisors} is given.
     */
    static float[] spread(VectorOps ops, float[] gradOutput, double[] divisors, int planes, int[] inSize, AxisWindows[] w) {
        int inPlane = inSize[0] * inSize[1] * inSize[2];
        int outPlane = w[0].outputs() * w[1].outputs() * w[2].outputs();
        Storage.LazyZeros zeros = Storage.lazyZeros(planes * inPlane);
        float[] grad = zeros.array();
        if (inPlane == 0 || outPlane == 0) {
            zeros.clear(0, grad.length);
            return grad;
        }
        if (wholePlane(w)) {
            // one window reads the whole plane (global pooling): a broadcast per plane
            forPlanes(planes, inPlane, (from, to) -> {
                for (int p = from; p < to; p++) {
                    Arrays.fill(grad, p * inPlane, (p + 1) * inPlane, perWindow(gradOutput, divisors, p, 0) + 0f);
                }
            });
            return grad;
        }
        Transposed td = Transposed.of(w[0]);
        Transposed th = Transposed.of(w[1]);
        AxisWindows ww = w[2];
        AxisWindows.Run run = ww.longestUniformRun();
        // a depth of one window over one position needs no D pass: the H pass writes the gradient
        boolean flat = inSize[0] == 1 && w[0].outputs() == 1;
        SlidingSpread sliding = flat ? SlidingSpread.of(ww, run) : null;
        if (sliding != null) {
            spreadSliding(ops, gradOutput, divisors, planes, inSize, w, th, sliding, grad);
            return grad;
        }
        // pool15: windows more than two columns apart (avg5s3p2) gather each column's windows instead (Pairs). Not at
        // stride 2: pool26 took Pairs there too (same bits), and the lead's idle A/B read avg2s2's backward 4.0-4.2 ->
        // 6.5-7.1 ms at one thread in both rounds (stop 43), so it stays on the row passes
        Pairs pairs = run != null && run.stride() > 2 ? Pairs.of(ww) : null;
        float[] floatDivisors = floatDivisors(divisors);
        int od = w[0].outputs();
        int oh = w[1].outputs();
        int ow = w[2].outputs();
        int inH = inSize[1];
        int width = inSize[2];
        forPlanes(planes, inPlane + outPlane + od * oh * width, (from, to) -> {
            // one more slot, a zero, for the columns read by fewer than two windows
            float[] window = WINDOW_GRADIENTS.floats(ow + 1);
            window[ow] = 0f;
            float[] alongW = ALONG_W.floats(od * oh * width);
            float[] alongH = flat ? null : ALONG_H.floats(od * inH * width);
            for (int p = from; p < to; p++) {
                int outBase = p * outPlane;
                int inBase = p * inPlane;
                // pool15: no clearing, the H (or D) pass writes every element of the plane
                // W: every output row spread over the input columns
                for (int r = 0; r < od * oh; r++) {
                    windowGradients(gradOutput, outBase + r * ow, divisors, floatDivisors, r * ow, window, ow);
                    if (pairs != null) {
                        pairs.spread(window, alongW, r * width);
                    } else {
                        spreadRow(window, ww, run, alongW, r * width, width);
                    }
                }
                // H: every input row the sum of the W-spread output rows whose windows read it
                float[] target = flat ? grad : alongH;
                for (int d = 0; d < od; d++) {
                    int base = flat ? inBase : d * inH * width;
                    for (int h = 0; h < inH; h++) {
                        writeRows(alongW, d * oh, th, h, width, target, base + h * width);
                    }
                }
                if (flat) {
                    continue;
                }
                // D: every input slab the sum of the H-spread output slabs whose windows read it
                int slab = inH * width;
                for (int d = 0; d < inSize[0]; d++) {
                    writeRows(alongH, 0, td, d, slab, grad, inBase + d * slab);
                }
            }
        });
        return grad;
    }

    /**
     * The divisors as floats when every one is a float exactly (counts below 2^24): then {@code g / d}
     * in float is {@code (float) (g / (double) d)} (a float quotient rounded to double and then to
     * float rounds once: 53 ≥ 2·24 + 2), and float division vectorizes. Else null.
     */
    static float[] floatDivisors(double[] divisors) {
        return floatDivisors(divisors, 0);
    }

    /** {@link #floatDivisors} followed by {@code ones} ones (pool29: room for a row's whole last vector). */
    private static float[] floatDivisors(double[] divisors, int ones) {
        if (divisors == null) {
            return null;
        }
        float[] result = new float[divisors.length + ones];
        Arrays.fill(result, divisors.length, result.length, 1f);
        for (int i = 0; i < divisors.length; i++) {
            result[i] = (float) divisors[i];
            if (result[i] != divisors[i]) {
                return null;
            }
        }
        return result;
    }

    /** {@code window[x]} for x < n: the gradients of n windows from {@code g[o]}, divided when divisors are given. */
    private static void windowGradients(float[] g, int o, double[] divisors, float[] floatDivisors, int d, float[] window,
                                        int n) {
        if (floatDivisors != null) {
            for (int x = 0; x < n; x++) {
                window[x] = g[o + x] / floatDivisors[d + x];
            }
        } else if (divisors != null) {
            for (int x = 0; x < n; x++) {
                window[x] = (float) (g[o + x] / divisors[d + x]);
            }
        } else {
            System.arraycopy(g, o, window, 0, n);
        }
    }

    /** Row lengths {@link #spreadSliding} rounds up to: whole vectors of 4, 8 or 16 lanes, so no vector kernel stores a masked tail. */
    private static final int WHOLE = 16;

    private static int roundUp(int n, int m) {
        return (n + m - 1) / m * m;
    }

    /**
     * pool29: the columns of a row whose windows slide one or two columns apart (kw ≥ 2, starting at {@code from} ≤ 0):
     * column x reads windows [ceil((x - from - kw + 1) / stride), floor((x - from) / stride)]. With the window
     * gradients at {@code shift} in a zero-padded row q, at stride 1 column x is q's sliding sum of kw from x; at stride 2
     * column 2k + c (c = 0, 1) is the sliding sum of {@code n[c]} from {@code k + off[c]}: the windows of a column phase
     * are as many for every k.
     */
    private record SlidingSpread(int kw, int stride, int shift, int evenOff, int evenN, int oddOff, int oddN) {
        static SlidingSpread of(AxisWindows ww, AxisWindows.Run run) {
            FastPoolKernels.SlidingRow row = FastPoolKernels.SlidingRow.of(ww, run);
            if (row == null || row.kw() < 2 || row.stride() > 2 || row.from() > 0 || row.from() < 1 - row.kw()) {
                return null;
            }
            int kw = row.kw();
            // sliding sums of at most 3 columns: slidingWindowSum's loop past 3 boxed a vector an add in some fresh JVMs
            // (JFR: lanewise not intrinsified; 3x37x33x35 k5 s1 p2 0.19 -> 0.27-9.9 ms, 3.2 MB a call), so wider windows
            // keep the row walk
            if (kw > (row.stride() == 1 ? 3 : 6)) {
                return null;
            }
            if (row.stride() == 1) {
                return new SlidingSpread(kw, 1, kw - 1 + row.from(), 0, kw, 0, kw);
            }
            int[] off = new int[2];
            int[] n = new int[2];
            for (int c = 0; c < 2; c++) {
                // column 2k + c is window position 2m + e past from: windows m - n + 1 .. m, n = ceil(kw / 2) or floor
                int e = Math.floorMod(c - row.from(), 2);
                n[c] = e == 0 ? (kw + 1) / 2 : kw / 2;
                off[c] = Math.floorDiv(c - row.from(), 2) - n[c] + 1 + kw;
            }
            return new SlidingSpread(kw, 2, kw, off[0], n[0], off[1], n[1]);
        }

        /** The length of q: the gradients, the zeros every column's windows read, and room for whole vectors past them. */
        int quotientsLength(int outputs, int width) {
            return shift + outputs + 2 * kw + roundUp(width, WHOLE) + 2 * VectorOps.ROW_PADDING;
        }
    }

    /**
     * pool29: {@link #spread} of flat planes whose rows slide one or two columns apart: each output row's window
     * gradients into a zero-padded row, spread along W by sliding sums (at stride 2 one per column phase, woven by
     * {@link VectorOps#interleave2}), then each input row the sum of the spread rows whose windows read it
     * ({@link VectorOps#spreadRows}), written in place. Whole vectors over padded work rows, where the JIT's loops
     * on 28-56 wide rows ran scalar (avg3s1p1: 1.3 GB/s). The same bits as the row walk: the windows in increasing
     * order in both passes; a W sum of -0s (the walk's is +0, as it adds from +0) is added to +0 by the H pass.
     */
    private static void spreadSliding(VectorOps ops, float[] gradOutput, double[] divisors, int planes, int[] inSize,
                                      AxisWindows[] w, Transposed th, SlidingSpread plan, float[] grad) {
        int inH = inSize[1];
        int width = inSize[2];
        int oh = w[1].outputs();
        int ow = w[2].outputs();
        int inPlane = inH * width;
        int outPlane = oh * ow;
        int rowStride = roundUp(width, 2 * WHOLE);
        int half = roundUp((width + 1) / 2, WHOLE);
        int columns = roundUp(width, WHOLE);
        int quotients = roundUp(ow, WHOLE);
        // the divisors padded with ones for the whole last vector of a row, whose lanes past it divide q's zeros (0 / 1):
        // no masked tail (pool29's first version divided by the masked-tail kernel here and in the row walk: after this
        // path had run, the row walk of other shapes allocated a vector a row, avg5s3p2 4.5 -> 643 kB a call)
        float[] padded = floatDivisors(divisors, WHOLE);
        forPlanes(planes, inPlane + outPlane + oh * width, (from, to) -> {
            float[] q = QUOTIENTS.floats(plan.quotientsLength(ow, width));
            // zeros where no window is: only [shift, shift + ow) is written below
            Arrays.fill(q, 0f);
            float[] spread = ALONG_W.floats(oh * rowStride);
            float[] even = plan.stride == 2 && plan.evenN > 1 ? EVEN_PHASE.floats(half + VectorOps.ROW_PADDING) : null;
            float[] odd = plan.stride == 2 && plan.oddN > 1 ? ODD_PHASE.floats(half + VectorOps.ROW_PADDING) : null;
            for (int p = from; p < to; p++) {
                for (int r = 0; r < oh; r++) {
                    int o = p * outPlane + r * ow;
                    if (padded == null && divisors != null) {
                        for (int x = 0; x < ow; x++) {
                            q[plan.shift + x] = (float) (gradOutput[o + x] / divisors[r * ow + x]);
                        }
                    } else {
                        System.arraycopy(gradOutput, o, q, plan.shift, ow);
                        if (padded != null) {
                            ops.divideInPlace(q, plan.shift, padded, r * ow, quotients);
                        }
                    }
                    if (plan.stride == 1) {
                        ops.slidingSums(q, 0, plan.kw, columns, spread, r * rowStride);
                        continue;
                    }
                    // a phase of one window a column reads q itself
                    if (even != null) {
                        ops.slidingSums(q, plan.evenOff, plan.evenN, half, even, 0);
                    }
                    if (odd != null) {
                        ops.slidingSums(q, plan.oddOff, plan.oddN, half, odd, 0);
                    }
                    ops.interleave2(even != null ? even : q, even != null ? 0 : plan.evenOff, odd != null ? odd : q,
                            odd != null ? 0 : plan.oddOff, spread, r * rowStride, half);
                }
                ops.spreadRows(spread, rowStride, th.start, th.outputs, inH, width, grad, p * inPlane);
            }
        });
    }

    private static float perWindow(float[] gradOutput, double[] divisors, int o, int inPlaneIndex) {
        return divisors == null ? gradOutput[o] : (float) (gradOutput[o] / divisors[inPlaneIndex]);
    }

    /**
     * {@code row[at + x] = Σ window[o]} over the windows o that read column x, added in increasing o.
     * The uniform run goes one window offset at a time (the highest first, so each column still sees
     * increasing windows): within one offset no two windows write one column, so at stride 1 the loop
     * is a vector add, and no store waits for the one before.
     */
    private static void spreadRow(float[] window, AxisWindows ww, AxisWindows.Run run, float[] row, int at, int width) {
        Arrays.fill(row, at, at + width, 0f);
        int start = run == null ? ww.outputs() : run.start();
        for (int o = 0; o < start; o++) {
            spreadWindow(window[o], ww, o, row, at);
        }
        if (run == null) {
            return;
        }
        int n = run.end() - run.start();
        int stride = run.stride();
        for (int c = run.size() - 1; c >= 0; c--) {
            int base = at + ww.first(run.start()) + c;
            if (stride == 1) {
                for (int i = 0; i < n; i++) {
                    row[base + i] += window[start + i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    row[base + i * stride] += window[start + i];
                }
            }
        }
        for (int o = run.end(); o < ww.outputs(); o++) {
            spreadWindow(window[o], ww, o, row, at);
        }
    }

    /**
     * pool15: a row whose columns each lie in at most two windows, spread column by column: {@code row[at + x] =
     * (0 + window[first[x]]) + window[second[x]]}, a missing window naming the zero slot past the windows. The bits of
     * {@link #spreadRow} (adding +0 to a sum from +0 changes nothing), without its strided read-modify-write passes,
     * which at stride 3 and more (avg5s3p2) were a third of the backward.
     */
    private record Pairs(int[] first, int[] second) {
        /** The plan, or null where a column lies in three windows or more. */
        static Pairs of(AxisWindows ww) {
            Transposed t = Transposed.of(ww);
            int length = ww.length();
            int[] first = new int[length];
            int[] second = new int[length];
            for (int x = 0; x < length; x++) {
                int n = t.start[x + 1] - t.start[x];
                if (n > 2) {
                    return null;
                }
                first[x] = n > 0 ? t.outputs[t.start[x]] : ww.outputs();
                second[x] = n > 1 ? t.outputs[t.start[x] + 1] : ww.outputs();
            }
            return new Pairs(first, second);
        }

        void spread(float[] window, float[] row, int at) {
            for (int x = 0; x < first.length; x++) {
                row[at + x] = (0f + window[first[x]]) + window[second[x]];
            }
        }
    }

    private static void spreadWindow(float g, AxisWindows ww, int o, float[] row, int at) {
        for (int j = 0, x = at + ww.first(o); j < ww.count(o); j++, x += ww.step()) {
            row[x] += g;
        }
    }

    /**
     * {@code to[t ..+ n) = Σ from's rows first + o} over the outputs o whose windows read position x, added in
     * increasing o from 0, whatever {@code to} held. The spread rows hold no -0 (their sums start from +0), so
     * 0 + a is a: one row is copied, two are added into place directly (pool15: the plane is no longer zeroed
     * first and added to, one write instead of a clear and two read-modify-writes).
     */
    private static void writeRows(float[] from, int first, Transposed transposed, int x, int n, float[] to, int t) {
        int start = transposed.start[x];
        int end = transposed.start[x + 1];
        if (end == start) {
            Arrays.fill(to, t, t + n, 0f);
            return;
        }
        if (end - start == 1) {
            System.arraycopy(from, (first + transposed.outputs[start]) * n, to, t, n);
            return;
        }
        addRowPair(from, (first + transposed.outputs[start]) * n, (first + transposed.outputs[start + 1]) * n, to, t, n);
        for (int k = start + 2; k < end; k++) {
            addRow(from, (first + transposed.outputs[k]) * n, to, t, n);
        }
    }

    /** {@code to[t + i] = from[a + i] + from[b + i]}: a loop the JIT vectorizes. */
    private static void addRowPair(float[] from, int a, int b, float[] to, int t, int n) {
        for (int i = 0; i < n; i++) {
            to[t + i] = from[a + i] + from[b + i];
        }
    }

    /** {@code to[t + i] += from[f + i]}: a loop the JIT vectorizes, the same sums in any order of lanes. */
    private static void addRow(float[] from, int f, float[] to, int t, int n) {
        for (int i = 0; i < n; i++) {
            to[t + i] += from[f + i];
        }
    }

    private static boolean wholePlane(AxisWindows[] w) {
        for (AxisWindows axis : w) {
            if (axis.outputs() != 1 || axis.first(0) != 0 || axis.step() != 1 || axis.count(0) != axis.length()) {
                return false;
            }
        }
        return true;
    }

    /**
     * One axis's windows turned around: the outputs whose windows read position x are
     * {@code outputs[start[x] .. start[x + 1])}, in increasing order.
     */
    private record Transposed(int[] start, int[] outputs) {
        static Transposed of(AxisWindows axis) {
            int length = axis.length();
            int[] start = new int[length + 1];
            for (int o = 0; o < axis.outputs(); o++) {
                for (int j = 0; j < axis.count(o); j++) {
                    start[axis.first(o) + j * axis.step() + 1]++;
                }
            }
            for (int x = 0; x < length; x++) {
                start[x + 1] += start[x];
            }
            int[] outputs = new int[start[length]];
            int[] next = Arrays.copyOf(start, length);
            for (int o = 0; o < axis.outputs(); o++) {
                for (int j = 0; j < axis.count(o); j++) {
                    outputs[next[axis.first(o) + j * axis.step()]++] = o;
                }
            }
            return new Transposed(start, outputs);
        }
    }
}
