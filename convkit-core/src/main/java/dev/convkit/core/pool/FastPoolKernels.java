package dev.convkit.core.pool;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;
import dev.convkit.core.window.AxisWindows;

import java.util.Arrays;

/**
 * The fast pooling kernels: the same window walks as the reference, written as plain nested loops
 * over precomputed window bounds (so the JIT compiles tight code), with float accumulation and planes
 * spread over the shared pool. Each plane is handled by one task, so results do not depend on the
 * thread count. Checked against {@link PoolEngine#REFERENCE} in the tests.
 */
final class FastPoolKernels implements PoolEngine {
    /** Per-thread buffers, kept across calls (see {@link ThreadScratch}): a window's rows (ints) and a reduced row (floats). */
    private static final ThreadScratch ROW_BUFFERS = new ThreadScratch();
    /** The row each column's maximum came from, beside {@link #ROW_BUFFERS}' reduced row. */
    private static final ThreadScratch SELECTED_ROWS = new ThreadScratch();
    /** An LP plane's powers (floats, and doubles for a general p). */
    private static final ThreadScratch POWERS = new ThreadScratch();
    /** An LP plane's scaled means and roots, for a p other than 1 and 2. */
    private static final ThreadScratch ROOTS = new ThreadScratch();
    /** pool10: a row's window sums at every column, of which a strided row keeps every stride-th. */
    private static final ThreadScratch SLIDING_SUMS = new ThreadScratch();

    private final VectorOps ops;

    FastPoolKernels(VectorOps ops) {
        this.ops = ops;
    }

    /** Planes per task: enough work to amortize a hand-off. */
    private static int chunk(int planes, int planeWork) {
        return Math.max(1, Math.min(planes, (1 << 15) / Math.max(1, planeWork)));
    }

    interface PlaneRange {
        void run(int from, int to);
    }

    static void forPlanes(int planes, int planeWork, PlaneRange body) {
        int chunk = chunk(planes, planeWork);
        int tasks = (planes + chunk - 1) / chunk;
        Parallel.forEach(tasks, t -> body.run(t * chunk, Math.min(planes, (t + 1) * chunk)));
    }

    static int outputs(AxisWindows[] w) {
        return w[0].outputs() * w[1].outputs() * w[2].outputs();
    }

    /** The most input rows one window reads: the length of {@link #windowRows}' buffer. */
    static int maxRows(AxisWindows[] w) {
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
    static int windowRows(AxisWindows[] w, int[] inSize, int od, int oh, int[] rows) {
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
    public void max(float[] in, int planes, int[] inSize, AxisWindows[] w, float[] out, int[] indices, boolean absolute) {
        int inPlane = inSize[0] * inSize[1] * inSize[2];
        int outPlane = outputs(w);
        AxisWindows.Run run = absolute ? null : w[2].longestUniformRun();
        int[] starts = absolute ? null : irregularStarts(w[2], run);
        // step50: windows two columns apart inside the row, with indices (training's max pool 2), a plane per kernel call
        SlidingPlane indexed = indices != null && !absolute ? SlidingPlane.maxIndexPairs(ops, inSize, w, run) : null;
        if (indexed != null) {
            indexed.maxWithIndices(ops, in, planes, out, indices);
            return;
        }
        SlidingRow sliding = indices == null && !absolute ? SlidingRow.of(w[2], run) : null;
        // pool13: windows two columns apart, a whole plane per kernel call (no plan built for the others)
        SlidingPlane plane = sliding != null && sliding.stride() == 2 ? SlidingPlane.maxPairs(inSize, w, run) : null;
        if (plane != null) {
            plane.max(ops, in, planes, out);
            return;
        }
        // pool27: the other rows of windows two columns apart, a plane per kernel call as well
        SlidingPlane stride2 = sliding != null ? SlidingPlane.maxStride2RowsFirst(inSize, w, sliding) : null;
        if (stride2 != null) {
            stride2.maxRowsFirst(ops, in, planes, out);
            return;
        }
        // pool22: rows reduced rows first (adaptive) and narrow rows of windows more than 2 apart, a whole plane per kernel
        // call (under 16 outputs a row it paid: adaptive 28 -> 3 0.67 -> 0.33 ms; max3s3 on 56 wide, 18 outputs, 0.64 -> 0.99)
        boolean narrowStrided = sliding != null && sliding.stride() > 2 && w[2].outputs() < SlidingPlane.MIN_OUTPUTS;
        SlidingPlane windows = indices == null && !absolute && (sliding == null || narrowStrided)
                ? SlidingPlane.maxWindows(inSize, w, run) : null;
        if (windows != null) {
            windows.maxWindows(ops, in, planes, out);
            return;
        }
        forPlanes(planes, inPlane + outPlane, (from, to) -> {
            int[] rows = ROW_BUFFERS.ints(maxRows(w));
            for (int p = from; p < to; p++) {
                if (sliding != null) {
                    maxPlaneRowsFirst(in, p * inPlane, inSize, w, sliding, rows, out, p * outPlane);
                } else {
                    maxPlane(in, p * inPlane, inSize, w, run, starts, rows, out, p * outPlane, indices, absolute);
                }
            }
        });
    }

    @Override
    public void maxPlane(float[] in, int inBase, int[] inSize, AxisWindows[] w, float[] out, int outBase, int[] indices) {
        AxisWindows.Run run = w[2].longestUniformRun();
        maxPlane(in, inBase, inSize, w, run, irregularStarts(w[2], run), ROW_BUFFERS.ints(maxRows(w)), out, outBase, indices,
                false);
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
                          float[] out, int outBase, int[] indices, boolean absolute) {
        AxisWindows ww = w[2];
        if (starts == null && separable(run)) {
            maxPlaneSeparable(in, inBase, inSize, w, rows, out, outBase, indices, absolute);
            return;
        }
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

    /**
     * Whether a row's windows are pooled rows-first ({@link #maxPlaneSeparable}): where the row kernels
     * have no vector form, that is strides above 2 and rows without a uniform run (adaptive windows).
     */
    private static boolean separable(AxisWindows.Run run) {
        return run == null || run.stride() > 2;
    }

    /** The columns [lo, hi) the windows of a row read: the short row a separable pass reduces into. */
    private static int spanStart(AxisWindows ww) {
        if (ww.outputs() == 0) {
            return 0;
        }
        int lo = Integer.MAX_VALUE;
        for (int o = 0; o < ww.outputs(); o++) {
            lo = Math.min(lo, ww.first(o));
        }
        return lo;
    }

    private static int spanEnd(AxisWindows ww) {
        int hi = 0;
        for (int o = 0; o < ww.outputs(); o++) {
            hi = Math.max(hi, ww.first(o) + (ww.count(o) - 1) * ww.step() + 1);
        }
        return hi;
    }

    /**
     * Max pooling of one plane rows-first: the window's kr rows reduced column by column (vectorized,
     * carrying each column's selected row), then each window's columns. Row-major order is kept: a
     * tie goes to the earlier row, then the earlier column; among NaNs the later row, then column.
     */
    private void maxPlaneSeparable(float[] in, int inBase, int[] inSize, AxisWindows[] w, int[] rows, float[] out, int outBase,
                                   int[] indices, boolean absolute) {
        AxisWindows ww = w[2];
        int lo = spanStart(ww);
        int span = spanEnd(ww) - lo;
        float[] best = ROW_BUFFERS.floats(span + VectorOps.ROW_PADDING);
        int[] bestRow = indices == null ? null : SELECTED_ROWS.ints(span + VectorOps.ROW_PADDING);
        int o = outBase;
        for (int od = 0; od < w[0].outputs(); od++) {
            for (int oh = 0; oh < w[1].outputs(); oh++) {
                int kr = windowRows(w, inSize, od, oh, rows);
                float[] src;
                int srcOff;
                if (kr == 1 && !absolute) {
                    // one row: its windows read the input directly, all from row 0
                    src = in;
                    srcOff = inBase + rows[0];
                    if (bestRow != null) {
                        Arrays.fill(bestRow, 0);
                    }
                } else {
                    ops.maxOfRows(in, inBase, rows, kr, lo, span, absolute, best, bestRow);
                    src = best;
                    srcOff = -lo;
                }
                for (int ow = 0; ow < ww.outputs(); ow++, o++) {
                    int f = ww.first(ow);
                    int step = ww.step();
                    int end = f + ww.count(ow) * step;
                    float b = src[srcOff + f];
                    if (indices == null) {
                        for (int c = f + step; c < end; c += step) {
                            float v = src[srcOff + c];
                            boolean take = (v > b) | (v != v);
                            b = take ? v : b;
                        }
                        if (src == best && !absolute && (b == 0 || b != b)) {
                            // columns first picked the first zero or last NaN by column; PyTorch's are by row
                            b = VectorOps.maxDilatedWindowRowMajor(in, inBase, rows, kr, f, ww.count(ow), step);
                        }
                    } else {
                        int br = bestRow[f - lo];
                        int bc = f;
                        for (int c = f + step; c < end; c += step) {
                            float v = src[srcOff + c];
                            int r = bestRow[c - lo];
                            boolean take = (v > b) | ((v == b) & (r < br)) | ((v != v) & ((b == b) | (r >= br)));
                            b = take ? v : b;
                            br = take ? r : br;
                            bc = take ? c : bc;
                        }
                        indices[o] = rows[br] + bc;
                    }
                    out[o] = b;
                }
            }
        }
    }

    @Override
    public double[] powers(float[] x, double p) {
        if (p == Math.rint(p)) {
            // the vector exp / log is for x >= 0; a whole p keeps a negative x's sign or drops it (Math.pow)
            return PoolEngine.super.powers(x, p);
        }
        double[] out = new double[x.length];
        int chunk = 1 << 14;
        Parallel.forEach((x.length + chunk - 1) / chunk, t -> ops.powers(x, t * chunk, Math.min(chunk, x.length - t * chunk), p, out));
        return out;
    }

    @Override
    public void timesPowerSlopes(float[] grad, float[] x, double p, int e, boolean half) {
        int chunk = 1 << 14;
        Parallel.forEach((x.length + chunk - 1) / chunk,
                t -> ops.timesPowerSlopes(grad, x, t * chunk, Math.min(chunk, x.length - t * chunk), p, e, half));
    }

    @Override
    public float[] sums(float[] values, int planes, int[] inSize, AxisWindows[] w) {
        return windowMeans(values, planes, inSize, w, null);
    }

    @Override
    public float[] means(float[] in, int planes, int[] inSize, AxisWindows[] w, double[] divisors) {
        return windowMeans(in, planes, inSize, w, divisors);
    }

    @Override
    public boolean powerSums(float[] x, int planes, int[] inSize, AxisWindows[] w, double p, double limit, float[] sums) {
        return lpPlanes(x, planes, inSize, w, p, limit, null, 0, sums, null);
    }

    @Override
    public boolean lpForward(float[] x, int planes, int[] inSize, AxisWindows[] w, double p, double limit,
                             double[] extents, double kernelVolume, float[] sums, float[] out) {
        return lpPlanes(x, planes, inSize, w, p, limit, extents, kernelVolume, sums, out);
    }

    /** {@link #powerSums}, and with {@code out} given the roots of {@link #lpForward}, each plane in one task while it is in cache. */
    private boolean lpPlanes(float[] x, int planes, int[] inSize, AxisWindows[] w, double p, double limit,
                             double[] extents, double kernelVolume, float[] sums, float[] out) {
        int inPlane = inSize[0] * inSize[1] * inSize[2];
        int outPlane = outputs(w);
        float floatLimit = LpPool.floatBound(limit);
        boolean general = LpPool.general(p);
        AxisWindows.Run run = w[2].longestUniformRun();
        SlidingPlane rowsFirst = SlidingPlane.rowsFirstSums(inSize, w, run);
        // pool25: p = 2 rows first squares as the column pass reads, the float bound checked on x (lp2-3s3-56 squared
        // each plane into a buffer, then read that for the bound and for the sums)
        boolean squaredInPass = p == 2 && rowsFirst != null;
        float squareLimit = squaredInPass ? LpPool.squareBound(floatLimit) : Float.POSITIVE_INFINITY;
        java.util.concurrent.atomic.AtomicBoolean overflow = new java.util.concurrent.atomic.AtomicBoolean();
        forPlanes(planes, inPlane + outPlane, (from, to) -> {
            Scratch scratch = new Scratch(w);
            // room past the plane for the rows-first kernel's whole-vector column loads (else it runs its scalar form)
            float[] powers = p == 1 || squaredInPass ? null : POWERS.floats(inPlane + VectorOps.ROW_PADDING);
            boolean vectorRoots = out != null && p != 1 && p != 2;
            float[] scaledBuffer = vectorRoots ? ROOTS.floats(outPlane) : null;
            double[] rootBuffer = vectorRoots ? ROOTS.doubles(outPlane) : null;
            for (int q = from; q < to && !overflow.get(); q++) {
                int inBase = q * inPlane;
                if (squaredInPass) {
                    // |x| at or above the square bound exactly where x·x is at or above the float bound
                    if (!ops.noneAtOrAbove(x, inBase, inPlane, squareLimit)) {
                        overflow.set(true);
                        return;
                    }
                    rowsFirst.squaredPlaneSums(ops, x, inBase, sums, q * outPlane);
                } else {
                    float[] source = x;
                    int base = inBase;
                    if (p == 2) {
                        ops.squares(x, inBase, powers, 0, inPlane);
                    } else if (general) {
                        // lp52: float-accuracy powers straight into the float buffer (was exp/log in double into a
                        // double array, then narrowed)
                        ops.generalPowers(x, inBase, powers, 0, inPlane, p);
                    } else if (LpPool.wholeBeyondMultiplied(p)) {
                        for (int i = 0; i < inPlane; i++) {
                            powers[i] = (float) Math.pow(x[inBase + i], p);
                        }
                    } else if (LpPool.halfMultiplied(p)) {
                        ops.halfWholePowers(x, inBase, powers, 0, inPlane, (int) (p - 0.5));
                    } else if (p != 1) {
                        ops.wholePowers(x, inBase, powers, 0, inPlane, (int) p);
                    }
                    if (powers != null) {
                        source = powers;
                        base = 0;
                    }
                    // a NaN power (a negative x to a fractional p) makes its windows NaN in float and in double
                    // alike; only a power too large for a float sum needs the double path
                    if (!ops.noneAtOrAbove(source, base, inPlane, floatLimit)) {
                        overflow.set(true);
                        return;
                    }
                    if (rowsFirst != null) {
                        rowsFirst.planeSums(ops, source, base, sums, q * outPlane);
                    } else {
                        sumPlane(source, base, inSize, w, run, scratch, sums, q * outPlane, null, null);
                    }
                }
                if (out != null) {
                    LpPool.roots(sums, q * outPlane, (q + 1) * outPlane, extents, kernelVolume, p, out, ops, scaledBuffer,
                            rootBuffer);
                }
            }
        });
        return !overflow.get();
    }

    /** A task's buffers of the forward walks, from this thread's {@link #ROW_BUFFERS}. */
    private static final class Scratch {
        final int[] rows;
        /** The columns [lo, lo + span) a row's windows read, and a short row of them for the rows-first pass. */
        final int lo;
        final int span;
        final float[] row;

        Scratch(AxisWindows[] w) {
            rows = ROW_BUFFERS.ints(maxRows(w));
            lo = spanStart(w[2]);
            span = spanEnd(w[2]) - lo;
            // pool10: twice the padding, for the strided sums' positions rounded up to whole vectors
            row = ROW_BUFFERS.floats(span + 2 * VectorOps.ROW_PADDING);
        }

        /** pool10: a row's sliding window sums, for {@link #stridedRowWindowSums}; fetched on first use. */
        float[] slides() {
            if (slides == null) {
                slides = SLIDING_SUMS.floats(span + VectorOps.ROW_PADDING);
            }
            return slides;
        }

        private float[] slides;
    }

    /** Input elements a global reduction's task reads at least (64 KB of floats): small enough to balance, large enough to amortize a claim. */
    private static final int GLOBAL_SHARE = 1 << 14;

    private static boolean global(int[] inSize, AxisWindows[] w) {
        for (int a = 0; a < 3; a++) {
            if (w[a].outputs() != 1 || w[a].first(0) != 0 || w[a].count(0) != inSize[a] || (inSize[a] > 1 && w[a].step() != 1)) {
                return false;
            }
        }
        return true;
    }

    /** Window sums, divided by {@code divisors} (one per output of a plane) when given: {@code (float) (sum / divisor)}. */
    private float[] windowMeans(float[] in, int planes, int[] inSize, AxisWindows[] w, double[] divisors) {
        int inPlane = inSize[0] * inSize[1] * inSize[2];
        int outPlane = outputs(w);
        float[] result = Storage.floats(planes * outPlane);
        if (global(inSize, w)) {
            // global pooling: one contiguous reduction per plane, an add per element, in small shares that the
            // caller claims until a worker wakes (one share per thread made the caller wait for the worker's
            // wake-up: 8x2048x7x7 took longer on 2 threads than on 1); each plane's sum does not depend on the split
            long elements = (long) planes * inPlane;
            int tasks = Parallel.threads() == 1 ? 1 : (int) Math.max(1, Math.min(planes, elements / GLOBAL_SHARE));
            int perTask = (planes + tasks - 1) / tasks;
            // pool12: a float divisor (a count) gives the double quotient's bits in float, a vector at a time
            float[] floatDivisor = divisors == null ? new float[] {1f} : PoolBackwardKernels.floatDivisors(divisors);
            Parallel.forEach((planes + perTask - 1) / perTask, t -> {
                int from = t * perTask;
                int to = Math.min(planes, from + perTask);
                if (floatDivisor != null) {
                    ops.planeMeans(in, from * inPlane, inPlane, to - from, floatDivisor[0], result, from);
                    return;
                }
                for (int q = from; q < to; q++) {
                    result[q] = (float) (ops.sum(in, q * inPlane, inPlane) / divisors[0]);
                }
            });
            return result;
        }
        AxisWindows.Run run = w[2].longestUniformRun();
        float[] floatDivisors = PoolBackwardKernels.floatDivisors(divisors);
        SlidingPlane plane = SlidingPlane.of(inSize, w, run);
        if (plane != null) {
            plane.sums(ops, in, planes, floatDivisors, result);
            return result;
        }
        // pool15: rows of a few windows summed one by one (adaptive 28 -> 5), a whole plane per kernel call; a float
        // divisor divides as the walk's (power-of-two ones: the quotient is the exact reciprocal's product, the same bits)
        SlidingPlane windows = divisors == null || floatDivisors != null ? SlidingPlane.windows(inSize, w, run) : null;
        if (windows != null) {
            windows.windowSums(ops, in, planes, floatDivisors, result);
            return result;
        }
        float[] reciprocals = exactReciprocals(floatDivisors);
        forPlanes(planes, inPlane + outPlane, (from, to) -> {
            Scratch scratch = new Scratch(w);
            for (int q = from; q < to; q++) {
                if (reciprocals != null) {
                    // pool9: powers of two, multiplied while the plane is in cache (a division cost avg2s2 a sixth of its time)
                    sumPlane(in, q * inPlane, inSize, w, run, scratch, result, q * outPlane, null, null);
                    ops.multiplyInPlace(result, q * outPlane, reciprocals, 0, outPlane);
                } else {
                    sumPlane(in, q * inPlane, inSize, w, run, scratch, result, q * outPlane, divisors, floatDivisors);
                }
            }
        });
        return result;
    }

    /** The window sums (or means) of one plane, written from {@code outBase}. */
    private void sumPlane(float[] in, int inBase, int[] inSize, AxisWindows[] w, AxisWindows.Run run, Scratch scratch,
                          float[] result, int outBase, double[] divisors, float[] floatDivisors) {
        AxisWindows ww = w[2];
        int width = inSize[2];
        int[] rows = scratch.rows;
        boolean separable = separable(run);
        int lo = scratch.lo;
        int span = scratch.span;
        int o = outBase;
        for (int od = 0; od < w[0].outputs(); od++) {
            for (int oh = 0; oh < w[1].outputs(); oh++) {
                int kr = windowRows(w, inSize, od, oh, rows);
                int rowStart = o;
                if (separable) {
                    if (ww.outputs() == 1 && w[0].count(od) == 1 && w[1].step() == 1 && ww.first(0) == 0 && ww.count(0) == width
                            && ww.step() == 1) {
                        // whole rows: one contiguous run
                        result[o++] = ops.sum(in, inBase + rows[0], kr * width);
                    } else {
                        ops.sumOfRows(in, inBase, rows, kr, lo, span, scratch.row);
                        stridedRowWindowSums(scratch, ww, run, result, o);
                        o += ww.outputs();
                    }
                } else if (run.stride() == 1 && ww.step() == 1) {
                    // stride 1: the rows summed once per column, then each window's columns from that short row
                    // (k + k adds a window instead of k·k), the uniform run by the sliding-sum kernel
                    ops.sumOfRows(in, inBase, rows, kr, lo, span, scratch.row);
                    rowWindowSums(scratch.row, lo, ww, 0, run.start(), result, o);
                    ops.slidingSums(scratch.row, ww.first(run.start()) - lo, run.size(), run.end() - run.start(), result,
                            o + run.start());
                    rowWindowSums(scratch.row, lo, ww, run.end(), ww.outputs(), result, o);
                    o += ww.outputs();
                } else {
                    for (int ow = 0; ow < ww.outputs(); ow++, o++) {
                        int fw = ww.first(ow);
                        if (ow == run.start()) {
                            // the interior of the row, vectorized across outputs
                            int count = run.end() - run.start();
                            ops.windowSumRow(in, inBase, rows, kr, fw, run.size(), run.stride(), count, result, o);
                            o += count - 1;
                            ow = run.end() - 1;
                            continue;
                        }
                        float sum = 0;
                        for (int r = 0; r < kr; r++) {
                            for (int jw = 0, i = inBase + rows[r] + fw; jw < ww.count(ow); jw++, i += ww.step()) {
                                sum += in[i];
                            }
                        }
                        result[o] = sum;
                    }
                }
                if (floatDivisors != null) {
                    // divided while the row is in cache, in float (the same quotient): a vector kernel, as the
                    // JIT left this loop scalar (avg3s1p1 spent a third of its time here)
                    ops.divideInPlace(result, rowStart, floatDivisors, rowStart - outBase, o - rowStart);
                } else if (divisors != null) {
                    for (int j = rowStart, d = rowStart - outBase; j < o; j++, d++) {
                        result[j] = (float) (result[j] / divisors[d]);
                    }
                }
            }
        }
    }

    /**
     * Whether {@link #sumPlane} sums a row's windows one by one from its column sums ({@link #rowWindowSums}): rows
     * without a sliding run (adaptive) or with a short strided one, one column step.
     */
    static boolean windowsOneByOne(AxisWindows ww, AxisWindows.Run run) {
        return ww.step() == 1 && separable(run) && (run == null || run.end() - run.start() < MIN_STRIDED_RUN);
    }

    /** pool10: a strided run shorter than this sums its windows one by one. */
    private static final int MIN_STRIDED_RUN = 4;

    /**
     * pool10: the window sums of a row from its column sums ({@code scratch.row}) where the windows stride past 2:
     * the uniform run's windows at every column by the sliding-sum kernel (vectorized; k/stride of them are needed,
     * which costs less than a scalar sum per window), then every stride-th; the borders, adaptive and dilated rows one
     * by one. avg4s4 and lp3-3s3 spent 15% of their forward in the scalar sums.
     */
    private void stridedRowWindowSums(Scratch scratch, AxisWindows ww, AxisWindows.Run run, float[] result, int o) {
        if (run == null || ww.step() != 1 || run.end() - run.start() < MIN_STRIDED_RUN) {
            rowWindowSums(scratch.row, scratch.lo, ww, 0, ww.outputs(), result, o);
            return;
        }
        int count = run.end() - run.start();
        // rounded up to whole vectors of any width (into the row's padding): JDK 17 boxed the masked last store
        int padding = VectorOps.ROW_PADDING;
        int positions = ((count - 1) * run.stride() + padding) / padding * padding;
        float[] slides = scratch.slides();
        ops.slidingSums(scratch.row, ww.first(run.start()) - scratch.lo, run.size(), positions, slides, 0);
        rowWindowSums(scratch.row, scratch.lo, ww, 0, run.start(), result, o);
        for (int j = 0, at = o + run.start(); j < count; j++) {
            result[at + j] = slides[j * run.stride()];
        }
        rowWindowSums(scratch.row, scratch.lo, ww, run.end(), ww.outputs(), result, o);
    }

    /** The sums of windows [from, to) of a row from its column sums {@code row} (column c at c - lo), written from {@code o + from}. */
    private static void rowWindowSums(float[] row, int lo, AxisWindows ww, int from, int to, float[] result, int o) {
        int step = ww.step();
        for (int ow = from; ow < to; ow++) {
            int f = ww.first(ow) - lo;
            float sum = 0;
            for (int c = f, end = f + ww.count(ow) * step; c < end; c += step) {
                sum += row[c];
            }
            result[o + ow] = sum;
        }
    }

    @Override
    public float[] spread(float[] perWindow, int planes, int[] inSize, AxisWindows[] w) {
        return PoolBackwardKernels.spread(ops, perWindow, null, planes, inSize, w);
    }

    @Override
    public float[] spreadDivided(float[] gradOutput, double[] divisors, int planes, int[] inSize, AxisWindows[] w) {
        return PoolBackwardKernels.spread(ops, gradOutput, divisors, planes, inSize, w);
    }

    @Override
    public float[] route(int[] indices, float[] gradOutput, int planes, int inPlane, int outPlane) {
        return PoolBackwardKernels.route(indices, gradOutput, planes, inPlane, outPlane, false);
    }

    @Override
    public float[] route(int[] indices, float[] gradOutput, int planes, int[] inSize, AxisWindows[] w) {
        return PoolBackwardKernels.route(indices, gradOutput, planes, inSize[0] * inSize[1] * inSize[2], outputs(w),
                PoolBackwardKernels.disjoint(w));
    }

    // pool9: value-only max pooling rows first, each output row through a row padded with -inf

    /**
     * A row of equal windows {@code kw} wide starting {@code stride} apart from column {@code from}
     * (negative with left padding), clipped to the input: output j reads [from + j·stride, + kw) ∩ [0, width).
     */
    record SlidingRow(int from, int kw, int stride) {
        /** The row's windows as one sliding row, or null where they are not (dilated, adaptive, fractional, an empty window). */
        static SlidingRow of(AxisWindows ww, AxisWindows.Run run) {
            // pool11: strides above 2 too, where windows touch or overlap (max3s3)
            if (run == null || ww.step() != 1 || run.stride() > Math.max(2, run.size())) {
                return null;
            }
            int from = ww.first(run.start()) - run.start() * run.stride();
            for (int o = 0; o < ww.outputs(); o++) {
                int start = from + o * run.stride();
                int first = Math.max(0, start);
                int last = Math.min(ww.length(), start + run.size());
                if (last <= first || ww.first(o) != first || ww.count(o) != last - first) {
                    return null;
                }
            }
            return new SlidingRow(from, run.size(), run.stride());
        }
    }

    /** One plane of {@link #max} without indices through {@link VectorOps#maxRowWindows}: its rows first, then each window's columns. */
    private void maxPlaneRowsFirst(float[] in, int inBase, int[] inSize, AxisWindows[] w, SlidingRow sliding, int[] rows,
                                   float[] out, int outBase) {
        int width = inSize[2];
        int count = w[2].outputs();
        float[] row = ROW_BUFFERS.floats(VectorOps.maxRowWindowsLength(width, sliding.from(), sliding.kw(), sliding.stride(),
                count));
        int o = outBase;
        for (int od = 0; od < w[0].outputs(); od++) {
            for (int oh = 0; oh < w[1].outputs(); oh++) {
                int kr = windowRows(w, inSize, od, oh, rows);
                ops.maxRowWindows(in, inBase, rows, kr, width, sliding.from(), sliding.kw(), sliding.stride(), count, row,
                        out, o);
                o += count;
            }
        }
    }

    /**
     * 1 / d for every divisor d when each is a power of two (as a 2x2 or 4x4 window's count): then
     * {@code x · (1/d)} is exactly {@code x / d}, zeros, infinities, NaN and subnormal quotients too; else null.
     */
    static float[] exactReciprocals(float[] floatDivisors) {
        if (floatDivisors == null) {
            return null;
        }
        float[] result = new float[floatDivisors.length];
        for (int i = 0; i < floatDivisors.length; i++) {
            float d = Math.abs(floatDivisors[i]);
            boolean powerOfTwo = d >= Float.MIN_NORMAL && d <= 0x1p126f && (Float.floatToRawIntBits(d) & 0x7FFFFF) == 0;
            if (!powerOfTwo) {
                return null;
            }
            result[i] = 1f / floatDivisors[i];
        }
        return result;
    }
}
