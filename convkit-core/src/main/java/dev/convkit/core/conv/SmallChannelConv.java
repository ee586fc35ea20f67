package dev.convkit.core.conv;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.tensor.Storage;

/**
 * Direct kernels for convolutions with a short reduction (a first layer: one or a few input channels
 * and a small kernel, unit stride, no groups), where a GEMM would spend its time packing and storing
 * tiles. Each image is padded once. The forward holds a block of response channels × columns in
 * registers across every (input channel, tap) pair ({@link VectorOps#convColumns}); the weight gradient
 * is one dot product per (response channel, input channel, tap) over the image's virtual columns.
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

    float[] correlate(ConvGeometry g, float[] image, float[] weight) {
        ImageLayout l = new ImageLayout(g, true);
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        int kv = g.kernelVolume();
        int taps = cin * kv;
        int[] tapStarts = new int[taps];
        for (int ci = 0; ci < cin; ci++) {
            for (int t = 0; t < kv; t++) {
                tapStarts[ci * kv + t] = ci * l.plane + l.tapOffset[t];
            }
        }
        int blocks = DepthwiseConv.ceilDiv(cout, CHANNEL_BLOCK);
        float[] out = Storage.zeros(g.responseSize());
        Parallel.forEach(g.batch() * blocks, task -> {
            int n = task / blocks;
            int co0 = task % blocks * CHANNEL_BLOCK;
            int channels = Math.min(CHANNEL_BLOCK, cout - co0);
            // the padded image and the accumulator rows in this thread's workspace, not per-task arrays
            float[] work = workspace.atLeast(cin * l.plane + CHANNEL_BLOCK * l.columns);
            l.padInto(image, n, 0, cin, work);
            int accOff = cin * l.plane;
            ops.convColumns(work, tapStarts, taps, weight, co0 * taps, taps, channels, work, accOff, l.columns, l.columns);
            for (int c = 0; c < channels; c++) {
                l.columnsToResponse(work, accOff + c * l.columns, out, (n * cout + co0 + c) * g.responsePlane());
            }
        });
        return out;
    }

    float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
        ImageLayout l = new ImageLayout(g, true);
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        int kv = g.kernelVolume();
        float[][] padded = new float[g.batch()][];
        Parallel.forEach(g.batch(), n -> padded[n] = l.pad(image, n, 0, cin));
        float[] dw = Storage.zeros(g.weightSize());
        Parallel.forEach(cout, co -> {
            double[] sums = new double[cin * kv];
            float[] dy = new float[l.columns];
            for (int n = 0; n < g.batch(); n++) {
                l.responseToColumns(response, (n * cout + co) * g.responsePlane(), dy, 0);
                for (int ci = 0; ci < cin; ci++) {
                    for (int t = 0; t < kv; t++) {
                        sums[ci * kv + t] += ops.dot(dy, 0, padded[n], ci * l.plane + l.tapOffset[t], l.columns);
                    }
                }
            }
            for (int k = 0; k < sums.length; k++) {
                dw[co * cin * kv + k] = (float) sums[k];
            }
        });
        return dw;
    }
}
