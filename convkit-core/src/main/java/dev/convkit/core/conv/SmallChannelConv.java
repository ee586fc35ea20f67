package dev.convkit.core.conv;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.VectorOps;

import java.util.Arrays;

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

    float[] correlate(ConvGeometry g, float[] image, float[] weight) {
        ImageLayout l = new ImageLayout(g, true);
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        int kv = g.kernelVolume();
        float[] out = new float[g.responseSize()];
        Parallel.forEach(g.batch(), n -> {
            float[] x = l.pad(image, n, 0, cin);
            float[] acc = new float[l.columns];
            for (int co = 0; co < cout; co++) {
                Arrays.fill(acc, 0f);
                for (int ci = 0; ci < cin; ci++) {
                    for (int t = 0; t < kv; t++) {
                        ops.axpy(weight[(co * cin + ci) * kv + t], x, ci * l.plane + l.tapOffset[t], acc, 0, l.columns);
                    }
                }
                l.columnsToResponse(acc, 0, out, (n * cout + co) * g.responsePlane());
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
