package dev.convkit.core.conv;

import dev.convkit.core.kernels.ChannelLaneConv;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;

/**
 * Direct kernels for convolutions with a short reduction (a first layer: one or a few input channels
 * and a small kernel, unit stride, no groups), where a GEMM would spend its time packing and storing
 * tiles. Each image is laid out once. The forward holds a block of response channels × columns in
 * registers across every (input channel, tap) pair ({@link VectorOps#convColumns}): 2-d ones with narrow
 * output rows, and the other 2-d weight gradients, on a dense tap layout whose columns are exactly the
 * response plane's ({@link VectorOps#tapProductLanes} for the weight gradient); 3-d ones on the padded image's
 * virtual columns, with one dot product per (response channel, input channel, tap) for the weight
 * gradient. 2-d weight gradients with narrow rows and enough response channels to fill the lanes run
 * {@link ChannelLaneGradient} (bwd8). Layouts live in per-thread workspaces, so a warm call allocates only its result.
 */
final class SmallChannelConv {
    /** Response (or image) channels one task computes with, so that its outputs stay in registers across the taps. */
    static final int CHANNEL_BLOCK = 8;
    /** Largest Cin × kernel volume that always runs here (and the most any weight gradient does). */
    static final int MAX_REDUCTION = 32;
    /**
     * Largest Cin × kernel volume whose forward runs here when the image channels fit one block (a first
     * layer): lenet-c2's (6 × 25, measured 1.4× faster than on the GEMM path).
     */
    static final int MAX_FIRST_LAYER_REDUCTION = 160;
    /**
     * Largest Cin × kernel volume whose forward runs here when the response channels fit one block, which
     * leaves the GEMM's tiles mostly empty: lenet-c1's and lenet-c2's flipped scatters (6 × 25 into 1
     * channel, 16 × 25 into 6) measured 4× and 2.5× faster than on the GEMM path.
     */
    static final int MAX_FEW_OUTPUTS_REDUCTION = 512;
    /**
     * {@link #MAX_FEW_OUTPUTS_REDUCTION} for correlations into at most 4 response channels (small9), which fill half the
     * GEMM's 8-row register tiles at most: first-c3-5x5-33's flipped scatter (24 × 25 into 3) measured 2.2× faster
     * here (thread CPU time, one thread, 0.98 against 2.15 ms).
     */
    static final int MAX_FEWEST_OUTPUTS_REDUCTION = 640;

    /** Output rows at least this wide run {@link #rowsCorrelate} (narrower ones waste a vector's lanes per row). */
    static final int ROW_OUTPUTS = 16;

    private final VectorOps ops;
    private final ThreadScratch workspace = new ThreadScratch();

    private final ChannelLaneGradient laneGradient;

    SmallChannelConv(VectorOps ops) {
        this.ops = ops;
        this.laneGradient = new ChannelLaneGradient(ops);
    }

    /**
     * Whether {@code pass} runs here: no groups, unit stride, and a short reduction. The weight gradient of
     * a 2-d first layer (at most {@link #CHANNEL_BLOCK} image channels) runs here up to
     * {@link #MAX_FIRST_LAYER_REDUCTION} (on the dense tap layout); others up to {@link #MAX_REDUCTION},
     * past which the padded plane's dot products lose to the GEMM.
     */
    static boolean applies(ConvGeometry g, ConvDispatch.Pass pass) {
        int[] s = g.stride();
        if (g.groups() != 1 || s[0] != 1 || s[1] != 1 || s[2] != 1) {
            return false;
        }
        int reduction = g.imageChannels() * g.kernelVolume();
        if (pass == ConvDispatch.Pass.WEIGHT_GRADIENT) {
            return reduction <= MAX_REDUCTION
                    || planar(g) && g.imageChannels() <= CHANNEL_BLOCK && reduction <= MAX_FIRST_LAYER_REDUCTION;
        }
        if (reduction <= MAX_REDUCTION) {
            return true;
        }
        return g.imageChannels() <= CHANNEL_BLOCK && reduction <= MAX_FIRST_LAYER_REDUCTION
                || g.responseChannels() <= CHANNEL_BLOCK && reduction <= MAX_FEW_OUTPUTS_REDUCTION
                || g.responseChannels() <= CHANNEL_BLOCK / 2 && reduction <= MAX_FEWEST_OUTPUTS_REDUCTION
                || fewOutputColumns(g) && reduction <= MAX_FEW_OUTPUT_COLUMNS_REDUCTION;
    }

    /**
     * Largest Cin × kernel volume whose forward runs {@link #fewOutputColumns}'s kernel: the GEMM fills at most half
     * of its 8-row register tiles there, the direct kernel three or four of its 4 (stem25: first-c3-5x5-33's flipped
     * input gradient, 32 × 25 into 3 channels, 2.64 against 0.73 ms; 8x3x45x45 -> 48 5×5's, 1200 taps, 7.5 against 1.7).
     */
    static final int MAX_FEW_OUTPUT_COLUMNS_REDUCTION = 4096;

    /**
     * Whether a 2-d forward into at most {@code CHANNEL_BLOCK / 2} response channels runs the padded image's columns
     * with {@link VectorOps#convLongColumns} (4 channels × 6 vectors a block on 16 lanes, against {@code convColumns}' 8 × 2, half
     * of which such a forward leaves empty): rows of at least {@link #ROW_OUTPUTS} (the padded row's extra columns are
     * computed and dropped) and at least {@link #LANE_TAPS_WIDE} taps. stem25, thread CPU at one thread: 3 × 3×3 into
     * 8 channels' flipped input gradient on 28×28 (72 taps) 0.13 -> 0.08 ms; 2 × 3×3 on 40×40 (18 taps) 0.035 -> 0.095,
     * 6 × 5×5 on 10-wide rows 0.07 -> 0.34: left where they ran. Reductions past one GEMM block up to
     * {@link #MAX_FEWEST_OUTPUTS_REDUCTION} keep {@link #rowsCorrelate}'s one chain and its bits (here in blocks they
     * read 8-12 % faster: 3 × 3×3 into 32 channels' input gradient on 64×64, 288 taps, 1.03 -> 0.94 ms).
     */
    static boolean fewOutputColumns(ConvGeometry g) {
        int taps = g.imageChannels() * g.kernelVolume();
        return planar(g) && g.responseChannels() <= CHANNEL_BLOCK / 2 && g.response()[2] >= ROW_OUTPUTS
                && taps >= LANE_TAPS_WIDE && (taps <= FastConv.KC || taps > MAX_FEWEST_OUTPUTS_REDUCTION);
    }

    /** Where each (input channel, tap) pair starts in a padded image of {@code l}'s layout. */
    private static int[] tapStarts(ImageLayout l, int cin, int kv) {
        int[] starts = new int[cin * kv];
        for (int ci = 0; ci < cin; ci++) {
            for (int t = 0; t < kv; t++) {
                starts[ci * kv + t] = ci * l.plane + l.tapOffset[t];
            }
        }
        return starts;
    }

    float[] correlate(ConvGeometry g, float[] image, float[] weight) {
        if (channelLanes(g)) {
            return laneCorrelate(g, image, weight);
        }
        if (fewOutputColumns(g)) {
            return columnsCorrelate(g, image, weight);
        }
        if (g.image()[0] == 1 && g.response()[2] >= ROW_OUTPUTS) {
            return rowsCorrelate(g, image, weight);
        }
        if (planar(g)) {
            return denseCorrelate(g, image, weight);
        }
        return columnsCorrelate(g, image, weight);
    }

    /**
     * The forward on the padded image's virtual columns: one task per image and block of {@link #CHANNEL_BLOCK}
     * response channels pads the image and holds the block's sums in its thread's workspace, then copies the kept
     * columns out; {@link #fewOutputColumns} forwards on {@link VectorOps#convLongColumns}, the others on
     * {@link VectorOps#convColumns} (the same sums either way).
     */
    private float[] columnsCorrelate(ConvGeometry g, float[] image, float[] weight) {
        ImageLayout l = new ImageLayout(g, true, false);
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        int kv = g.kernelVolume();
        int taps = cin * kv;
        int[] tapStarts = tapStarts(l, cin, kv);
        int blocks = DepthwiseConv.ceilDiv(cout, CHANNEL_BLOCK);
        boolean fewOutputs = fewOutputColumns(g);
        int[][] blockStarts = fewOutputs ? reductionBlocks(tapStarts) : null;
        float[] out = Storage.zeros(g.responseSize());
        Parallel.forEach(g.batch() * blocks, task -> {
            int n = task / blocks;
            int co0 = task % blocks * CHANNEL_BLOCK;
            int channels = Math.min(CHANNEL_BLOCK, cout - co0);
            // the padded image and the accumulator rows in this thread's workspace, not per-task arrays
            float[] work = workspace.floats(cin * l.plane + (fewOutputs ? 2 : 1) * CHANNEL_BLOCK * l.columns);
            l.padInto(image, n, 0, cin, work);
            int accOff = cin * l.plane;
            if (fewOutputs) {
                longColumnBlocks(work, blockStarts, taps, weight, co0 * taps, channels, accOff, l.columns);
            } else {
                ops.convColumns(work, tapStarts, taps, weight, co0 * taps, taps, channels, work, accOff, l.columns,
                        l.columns);
            }
            for (int c = 0; c < channels; c++) {
                l.columnsToResponse(work, accOff + c * l.columns, out, (n * cout + co0 + c) * g.responsePlane());
            }
        });
        return out;
    }

    /**
     * {@code tapStarts} cut into the GEMM's reduction blocks: at most {@link FastConv#KC} taps each, in order (the
     * last one shorter), as {@code FastConv} cuts a long reduction.
     */
    private static int[][] reductionBlocks(int[] tapStarts) {
        int[][] blocks = new int[DepthwiseConv.ceilDiv(tapStarts.length, FastConv.KC)][];
        for (int b = 0; b < blocks.length; b++) {
            blocks[b] = java.util.Arrays.copyOfRange(tapStarts, b * FastConv.KC,
                    Math.min(tapStarts.length, (b + 1) * FastConv.KC));
        }
        return blocks;
    }

    /**
     * {@code channels} rows of {@code columns} sums at {@code work[accOff]} over the taps {@code blocks} lists, one
     * {@link VectorOps#convLongColumns} call a reduction block, each block's sums (from zero, in weight order) added to
     * the running ones, as the GEMM's micro-kernel adds its blocks: the sums and bits of the GEMM path this replaced
     * (stem25), whose error grows less with the reduction's length than one chain's (first-c3-5x5-33's input gradient,
     * 800 taps: max error / max |out| 4.7e-7 in blocks, 9.3e-7 as one chain).
     */
    private void longColumnBlocks(float[] work, int[][] blocks, int taps, float[] weight, int wo, int channels,
                                  int accOff, int columns) {
        int blockOff = accOff + CHANNEL_BLOCK * columns;
        int k0 = 0;
        for (int[] starts : blocks) {
            int sumsOff = k0 == 0 ? accOff : blockOff;
            // first256: on 8 lanes convColumns' 4-channel blocks, measured against convLongColumns' 4 × 6 ones (which
            // spilled AVX2's 16 registers), not against stem256's 2 × 6 that replaced those the same stop
            if (ops.channelLanes() == 8) {
                ops.convColumns(work, starts, starts.length, weight, wo + k0, taps, channels, work, sumsOff, columns,
                        columns);
            } else {
                ops.convLongColumns(work, starts, starts.length, weight, wo + k0, taps, channels, work, sumsOff, columns,
                        columns);
            }
            if (k0 > 0) {
                for (int i = 0; i < channels * columns; i++) {
                    work[accOff + i] += work[blockOff + i];
                }
            }
            k0 += starts.length;
        }
    }

    /**
     * The forward one output row at a time, written straight into the response (no column buffer and no
     * per-row copies out of it, which cost more than the arithmetic on conv1-sized layers): one task per
     * image pads it once ({@link VectorOps#padRows}) and runs each channel block over all output rows ({@link VectorOps#convColumnRows}).
     */
    private float[] rowsCorrelate(ConvGeometry g, float[] image, float[] weight) {
        ImageLayout l = new ImageLayout(g, true, false);
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        int kv = g.kernelVolume();
        int taps = cin * kv;
        int[] tapStarts = tapStarts(l, cin, kv);
        int[] img = g.image();
        int[] pad = g.padLeft();
        int pitch = l.padded[2];
        int outRows = g.response()[1];
        int outWidth = g.response()[2];
        int plane = g.responsePlane();
        float[] out = Storage.floats(g.responseSize()); // every output row is written once
        Parallel.forEach(g.batch(), n -> {
            float[] work = workspace.floats(cin * l.plane);
            for (int ci = 0; ci < cin; ci++) {
                int o = ci * l.plane;
                int top = o + pad[1] * pitch;
                int bottom = top + img[1] * pitch;
                java.util.Arrays.fill(work, o, top, 0f);
                ops.padRows(image, (n * cin + ci) * g.imagePlane(), img[2], img[1], work, top, pitch, pad[2]);
                java.util.Arrays.fill(work, bottom, o + l.plane, 0f);
            }
            for (int co0 = 0; co0 < cout; co0 += CHANNEL_BLOCK) {
                ops.convColumnRows(work, tapStarts, taps, pitch, outRows, weight, co0 * taps, taps,
                        Math.min(CHANNEL_BLOCK, cout - co0), out, (n * cout + co0) * plane, plane, outWidth);
            }
        });
        return out;
    }

    /**
     * The weight gradient: fixed chunks of images (at most {@link DepthwiseConv#MIN_TASKS}, whatever the
     * thread count), each padding its images one at a time into its thread's workspace and summing one dot
     * product per (response channel, input channel, tap) into its own partial sums; the partials are then
     * added in chunk order. Nothing but the result is allocated once the workspaces are warm.
     */
    float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
        if (ChannelLaneGradient.applies(g, ops.gradientLanes())) {
            return laneGradient.weightGradient(g, image, response); // bwd8
        }
        if (planar(g)) {
            return denseWeightGradient(g, image, response);
        }
        ImageLayout l = new ImageLayout(g, true);
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        int kv = g.kernelVolume();
        int size = g.weightSize();
        int chunks = Math.min(g.batch(), DepthwiseConv.MIN_TASKS);
        int perChunk = DepthwiseConv.ceilDiv(g.batch(), chunks);
        double[] partials = partialSums.doubles(chunks * size);
        Parallel.forEach(chunks, chunk -> {
            int from = chunk * perChunk;
            int to = Math.min(g.batch(), from + perChunk);
            int base = chunk * size;
            java.util.Arrays.fill(partials, base, base + size, 0.0);
            float[] work = workspace.floats(cin * l.plane + l.columns);
            int dy = cin * l.plane;
            for (int n = from; n < to; n++) {
                l.padInto(image, n, 0, cin, work);
                for (int co = 0; co < cout; co++) {
                    l.responseToColumns(response, (n * cout + co) * g.responsePlane(), work, dy);
                    for (int ci = 0; ci < cin; ci++) {
                        for (int t = 0; t < kv; t++) {
                            partials[base + (co * cin + ci) * kv + t] +=
                                    ops.dot(work, dy, work, ci * l.plane + l.tapOffset[t], l.columns);
                        }
                    }
                }
            }
        });
        float[] dw = Storage.floats(size);
        for (int k = 0; k < size; k++) {
            double sum = 0;
            for (int c = 0; c < chunks; c++) {
                sum += partials[c * size + k];
            }
            dw[k] = (float) sum;
        }
        return dw;
    }

    /** The calling thread's partial sums (each chunk writes its own part), reused across calls. */
    private final ThreadScratch partialSums = new ThreadScratch();

    /** Floats of dense tap layouts one weight-gradient call keeps at once (several images share a register block). */
    static final int DENSE_BUDGET = 1 << 14;

    private final ThreadScratch tapTable = new ThreadScratch();
    private final ThreadScratch imageStarts = new ThreadScratch();
    private final ThreadScratch responseStarts = new ThreadScratch();
    private final ThreadScratch chunkSums = new ThreadScratch();

    /** A 2-d convolution (depth 1 throughout), which the dense tap layout handles. */
    static boolean planar(ConvGeometry g) {
        return g.image()[0] == 1 && g.kernel()[0] == 1 && g.response()[0] == 1;
    }

    /** Rows of each dense tap plane: the response's rows plus the kernel's vertical reach. */
    private static int denseRows(ConvGeometry g) {
        return g.response()[1] + (g.kernel()[1] - 1) * g.dilation()[1];
    }

    /** Floats of one image's dense tap layout: a plane per (input channel, kernel column). */
    private static int denseSize(ConvGeometry g) {
        return g.imageChannels() * g.kernel()[2] * denseRows(g) * g.response()[2];
    }

    /**
     * The dense tap layout of image {@code n} at {@code off}: plane (ci, kx) holds, at row y and column ox,
     * the padded image's (ci, y, ox + kx·dilation). Its rows are exactly as wide as the response's, so tap
     * (ci, ky, kx) of every output position p = oy·width + ox reads element p of the plane shifted down by
     * ky·dilation rows: the response plane is one run of contiguous columns, with no lanes spent on
     * padding columns (lenet-c2's 10-wide rows: 100 columns per plane, not 136).
     */
    private static void denseTaps(ConvGeometry g, float[] image, int n, float[] dst, int off) {
        int cin = g.imageChannels();
        int height = g.image()[1];
        int width = g.image()[2];
        int kw = g.kernel()[2];
        int outWidth = g.response()[2];
        int rows = denseRows(g);
        int top = g.padLeft()[1];
        for (int ci = 0; ci < cin; ci++) {
            int src = (n * cin + ci) * g.imagePlane();
            for (int kx = 0; kx < kw; kx++) {
                int shift = kx * g.dilation()[2] - g.padLeft()[2]; // column ox reads image column ox + shift
                int lo = Math.min(outWidth, Math.max(0, -shift));
                int hi = Math.max(lo, Math.min(outWidth, width - shift));
                int plane = off + (ci * kw + kx) * rows * outWidth;
                for (int y = 0; y < rows; y++) {
                    int d = plane + y * outWidth;
                    int iy = y - top;
                    if (iy < 0 || iy >= height) {
                        java.util.Arrays.fill(dst, d, d + outWidth, 0f);
                        continue;
                    }
                    java.util.Arrays.fill(dst, d, d + lo, 0f);
                    if (hi > lo) { // a row can lie wholly in the padding
                        System.arraycopy(image, src + iy * width + lo + shift, dst, d + lo, hi - lo);
                    }
                    java.util.Arrays.fill(dst, d + hi, d + outWidth, 0f);
                }
            }
        }
    }

    /** Where tap (ci, ky, kx) starts in the dense layout, in the weight's order, in the calling thread's table. */
    private int[] denseTapStarts(ConvGeometry g) {
        int kh = g.kernel()[1];
        int kw = g.kernel()[2];
        int rows = denseRows(g);
        int outWidth = g.response()[2];
        int[] starts = tapTable.ints(g.imageChannels() * kh * kw);
        for (int ci = 0; ci < g.imageChannels(); ci++) {
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    starts[(ci * kh + ky) * kw + kx] = (ci * kw + kx) * rows * outWidth + ky * g.dilation()[1] * outWidth;
                }
            }
        }
        return starts;
    }

    /**
     * The forward of a 2-d convolution with narrow output rows on the dense tap layout: each task lays
     * out one image and runs {@link VectorOps#convColumns} over the whole response plane per block of
     * channels, straight into the response. With fewer images than {@link DepthwiseConv#MIN_TASKS}, each
     * (image, channel block) is a task (each lays the image out itself).
     */
    private float[] denseCorrelate(ConvGeometry g, float[] image, float[] weight) {
        int cout = g.responseChannels();
        int taps = g.imageChannels() * g.kernelVolume();
        int plane = g.responsePlane();
        int size = denseSize(g);
        int[] tapStarts = denseTapStarts(g);
        int blocks = g.batch() >= DepthwiseConv.MIN_TASKS ? 1 : DepthwiseConv.ceilDiv(cout, CHANNEL_BLOCK);
        int perTask = DepthwiseConv.ceilDiv(cout, blocks * CHANNEL_BLOCK) * CHANNEL_BLOCK;
        float[] out = Storage.floats(g.responseSize()); // every output is written once
        Parallel.forEach(g.batch() * blocks, task -> {
            int n = task / blocks;
            float[] work = workspace.floats(size);
            denseTaps(g, image, n, work, 0);
            int end = Math.min(cout, (task % blocks + 1) * perTask);
            for (int co0 = task % blocks * perTask; co0 < end; co0 += CHANNEL_BLOCK) {
                ops.convColumns(work, tapStarts, taps, weight, co0 * taps, taps, Math.min(CHANNEL_BLOCK, cout - co0),
                        out, (n * cout + co0) * plane, plane, plane);
            }
        });
        return out;
    }

    /**
     * The weight gradient of a 2-d convolution on the dense tap layout: fixed chunks of at least
     * {@link #CHUNK_IMAGES} images (at most {@link DepthwiseConv#MIN_TASKS} chunks, whatever the thread
     * count), each laying out up to {@link #DENSE_BUDGET} floats of images at once (an L2-sized group) and
     * adding response × tap products for a block of channels × taps into per-lane vector partial sums
     * ({@link VectorOps#tapProductLanes}), whose lanes are summed pairwise once per chunk; the chunks' sums
     * are then added in chunk order. Summing lanes per call instead (tapProducts) cost more than the
     * products on lenet-c2, and small chunks paid the partials' clearing and summing too often. With fewer
     * chunks than threads (batches under 2 · {@link #CHUNK_IMAGES}), each chunk's response channels are split
     * into groups of whole quads, one task each: every group lays its images out again, but a weight's sum is
     * the same products in the same lanes and order whichever group computes it, so the bits do not depend on
     * the split (a batch of 8 was one task before: no gain from a second thread).
     */
    private float[] denseWeightGradient(ConvGeometry g, float[] image, float[] response) {
        int cout = g.responseChannels();
        int taps = g.imageChannels() * g.kernelVolume();
        int size = g.weightSize();
        int plane = g.responsePlane();
        int layout = denseSize(g);
        int perChunk = Math.max(CHUNK_IMAGES, DepthwiseConv.ceilDiv(g.batch(), DepthwiseConv.MIN_TASKS));
        int chunks = DepthwiseConv.ceilDiv(g.batch(), perChunk);
        int group = Math.max(1, Math.min(perChunk, DENSE_BUDGET / Math.max(1, layout)));
        int[] tapStarts = denseTapStarts(g);
        int lanes = ops.tapLanes();
        int rowStride = DepthwiseConv.ceilDiv(taps, 4) * 4;
        int quads = DepthwiseConv.ceilDiv(cout, 4);
        int laneSize = quads * 4 * rowStride * lanes;
        int groups = Math.min(quads, DepthwiseConv.ceilDiv(Parallel.threads(), chunks)); // channel groups per chunk
        float[] sums = chunkSums.floats(chunks * size);
        Parallel.forEach(chunks * groups, task -> {
            int chunk = task / groups;
            int channelGroup = task % groups;
            int c0 = channelGroup * quads / groups * 4; // whole quads: the kernel's channel blocks stay as they were
            int c1 = Math.min(cout, (channelGroup + 1) * quads / groups * 4);
            int from = chunk * perChunk;
            int to = Math.min(g.batch(), from + perChunk);
            float[] work = workspace.floats(group * layout);
            int[] xStarts = imageStarts.ints(group);
            int[] yStarts = responseStarts.ints(group);
            float[] partial = laneSums.floats(laneSize);
            java.util.Arrays.fill(partial, 0, laneSize, 0f);
            for (int n0 = from; n0 < to; n0 += group) {
                int images = Math.min(group, to - n0);
                for (int i = 0; i < images; i++) {
                    denseTaps(g, image, n0 + i, work, i * layout);
                    xStarts[i] = i * layout;
                    yStarts[i] = ((n0 + i) * cout + c0) * plane;
                }
                ops.tapProductLanes(response, yStarts, plane, c1 - c0, work, xStarts, images, tapStarts, taps, partial,
                        c0 * rowStride * lanes, plane);
            }
            for (int c = c0; c < c1; c++) {
                for (int k = 0; k < taps; k++) {
                    sums[chunk * size + c * taps + k] = sumPairwise(partial, (c * rowStride + k) * lanes, lanes);
                }
            }
        });
        float[] dw = Storage.floats(size);
        for (int k = 0; k < size; k++) {
            double sum = 0;
            for (int c = 0; c < chunks; c++) {
                sum += sums[c * size + k];
            }
            dw[k] = (float) sum;
        }
        return dw;
    }

    /** Fewest images per weight-gradient chunk: each chunk clears and sums its vector partials once. */
    static final int CHUNK_IMAGES = 32;

    /** Vector partial sums of the weight gradient, per thread: every image of a chunk adds into them. */
    private final ThreadScratch laneSums = new ThreadScratch();

    /** The {@code lanes} floats at {@code a[o]} added pairwise (halves, then quarters, ...), a fixed order. */
    private static float sumPairwise(float[] a, int o, int lanes) {
        for (int step = lanes / 2; step >= 1; step /= 2) {
            for (int i = 0; i < step; i++) {
                a[o + i] += a[o + i + step];
            }
        }
        return a[o];
    }

    // small6: the forward with the response channels in the lanes

    /** Fewest response channels whose forward keeps them in the lanes: more than one channel block. */
    static final int LANE_CHANNELS = CHANNEL_BLOCK + 1;
    /**
     * Fewest taps (Cin × kernel volume) whose forward keeps the channels in the lanes when output rows are at
     * least {@link #ROW_OUTPUTS} wide: below, the transposes cost more than {@link #rowsCorrelate}'s lost lanes
     * (thread-CPU A/B at 1 thread: 2 × 5×5 into 16 on 20×20 0.085 against 0.117 ms; 4 × 3×3 on 24×24 0.124
     * against 0.108; 3 × 3×3 on 57×57 0.33 against 0.25).
     */
    static final int LANE_TAPS_WIDE = 48;
    /**
     * The same for narrower output rows, where the dense tap layout's copies are the alternative (3 × 3×3 on
     * 12×12 padded: 0.048 against 0.066 ms; 1 × 3×3 on 12×12: 0.021 against 0.016).
     */
    static final int LANE_TAPS_NARROW = 18;

    /**
     * Whether the forward runs {@link #laneCorrelate}: a 2-d convolution into more than
     * {@link #CHANNEL_BLOCK} response channels with output rows of at least one segment and a reduction
     * long enough to pay for the transposes.
     */
    static boolean channelLanes(ConvGeometry g) {
        if (!planar(g) || g.responseChannels() < LANE_CHANNELS || g.response()[2] < ChannelLaneConv.SEGMENT) {
            return false;
        }
        int taps = g.imageChannels() * g.kernelVolume();
        return taps >= (g.response()[2] >= ROW_OUTPUTS ? LANE_TAPS_WIDE : LANE_TAPS_NARROW);
    }

    /**
     * Columns per segment for output rows {@code width} wide: 4 or 5, whichever computes fewer columns per row
     * (a row's last segment overlaps the one before it), 4 on a tie (fewer registers): 10 → 5, 11 → 4, 33 → 5.
     */
    static int segmentWidth(int width) {
        int four = DepthwiseConv.ceilDiv(width, 4) * 4;
        int five = DepthwiseConv.ceilDiv(width, 5) * 5;
        return width >= 5 && five < four ? 5 : 4;
    }

    private final ThreadScratch laneWeights = new ThreadScratch();
    private final ThreadScratch laneTaps = new ThreadScratch();
    private final ThreadScratch segmentInputs = new ThreadScratch();
    private final ThreadScratch segmentOutputs = new ThreadScratch();

    /**
     * The forward of a 2-d first layer with the response channels in the vector lanes
     * ({@link VectorOps#convChannelLanes}): each output row is cut into segments of
     * {@link ChannelLaneConv#SEGMENT} columns (the last one overlapping its neighbour when the width is not a
     * multiple), so no lanes go to padding columns or to a narrow row's remainder, and the image is read in
     * place (padded once per image only when the convolution pads). One task per image; each output is one
     * fixed-order sum over the taps, so the bits do not depend on the thread count. Any 2-d geometry with
     * output rows at least {@link ChannelLaneConv#SEGMENT} wide (tests run it beyond {@link #channelLanes}).
     */
    float[] laneCorrelate(ConvGeometry g, float[] image, float[] weight) {
        ImageLayout l = new ImageLayout(g, true, false);
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        int kv = g.kernelVolume();
        int taps = cin * kv;
        int lanes = ops.channelLanes();
        int wStride = DepthwiseConv.ceilDiv(cout, lanes) * lanes;
        float[] wT = laneWeights.floats(taps * wStride);
        for (int k = 0; k < taps; k++) {
            for (int co = 0; co < wStride; co++) {
                wT[k * wStride + co] = co < cout ? weight[co * taps + k] : 0f;
            }
        }
        int[] tapStarts = laneTaps.ints(taps);
        for (int ci = 0; ci < cin; ci++) {
            for (int t = 0; t < kv; t++) {
                tapStarts[ci * kv + t] = ci * l.plane + l.tapOffset[t];
            }
        }
        int outRows = g.response()[1];
        int outWidth = g.response()[2];
        int segment = segmentWidth(outWidth);
        int perRow = DepthwiseConv.ceilDiv(outWidth, segment);
        int segments = outRows * perRow;
        int[] inStarts = segmentInputs.ints(segments);
        int[] outStarts = segmentOutputs.ints(segments);
        for (int oy = 0; oy < outRows; oy++) {
            for (int j = 0; j < perRow; j++) {
                int ox = Math.min(j * segment, outWidth - segment);
                inStarts[oy * perRow + j] = oy * l.padded[2] + ox;
                outStarts[oy * perRow + j] = oy * outWidth + ox;
            }
        }
        int runs = g.dilation()[2] == 1 ? g.kernel()[2] : 1; // adjacent taps along a kernel row
        int plane = g.responsePlane();
        float[] out = Storage.floats(g.responseSize()); // every output is written
        Parallel.forEach(g.batch(), n -> {
            float[] x = image;
            int xo = n * cin * g.imagePlane();
            if (l.needsCopy) {
                x = workspace.floats(cin * l.plane);
                l.padInto(image, n, 0, cin, x);
                xo = 0;
            }
            ops.convChannelLanes(x, xo, inStarts, outStarts, segments, segment, outWidth, tapStarts, taps, runs, wT, 0,
                    wStride, cout, out, n * cout * plane, plane);
        });
        return out;
    }
}
