package dev.convkit.core.conv;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;

/**
 * Direct kernels for depthwise convolution (one input and one output channel per group), where a
 * GEMM would have a single row. The forward computes blocks of 4 output rows whole, their outputs held in
 * registers across every input row and tap, each input row loaded once per block
 * ({@link VectorOps#convRowBlock}; a 3×3 block that meets no padding row runs as straight-line code
 * with its 9 weights in registers, {@link VectorOps#convRowBlock3x3}, twice as fast). Other blocks of a depth-1 kernel run
 * without a branch per weight ({@link VectorOps#convRowsDirect}): 4 rows together when they meet every
 * kernel row, border rows one at a time over the kernel rows that meet the image. Padding rows are
 * skipped; padding columns (and the columns of a
 * stride, split by phase) come from a plane of padded rows in a per-thread buffer ({@link DirectRows}).
 * Planes (and, when there are few, bands of row blocks) run in parallel; each output element is summed
 * by one task in one fixed order. The strided scatter of 3×3 and 5×5 kernels at stride 2 runs by
 * phase ({@link DepthwiseRolling#scatterStride2}), others as a gather on the same row blocks
 * ({@link DirectRows#transposed}); the strided weight gradient accumulates per column on the forward's
 * phased rows ({@link VectorOps#rowProducts}).
 */
final class DepthwiseConv {
    /** Tasks a pass is split into at least, when the planes allow: independent of the thread count. */
    static final int MIN_TASKS = 16;

    private final VectorOps ops;
    private final DepthwiseRolling rolling;

    DepthwiseConv(VectorOps ops) {
        this.ops = ops;
        this.rolling = new DepthwiseRolling(ops);
    }

    static boolean applies(ConvGeometry g) {
        return g.imageChannels() == g.groups() && g.responseChannels() == g.groups();
    }

    /** Per-thread planes for the weight gradient: a padded input and one row of columns, reused across calls. */
    private final ThreadLocal<float[][]> buffers = ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[0]});

    private float[] buffer(int which, int size) {
        float[][] b = buffers.get();
        if (b[which].length < size) {
            b[which] = new float[size];
        }
        return b[which];
    }

    /** Per-thread padded rows of one plane, reused across calls. */
    private static final ThreadLocal<float[][]> PADDED = ThreadLocal.withInitial(() -> new float[][] {new float[0]});

    /** Per-thread output row starts of a block. */
    private static final ThreadScratch OUT_STARTS = new ThreadScratch();

    static float[] paddedRows(int size) {
        float[][] holder = PADDED.get();
        if (holder[0].length < size) {
            holder[0] = new float[size];
        }
        return holder[0];
    }

    /**
     * Whether {@link #correlateFlipped} takes {@code f}, the flipped geometry of a unit-stride input gradient
     * ({@link ConvDispatch#flipped}): the planes {@link DepthwiseRolling#lanePlanes} or the rows
     * {@link DepthwiseRolling#stackedRows} takes.
     */
    boolean readsFlipped(ConvGeometry f) {
        return DepthwiseRolling.applies(f)
                && (DepthwiseRolling.lanePlanes(f, ops) || DepthwiseRolling.stackedRows(f, ops));
    }

    /** The correlation of {@code f} ({@link #readsFlipped}) with {@code weight}'s flipped, transposed kernel, no copy. */
    float[] correlateFlipped(ConvGeometry f, float[] response, float[] weight) {
        return rolling.correlateFlipped(f, response, weight);
    }

    float[] correlate(ConvGeometry g, float[] image, float[] weight) {
        if (DepthwiseRolling.applies(g)) { // 2-d 3×3 and 5×5, strides 1 and 2: input rows loaded once per strip
            return rolling.correlate(g, image, weight);
        }
        float[] out = Storage.floats(g.responseSize()); // every output row is written once
        run(new DirectRows(g), g.batch() * g.groups(), g.groups(), g.kernelVolume(), image, g.imagePlane(), weight,
                out, g.responsePlane());
        return out;
    }

    /**
     * Every output plane of {@code rows}: plane p reads the input plane at {@code in[p·inPlane]} and the
     * weights of channel p % channels. Runs of planes (or, when there are few planes, bands of row blocks)
     * are the tasks: about {@code 4·MIN_TASKS} of them, so that two threads balance without handing out,
     * and counting, one task per plane on shared counters.
     */
    private void run(DirectRows rows, int planes, int channels, int kv, float[] in, int inPlane, float[] weight,
                     float[] out, int outPlane) {
        int chunks = Math.max(1, Math.min(rows.blocks, ceilDiv(MIN_TASKS, planes)));
        int perChunk = ceilDiv(rows.blocks, chunks);
        int group = chunks == 1 ? Math.max(1, planes / (4 * MIN_TASKS)) : 1;
        int tasks = chunks == 1 ? ceilDiv(planes, group) : planes * chunks;
        Parallel.forEach(tasks, task -> {
            float[] padded = paddedRows(rows.paddedPlane());
            int[] outStarts = OUT_STARTS.ints(DirectRows.BLOCK);
            if (chunks == 1) {
                for (int p = task * group; p < Math.min(planes, task * group + group); p++) {
                    plane(rows, p, 0, rows.blocks, channels, kv, in, inPlane, weight, out, outPlane, padded, outStarts);
                }
            } else {
                int first = task % chunks * perChunk;
                plane(rows, task / chunks, first, Math.min(rows.blocks, first + perChunk), channels, kv, in, inPlane,
                        weight, out, outPlane, padded, outStarts);
            }
        });
    }

    /** Row blocks [first, last) of plane p, its input rows padded into {@code padded}. */
    private void plane(DirectRows rows, int p, int first, int last, int channels, int kv, float[] in, int inPlane,
                       float[] weight, float[] out, int outPlane, float[] padded, int[] outStarts) {
        rows.padRows(ops, in, p * inPlane, padded, rows.firstRow(first, last), rows.endRow(first, last));
        int oBase = p * outPlane;
        for (int b = first; b < last; b++) {
            int r0 = b * DirectRows.BLOCK;
            int block = Math.min(DirectRows.BLOCK, rows.outRows - r0);
            for (int q = 0; q < block; q++) {
                outStarts[q] = oBase + (r0 + q) * rows.outWidth;
            }
            int interior = rows.interior3x3(b);
            if (interior >= 0) {
                ops.convRowBlock3x3(padded, interior, rows.rowLength, rows.rowStride, weight, p % channels * kv,
                        rows.tapColumns, out, outStarts, rows.outWidth);
                continue;
            }
            if (rows.planar) {
                planarBlock(rows, b, block, padded, weight, p % channels * kv, out, outStarts[0]);
                continue;
            }
            int[] starts = rows.blockStarts(b);
            ops.convRowBlock(padded, starts, starts.length, rows.blockWeights(b), weight, p % channels * kv,
                    rows.tapColumns, rows.kw, out, outStarts, block, rows.outWidth);
        }
    }

    /**
     * A block of a 2-d forward without branches per weight ({@link VectorOps#convRowsDirect}): its 4 rows
     * together when they meet every kernel row, else each row over the kernel rows that meet the image.
     */
    private void planarBlock(DirectRows rows, int b, int block, float[] padded, float[] weight, int wo, float[] out,
                             int o0) {
        int full = rows.fullBlockStart(b);
        if (full >= 0) {
            ops.convRowsDirect(padded, full, rows.qStep, rows.kStep, rows.kernelRows, rows.kw, rows.tapColumns, weight,
                    wo, out, o0, rows.outWidth, DirectRows.BLOCK, rows.outWidth);
            return;
        }
        for (int q = 0; q < block; q++) {
            int r = b * DirectRows.BLOCK + q;
            ops.convRowsDirect(padded, rows.rowStart(r), 0, rows.kStep, rows.inputRow[r].length, rows.kw,
                    rows.tapColumns, weight, wo + rows.firstKernelRow(r) * rows.kw, out, o0 + q * rows.outWidth,
                    rows.outWidth, 1, rows.outWidth);
        }
    }

    static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b); // a + b - 1 overflows for a stride near Integer.MAX_VALUE
    }

    /**
     * The strided scatter (unit strides run as the flipped correlation, {@link ConvDispatch}'s choice), as
     * a gather: each image row sums the response rows that read it ({@link DirectRows#transposed}), on the
     * forward's row-block kernels.
     */
    float[] scatter(ConvGeometry g, float[] response, float[] weight) {
        if (DepthwiseRolling.scatterApplies(g)) { // 2-d 3×3 and 5×5 at stride 2: by phase, no zeros
            return rolling.scatterStride2(g, response, weight);
        }
        float[] image = Storage.floats(g.imageSize()); // every image row is written once
        run(DirectRows.transposed(g), g.batch() * g.groups(), g.groups(), g.kernelVolume(), response,
                g.responsePlane(), weight, image, g.imagePlane());
        return image;
    }

    /**
     * The weight gradient: one dot product per tap over a padded plane's virtual columns (contiguous
     * runs, so each is one long vector loop), per channel over the images in order.
     */
    float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
        // strides 2: each tap's sums in registers on the padded planes (narrow rows: on the phase planes), 2x faster
        // than the per-column sums; unit strides on the padded rows' flat tap runs (the strips' tap sums measured
        // even to 10% slower than the virtual-column dots below, dw3x3-27-odd)
        if (DepthwiseRolling.applies(g)) {
            return rolling.weightGradient(g, image, response);
        }
        int[] s = g.stride();
        if (s[0] != 1 || s[1] != 1 || s[2] != 1) { // unit strides: the padded plane's long virtual-column dots measured 2x faster
            return rowsWeightGradient(g, image, response);
        }
        ImageLayout l = new ImageLayout(g, true);
        int channels = g.groups();
        int kv = g.kernelVolume();
        float[] dw = Storage.zeros(g.weightSize());
        boolean rows = l.planeRows();
        Parallel.forEach(channels, c -> {
            double[] sums = new double[kv];
            float[] dy = buffer(1, rows ? g.response()[1] * l.padded[2] : l.columns);
            float[] x = buffer(0, l.plane);
            for (int n = 0; n < g.batch(); n++) {
                if (rows) {
                    l.padPlaneRows(ops, image, n, c, x, n == 0);
                    l.responseRowsToColumns(ops, response, (n * channels + c) * g.responsePlane(), dy);
                } else {
                    l.padInto(image, n, c, 1, x);
                    l.responseToColumns(response, (n * channels + c) * g.responsePlane(), dy, 0);
                }
                if (l.virtual) {
                    ops.addDots(dy, 0, x, 0, l.tapOffset, 0, kv, l.columns, sums, 0);
                } else {
                    for (int t = 0; t < kv; t++) {
                        sums[t] += gatherDot(dy, x, l, t);
                    }
                }
            }
            for (int t = 0; t < kv; t++) {
                dw[c * kv + t] = (float) sums[t];
            }
        });
        return dw;
    }

    /**
     * The strided weight gradient on the forward's padded rows (split by column phase): for each response
     * row and each image row it meets, the products of the response row with the image row at each tap
     * column, accumulated per column ({@link VectorOps#rowProducts}); per channel over the images in order,
     * the columns summed at the end.
     */
    private float[] rowsWeightGradient(ConvGeometry g, float[] image, float[] response) {
        DirectRows rows = new DirectRows(g);
        int channels = g.groups();
        int kv = g.kernelVolume();
        int width = rows.outWidth;
        float[] dw = Storage.floats(g.weightSize());
        int from = rows.firstRow(0, rows.blocks);
        int to = rows.endRow(0, rows.blocks);
        Parallel.forEach(channels, c -> {
            float[] acc = buffer(1, kv * width);
            java.util.Arrays.fill(acc, 0, kv * width, 0f);
            float[] padded = paddedRows(rows.paddedPlane());
            for (int n = 0; n < g.batch(); n++) {
                int p = n * channels + c;
                rows.padRows(ops, image, p * g.imagePlane(), padded, from, to);
                int y = p * g.responsePlane();
                for (int r = 0; r < rows.outRows; r++) {
                    int[] in = rows.inputRow[r];
                    int[] k = rows.kernelRow[r];
                    for (int i = 0; i < in.length; i++) {
                        ops.rowProducts(response, y + r * width, padded, in[i] * rows.rowLength, rows.tapColumns,
                                rows.kw, acc, k[i] * rows.kw * width, width);
                    }
                }
            }
            for (int t = 0; t < kv; t++) {
                double sum = 0;
                for (int j = 0; j < width; j++) {
                    sum += acc[t * width + j];
                }
                dw[c * kv + t] = (float) sum;
            }
        });
        return dw;
    }

    private static float gatherDot(float[] dy, float[] x, ImageLayout l, int tap) {
        float s = 0;
        int off = l.tapOffset[tap];
        for (int v = 0; v < l.columns; v++) {
            s += dy[v] * x[off + l.colBase[v]];
        }
        return s;
    }
}
