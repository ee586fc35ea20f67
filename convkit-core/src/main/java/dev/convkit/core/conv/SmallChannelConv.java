package dev.convkit.core.conv;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.VectorOps;


/**
 * Direct kernels for convolutions with a short reduction (a first layer: one or a few input channels
 * and a small kernel, unit stride, no groups), where a GEMM would spend its time packing and storing
 * tiles. Each image is padded once; every (input channel, tap) pair is one vector multiply-add over
 * the image's virtual columns (forward) or one dot product (weight gradient).
 */
final class SmallChannelConv {
    /** Largest Cin × kernel volume handled here. */
    static final int MAX_REDUCTION = 32;

    private final VectorOps ops;

    SmallChannelConv(VectorOps ops) {
        this.ops = ops;
    }

    static boolean applies(ConvGeometry g) {
        int[] s = g.stride();
        return g.groups() == 1 && s[0] == 1 && s[1] == 1 && s[2] == 1
                && g.imageChannels() * g.kernelVolume() <= MAX_REDUCTION;
    }

    /** Response channels one task computes, so that a task's outputs stay in registers across the taps. */
    static final int CHANNEL_BLOCK = 8;

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
        float[] out = new float[g.responseSize()];
        Parallel.forEach(g.batch() * blocks, task -> {
            int n = task / blocks;
            int co0 = task % blocks * CHANNEL_BLOCK;
            int channels = Math.min(CHANNEL_BLOCK, cout - co0);
            float[] x = l.pad(image, n, 0, cin);
            float[] acc = new float[channels * l.columns];
            ops.convColumns(x, tapStarts, taps, weight, co0 * taps, taps, channels, acc, 0, l.columns, l.columns);
            for (int c = 0; c < channels; c++) {
                l.columnsToResponse(acc, c * l.columns, out, (n * cout + co0 + c) * g.responsePlane());
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
        float[] dw = new float[g.weightSize()];
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
