package dev.convkit.core.conv;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;

/**
 * Direct kernels for convolutions with a short reduction (a first layer: one or a few input channels
 * and a small kernel, unit stride, no groups), where a GEMM would spend its time packing and storing
 * tiles. Each image is padded once. The forward holds a block of response channels × columns in
 * registers across every (input channel, tap) pair ({@link VectorOps#convColumns}); the weight gradient
 * is one dot product per (response channel, input channel, tap) over the image's virtual columns. Padded
 * images live in per-thread workspaces, so a warm call allocates only its result.
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

    /** Output rows at least this wide run {@link #rowsCorrelate} (narrower ones waste a vector's lanes per row). */
    static final int ROW_OUTPUTS = 16;

    private final VectorOps ops;
    private final ThreadScratch workspace = new ThreadScratch();

    SmallChannelConv(VectorOps ops) {
        this.ops = ops;
    }

    /**
     * Whether {@code pass} runs here: no groups, unit stride, and a short reduction. The weight gradient's
     * dot products beat the GEMM only up to {@link #MAX_REDUCTION} (lenet-c2's, 150, is 3× faster there).
     */
    static boolean applies(ConvGeometry g, ConvDispatch.Pass pass) {
        int[] s = g.stride();
        if (g.groups() != 1 || s[0] != 1 || s[1] != 1 || s[2] != 1) {
            return false;
        }
        int reduction = g.imageChannels() * g.kernelVolume();
        if (pass == ConvDispatch.Pass.WEIGHT_GRADIENT || reduction <= MAX_REDUCTION) {
            return reduction <= MAX_REDUCTION;
        }
        return g.imageChannels() <= CHANNEL_BLOCK && reduction <= MAX_FIRST_LAYER_REDUCTION
                || g.responseChannels() <= CHANNEL_BLOCK && reduction <= MAX_FEW_OUTPUTS_REDUCTION;
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
        if (g.image()[0] == 1 && g.response()[2] >= ROW_OUTPUTS) {
            return rowsCorrelate(g, image, weight);
        }
        ImageLayout l = new ImageLayout(g, true);
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        int kv = g.kernelVolume();
        int taps = cin * kv;
        int[] tapStarts = tapStarts(l, cin, kv);
        int blocks = DepthwiseConv.ceilDiv(cout, CHANNEL_BLOCK);
        float[] out = Storage.zeros(g.responseSize());
        Parallel.forEach(g.batch() * blocks, task -> {
            int n = task / blocks;
            int co0 = task % blocks * CHANNEL_BLOCK;
            int channels = Math.min(CHANNEL_BLOCK, cout - co0);
            // the padded image and the accumulator rows in this thread's workspace, not per-task arrays
            float[] work = workspace.floats(cin * l.plane + CHANNEL_BLOCK * l.columns);
            l.padInto(image, n, 0, cin, work);
            int accOff = cin * l.plane;
            ops.convColumns(work, tapStarts, taps, weight, co0 * taps, taps, channels, work, accOff, l.columns, l.columns);
            for (int c = 0; c < channels; c++) {
                l.columnsToResponse(work, accOff + c * l.columns, out, (n * cout + co0 + c) * g.responsePlane());
            }
        });
        return out;
    }

    /**
     * The forward one output row at a time, written straight into the response (no column buffer and no
     * per-row copies out of it, which cost more than the arithmetic on conv1-sized layers): one task per
     * image pads it once ({@link VectorOps#padRows}) and runs each channel block over all output rows ({@link VectorOps#convColumnRows}).
     */
    private float[] rowsCorrelate(ConvGeometry g, float[] image, float[] weight) {
        ImageLayout l = new ImageLayout(g, true);
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
        ImageLayout l = new ImageLayout(g, true);
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        int kv = g.kernelVolume();
        int size = g.weightSize();
        int chunks = Math.min(g.batch(), DepthwiseConv.MIN_TASKS);
        int perChunk = DepthwiseConv.ceilDiv(g.batch(), chunks);
        double[] partials = partialSums(chunks * size);
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
    private final ThreadLocal<double[][]> partials = ThreadLocal.withInitial(() -> new double[][] {new double[0]});

    private double[] partialSums(int size) {
        double[][] holder = partials.get();
        if (holder[0].length < size) {
            holder[0] = new double[size];
        }
        return holder[0];
    }
}
