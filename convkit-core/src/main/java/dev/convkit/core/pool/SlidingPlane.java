package dev.convkit.core.pool;

import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.window.AxisWindows;

import java.util.Arrays;

/**
 * pool13: window sums and means whose windows slide by one column (avg3s1p1), a whole plane per kernel call
 * ({@link VectorOps#slidingPlaneSums}): the input rows of every output row, found once per call, are summed column by
 * column into a row with zero borders, and its windows summed and divided from there. Windows two columns apart
 * inside the row (avg2s2) likewise by {@link VectorOps#pairPlaneSums}, and their value-only maxima (max2s2) by
 * {@link VectorOps#maxPairPlane}; rows of a few windows of any widths (adaptive) by {@link VectorOps#windowPlaneSums}
 * (pool15). The same additions in the
 * same order as the per-row walk of {@link FastPoolKernels} (same bits), without its four to six kernel calls and
 * scalar border windows per output row, which held avg3s1p1 to ~7 GB/s.
 */
final class SlidingPlane {
    /**
     * The fewest outputs a row needs, and columns for ones: narrower rows keep the row walk, whose vector kernels
     * take rows of a few outputs (adaptive 14 -> 7), where the plane kernels would run their scalar form.
     */
    static final int MIN_OUTPUTS = 16;

    /** Per-thread row of column sums with its zero borders. */
    private static final ThreadScratch ROW = new ThreadScratch();
    /** pool22: per-thread copy of a plane between -inf columns, for {@link #max}'s windows past a row's ends. */
    private static final ThreadScratch PADDED = new ThreadScratch();

    private final int[] inSize;
    private final AxisWindows[] w;
    /** Plane offsets of the input rows of output row t at [t·rowStride, t·rowStride + counts[t]). */
    private final int[] rows;
    private final int[] counts;
    private final int rowStride;
    private final FastPoolKernels.SlidingRow sliding;
    /** pool22: -inf columns left of each row in {@link #max}'s copy of a plane (0: the windows read the input in place). */
    private final int padLeft;
    /** The row width of the windows' plane: the input's, or its copy's with -inf columns both sides. */
    private final int paddedWidth;
    /** A row's windows as columns of the span they read. */
    private final RowWindows rowWindows;

    private SlidingPlane(int[] inSize, AxisWindows[] w, FastPoolKernels.SlidingRow sliding) {
        this(inSize, w, sliding, 0, inSize[2]);
    }

    /** The plan over planes whose rows are {@code paddedWidth} wide, the input's columns from {@code padLeft}. */
    private SlidingPlane(int[] inSize, AxisWindows[] w, FastPoolKernels.SlidingRow sliding, int padLeft, int paddedWidth) {
        this.inSize = inSize;
        this.w = w;
        this.sliding = sliding;
        this.padLeft = padLeft;
        this.paddedWidth = paddedWidth;
        rowWindows = RowWindows.of(w[2]);
        int[] paddedSize = {inSize[0], inSize[1], paddedWidth};
        int outRows = w[0].outputs() * w[1].outputs();
        rowStride = Math.max(1, FastPoolKernels.maxRows(w));
        rows = new int[outRows * rowStride];
        counts = new int[outRows];
        int[] buffer = new int[rowStride];
        for (int od = 0, t = 0; od < w[0].outputs(); od++) {
            for (int oh = 0; oh < w[1].outputs(); oh++, t++) {
                counts[t] = FastPoolKernels.windowRows(w, paddedSize, od, oh, buffer);
                System.arraycopy(buffer, 0, rows, t * rowStride, counts[t]);
            }
        }
    }

    /**
     * The plan where every window reads at least one row and a row's windows are equal and either one column apart,
     * clipped to the input (avg3s1p1), or two apart and inside the row (avg2s2); else null.
     */
    static SlidingPlane of(int[] inSize, AxisWindows[] w, AxisWindows.Run run) {
        FastPoolKernels.SlidingRow sliding = FastPoolKernels.SlidingRow.of(w[2], run);
        boolean ones = sliding != null && sliding.stride() == 1 && sliding.from() <= 0;
        if (!ones && !pairs(inSize, w, sliding) || w[2].outputs() < MIN_OUTPUTS || inSize[2] < MIN_OUTPUTS) {
            return null;
        }
        return everyWindowReadsARow(new SlidingPlane(inSize, w, sliding));
    }

    /** Whether a row's windows are equal, two columns apart and inside the row. */
    private static boolean pairs(int[] inSize, AxisWindows[] w, FastPoolKernels.SlidingRow sliding) {
        return sliding != null && sliding.stride() == 2 && sliding.from() >= 0
                && sliding.from() + 2 * (w[2].outputs() - 1) + sliding.kw() <= inSize[2];
    }

    /** The plan, or null where some output row reads no input row. */
    private static SlidingPlane everyWindowReadsARow(SlidingPlane plane) {
        for (int count : plane.counts) {
            if (count == 0) {
                return null;
            }
        }
        return plane;
    }

    /**
     * pool22: the plan for value-only maxima ({@link #max}) of windows two columns apart inside the row, at any row width:
     * {@link VectorOps#maxPairPlane} takes rows of fewer outputs than a vector too (max2s2 on 15 wide planes), where the
     * row walk ran each window scalar; else null.
     */
    static SlidingPlane maxPairs(int[] inSize, AxisWindows[] w, AxisWindows.Run run) {
        FastPoolKernels.SlidingRow sliding = FastPoolKernels.SlidingRow.of(w[2], run);
        if (pairs(inSize, w, sliding)) {
            return everyWindowReadsARow(new SlidingPlane(inSize, w, sliding));
        }
        // rows of many outputs keep the row walk, which reads the input in place (k3 s2 p1: the copy paid up to 16 outputs
        // a row, 0.57 -> 0.29 ms on 27 wide, and cost 0.76 -> 0.99 ms on 57 wide and 2x on max3s2-stem's 112)
        if (sliding == null || sliding.stride() != 2 || w[2].outputs() >= MIN_OUTPUTS) {
            return null;
        }
        // padding or ceil_mode: windows past a row's ends read a copy of the plane with -inf columns there, which PyTorch's
        // rule never selects (v > best is false, and -inf is no NaN), so every window selects what it selects in place
        int padLeft = Math.max(0, -sliding.from());
        int padRight = Math.max(0, sliding.from() + 2 * (w[2].outputs() - 1) + sliding.kw() - inSize[2]);
        FastPoolKernels.SlidingRow shifted = new FastPoolKernels.SlidingRow(sliding.from() + padLeft, sliding.kw(), 2);
        return everyWindowReadsARow(new SlidingPlane(inSize, w, shifted, padLeft, padLeft + inSize[2] + padRight));
    }

    /**
     * step50: the plan for maxima with indices ({@link #maxWithIndices}) of windows two columns apart inside the row (the
     * training step's 2×2 stride-2 max pool) on rows of fewer than {@link #MIN_OUTPUTS} outputs where the backend's kernel pays; else null. Wider rows
     * keep the row walk, whose per-row cost they amortize (2×2 on 57² and 112²: 1.05x and 0.97x, not worth a path).
     */
    static SlidingPlane maxIndexPairs(VectorOps ops, int[] inSize, AxisWindows[] w, AxisWindows.Run run) {
        FastPoolKernels.SlidingRow sliding = FastPoolKernels.SlidingRow.of(w[2], run);
        return ops.maxIndexPairPlanesPay() && w[2].outputs() < MIN_OUTPUTS && pairs(inSize, w, sliding)
                ? everyWindowReadsARow(new SlidingPlane(inSize, w, sliding)) : null;
    }

    /**
     * pool15: the plan where the row walk sums each window of a row one by one from the row's column sums (windows of
     * any widths and starts, step 1, too few or too far apart for a sliding run: adaptive 28 -&gt; 5), or null. Not
     * where a window is a whole row (the walk's one contiguous sum) or the windows leave no whole vector of columns.
     */
    static SlidingPlane windows(int[] inSize, AxisWindows[] w, AxisWindows.Run run) {
        AxisWindows ww = w[2];
        if (!FastPoolKernels.windowsOneByOne(ww, run) || ww.outputs() == 0
                || ww.outputs() == 1 && ww.first(0) == 0 && ww.count(0) == inSize[2]) {
            return null;
        }
        return new SlidingPlane(inSize, w, null);
    }

    /**
     * pool27: the plan for value-only maxima of windows two columns apart that {@link #maxPairs} leaves to the row walk
     * (rows of many outputs whose windows pass a row's ends: max3s2-stem), read in place a plane per kernel call
     * ({@link #maxRowsFirst}); null where some output row reads no input row.
     */
    static SlidingPlane maxStride2RowsFirst(int[] inSize, AxisWindows[] w, FastPoolKernels.SlidingRow sliding) {
        return sliding.stride() == 2 ? everyWindowReadsARow(new SlidingPlane(inSize, w, sliding)) : null;
    }

    /**
     * pool22: the plan for value-only maxima ({@link #maxWindows}) of rows whose windows the row walk reduces rows first
     * (adaptive 28 -&gt; 5, windows with gaps between them), one column step; else null.
     */
    static SlidingPlane maxWindows(int[] inSize, AxisWindows[] w, AxisWindows.Run run) {
        return rowsFirst(w[2], run) ? new SlidingPlane(inSize, w, null) : null;
    }

    /**
     * pool24: the plan for one plane's window sums ({@link #planeSums}) where the row walk reduces rows first, one column
     * step (LP at stride 3 and more: lp3-3s3's row walk made two kernel calls, a row lookup and a scalar pick per output
     * row); not where a window is a whole row (the walk's one contiguous sum). Else null.
     */
    static SlidingPlane rowsFirstSums(int[] inSize, AxisWindows[] w, AxisWindows.Run run) {
        AxisWindows ww = w[2];
        boolean wholeRow = ww.outputs() == 1 && ww.first(0) == 0 && ww.count(0) == inSize[2];
        return rowsFirst(ww, run) && !wholeRow ? new SlidingPlane(inSize, w, null) : null;
    }

    /** Whether the row walk reduces a row's windows rows first: windows strided past 2 or without a sliding run, one column step. */
    private static boolean rowsFirst(AxisWindows ww, AxisWindows.Run run) {
        return ww.step() == 1 && (run == null || run.stride() > 2) && ww.outputs() > 0;
    }

    /**
     * One plane's window sums of a {@link #rowsFirstSums} plan, from {@code in[inBase..)} into {@code result[outBase..)}:
     * {@link VectorOps#windowPlaneSums}, the row walk's additions in its order (same bits).
     */
    void planeSums(VectorOps ops, float[] in, int inBase, float[] result, int outBase) {
        float[] sums = ROW.floats(VectorOps.windowPlaneRowLength(rowWindows.span()));
        ops.windowPlaneSums(in, inBase, rows, counts, rowStride, counts.length, rowWindows.lo(), rowWindows.span(),
                rowWindows.firsts(), rowWindows.widths(), null, sums, result, outBase);
    }

    /**
     * pool25: {@link #planeSums} of the squares of {@code in} ({@link VectorOps#squaredWindowPlaneSums}, the same bits as
     * squaring the plane first).
     */
    void squaredPlaneSums(VectorOps ops, float[] in, int inBase, float[] result, int outBase) {
        float[] sums = ROW.floats(VectorOps.windowPlaneRowLength(rowWindows.span()));
        ops.squaredWindowPlaneSums(in, inBase, rows, counts, rowStride, counts.length, rowWindows.lo(), rowWindows.span(),
                rowWindows.firsts(), rowWindows.widths(), sums, result, outBase);
    }

    /** A row's windows as columns of the span [lo, lo + widths) that they read: lo, then each window's start from lo and width. */
    private record RowWindows(int lo, int span, int[] firsts, int[] widths) {
        static RowWindows of(AxisWindows ww) {
            int lo = Integer.MAX_VALUE;
            int hi = 0;
            for (int o = 0; o < ww.outputs(); o++) {
                lo = Math.min(lo, ww.first(o));
                hi = Math.max(hi, ww.first(o) + ww.count(o));
            }
            int[] firsts = new int[ww.outputs()];
            int[] widths = new int[ww.outputs()];
            for (int o = 0; o < ww.outputs(); o++) {
                firsts[o] = ww.first(o) - lo;
                widths[o] = ww.count(o);
            }
            return new RowWindows(lo, hi - lo, firsts, widths);
        }
    }

    /** Every plane's window sums of a {@link #windows} plan into {@code result}, divided by the float divisors when given. */
    void windowSums(VectorOps ops, float[] in, int planes, float[] floatDivisors, float[] result) {
        int inPlane = inSize[0] * inSize[1] * inSize[2];
        int outPlane = FastPoolKernels.outputs(w);
        RowWindows row = rowWindows;
        int outRows = counts.length;
        FastPoolKernels.forPlanes(planes, inPlane + outPlane, (from, to) -> {
            float[] sums = ROW.floats(VectorOps.windowPlaneRowLength(row.span()));
            for (int q = from; q < to; q++) {
                ops.windowPlaneSums(in, q * inPlane, rows, counts, rowStride, outRows, row.lo(), row.span(), row.firsts(),
                        row.widths(), floatDivisors, sums, result, q * outPlane);
            }
        });
    }

    /** Every plane's value-only window maxima of a {@link #maxWindows} plan into {@code out}. */
    void maxWindows(VectorOps ops, float[] in, int planes, float[] out) {
        int inPlane = inSize[0] * inSize[1] * inSize[2];
        int outPlane = FastPoolKernels.outputs(w);
        RowWindows row = rowWindows;
        int outRows = counts.length;
        FastPoolKernels.forPlanes(planes, inPlane + outPlane, (from, to) -> {
            float[] maxima = ROW.floats(VectorOps.windowPlaneRowLength(row.span()));
            for (int q = from; q < to; q++) {
                ops.maxWindowPlane(in, q * inPlane, rows, counts, rowStride, outRows, row.lo(), row.span(), row.firsts(),
                        row.widths(), maxima, out, q * outPlane);
            }
        });
    }

    /**
     * Every plane's window sums into {@code result}, each divided by its float divisor when {@code floatDivisors} is
     * given (at stride 2 multiplied by the exact reciprocals of power-of-two divisors: the same bits, as pool9).
     */
    void sums(VectorOps ops, float[] in, int planes, float[] floatDivisors, float[] result) {
        int inPlane = inSize[0] * inSize[1] * inSize[2];
        int outPlane = FastPoolKernels.outputs(w);
        int width = inSize[2];
        int shift = -sliding.from();
        int outWidth = w[2].outputs();
        int outRows = counts.length;
        if (sliding.stride() == 2) {
            float[] reciprocals = FastPoolKernels.exactReciprocals(floatDivisors);
            float[] factors = reciprocals != null ? reciprocals : floatDivisors;
            FastPoolKernels.forPlanes(planes, inPlane + outPlane, (from, to) -> {
                for (int q = from; q < to; q++) {
                    ops.pairPlaneSums(in, q * inPlane, rows, counts, rowStride, outRows, sliding.from(), sliding.kw(),
                            outWidth, factors, reciprocals != null, result, q * outPlane);
                }
            });
            return;
        }
        FastPoolKernels.forPlanes(planes, inPlane + outPlane, (from, to) -> {
            float[] row = ROW.floats(VectorOps.slidingPlaneRowLength(width, shift, sliding.kw(), outWidth));
            for (int q = from; q < to; q++) {
                ops.slidingPlaneSums(in, q * inPlane, rows, counts, rowStride, outRows, width, shift, sliding.kw(), outWidth,
                        floatDivisors, row, result, q * outPlane);
            }
        });
    }

    /** Every plane's value-only window maxima into {@code out} (windows two columns apart: max2s2). */
    void max(VectorOps ops, float[] in, int planes, float[] out) {
        int inPlane = inSize[0] * inSize[1] * inSize[2];
        int outPlane = FastPoolKernels.outputs(w);
        int outRows = counts.length;
        if (paddedWidth != inSize[2]) {
            maxPadded(ops, in, planes, out);
            return;
        }
        FastPoolKernels.forPlanes(planes, inPlane + outPlane, (from, to) -> {
            for (int q = from; q < to; q++) {
                ops.maxPairPlane(in, q * inPlane, rows, counts, rowStride, outRows, sliding.from(), sliding.kw(), w[2].outputs(),
                        out, q * outPlane);
            }
        });
    }

    /** Every plane's window maxima of a {@link #maxIndexPairs} plan into {@code out}, their plane offsets into {@code indices}. */
    void maxWithIndices(VectorOps ops, float[] in, int planes, float[] out, int[] indices) {
        int inPlane = inSize[0] * inSize[1] * inSize[2];
        int outPlane = FastPoolKernels.outputs(w);
        int outRows = counts.length;
        FastPoolKernels.forPlanes(planes, inPlane + outPlane, (from, to) -> {
            for (int q = from; q < to; q++) {
                ops.maxIndexPairPlane(in, q * inPlane, rows, counts, rowStride, outRows, sliding.from(), sliding.kw(),
                        w[2].outputs(), out, q * outPlane, indices);
            }
        });
    }

    /** Every plane's value-only window maxima of a {@link #maxStride2RowsFirst} plan into {@code out}. */
    void maxRowsFirst(VectorOps ops, float[] in, int planes, float[] out) {
        int width = inSize[2];
        int inPlane = inSize[0] * inSize[1] * width;
        int outPlane = FastPoolKernels.outputs(w);
        int outRows = counts.length;
        int count = w[2].outputs();
        int length = VectorOps.maxRowWindowsLength(width, sliding.from(), sliding.kw(), 2, count);
        FastPoolKernels.forPlanes(planes, inPlane + outPlane, (from, to) -> {
            float[] row = ROW.floats(length);
            for (int q = from; q < to; q++) {
                ops.maxRowPlaneStride2(in, q * inPlane, rows, counts, rowStride, outRows, width, sliding.from(), sliding.kw(),
                        count, row, out, q * outPlane);
            }
        });
    }

    /** {@link #max} where windows reach past a row's ends: each plane copied between -inf columns, its windows read there. */
    private void maxPadded(VectorOps ops, float[] in, int planes, float[] out) {
        int width = inSize[2];
        int inRows = inSize[0] * inSize[1];
        int inPlane = inRows * width;
        int outPlane = FastPoolKernels.outputs(w);
        int outRows = counts.length;
        // room past the last row for the kernel's whole-vector loads
        int length = inRows * paddedWidth + 2 * VectorOps.ROW_PADDING;
        FastPoolKernels.forPlanes(planes, inPlane + outPlane, (from, to) -> {
            float[] padded = PADDED.floats(length);
            // the copies below overwrite the same columns each plane: the -inf columns stay
            Arrays.fill(padded, 0, length, Float.NEGATIVE_INFINITY);
            for (int q = from; q < to; q++) {
                for (int r = 0; r < inRows; r++) {
                    System.arraycopy(in, q * inPlane + r * width, padded, r * paddedWidth + padLeft, width);
                }
                ops.maxPairPlane(padded, 0, rows, counts, rowStride, outRows, sliding.from(), sliding.kw(), w[2].outputs(),
                        out, q * outPlane);
            }
        });
    }
}
