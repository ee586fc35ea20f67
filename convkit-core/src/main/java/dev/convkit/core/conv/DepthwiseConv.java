package dev.convkit.core.conv;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.VectorOps;

import java.util.Arrays;

/**
 * Direct kernels for depthwise convolution (one input and one output channel per group), where a
 * GEMM would have a single row. Each plane is padded once and every kernel tap is a contiguous
 * multiply-add over the plane's (virtual) columns, which the JIT vectorizes. Planes run in parallel;
 * each output element is summed in one fixed order.
 */
final class DepthwiseConv {
    private final VectorOps ops;

    DepthwiseConv(VectorOps ops) {
        this.ops = ops;
    }

    static boolean applies(ConvGeometry g) {
        return g.imageChannels() == g.groups() && g.responseChannels() == g.groups();
    }

    /** Per-thread planes: a padded input and one row of columns, reused across calls. */
    private final ThreadLocal<float[][]> buffers = ThreadLocal.withInitial(() -> new float[][] {new float[0], new float[0]});

    private float[] buffer(int which, int size) {
        float[][] b = buffers.get();
        if (b[which].length < size) {
            b[which] = new float[size];
        }
        return b[which];
    }

    float[] correlate(ConvGeometry g, float[] image, float[] weight) {
        ImageLayout l = new ImageLayout(g, true);
        int channels = g.groups();
        int kv = g.kernelVolume();
        float[] out = new float[g.responseSize()];
        Parallel.forEach(g.batch() * channels, p -> {
            int n = p / channels;
            int c = p % channels;
            float[] x = buffer(0, l.plane);
            l.padInto(image, n, c, 1, x);
            float[] acc = buffer(1, l.columns);
            Arrays.fill(acc, 0, l.columns, 0f);
            for (int t = 0; t < kv; t++) {
                float w = weight[c * kv + t];
                int off = l.tapOffset[t];
                if (l.virtual) {
                    ops.axpy(w, x, off, acc, 0, l.columns);
                } else {
                    for (int v = 0; v < l.columns; v++) {
                        acc[v] += w * x[off + l.colBase[v]];
                    }
                }
            }
            l.columnsToResponse(acc, 0, out, p * g.responsePlane());
        });
        return out;
    }

    /** The strided scatter (unit strides run as the flipped correlation, {@link ConvDispatch}'s choice). */
    float[] scatter(ConvGeometry g, float[] response, float[] weight) {
        ImageLayout l = new ImageLayout(g, false);
        int channels = g.groups();
        int kv = g.kernelVolume();
        float[] image = new float[g.imageSize()];
        Parallel.forEach(g.batch() * channels, p -> {
            int n = p / channels;
            int c = p % channels;
            float[] grad = new float[l.plane];
            int base = p * g.responsePlane();
            for (int t = 0; t < kv; t++) {
                float w = weight[c * kv + t];
                int off = l.tapOffset[t];
                for (int v = 0; v < l.columns; v++) {
                    grad[off + l.colBase[v]] += w * response[base + v];
                }
            }
            if (l.needsCopy) {
                l.cropAdd(grad, image, n, c, 1);
            } else {
                System.arraycopy(grad, 0, image, p * g.imagePlane(), l.plane);
            }
        });
        return image;
    }

    float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
        ImageLayout l = new ImageLayout(g, true);
        int channels = g.groups();
        int kv = g.kernelVolume();
        float[] dw = new float[g.weightSize()];
        Parallel.forEach(channels, c -> {
            double[] sums = new double[kv];
            float[] dy = buffer(1, l.columns);
            float[] x = buffer(0, l.plane);
            for (int n = 0; n < g.batch(); n++) {
                l.padInto(image, n, c, 1, x);
                l.responseToColumns(response, (n * channels + c) * g.responsePlane(), dy, 0);
                for (int t = 0; t < kv; t++) {
                    sums[t] += l.virtual ? ops.dot(dy, 0, x, l.tapOffset[t], l.columns) : gatherDot(dy, x, l, t);
                }
            }
            for (int t = 0; t < kv; t++) {
                dw[c * kv + t] = (float) sums[t];
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
