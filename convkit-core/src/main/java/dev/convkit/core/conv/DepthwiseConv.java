package dev.convkit.core.conv;

import dev.convkit.core.kernels.Parallel;

/**
 * Direct kernels for depthwise convolution (one input and one output channel per group), where a
 * GEMM would have a single row. Each plane is padded once and every kernel tap is a contiguous
 * multiply-add over the plane's (virtual) columns, which the JIT vectorizes. Planes run in parallel;
 * each output element is summed in one fixed order.
 */
final class DepthwiseConv {
    private DepthwiseConv() {
    }

    static boolean applies(ConvGeometry g) {
        return g.imageChannels() == g.groups() && g.responseChannels() == g.groups();
    }

    private static float[] plane(ImageLayout l, float[] image, int n, int c) {
        if (l.needsCopy) {
            return l.pad(image, n, c, 1);
        }
        float[] p = new float[l.plane];
        System.arraycopy(image, (n * l.g.imageChannels() + c) * l.plane, p, 0, l.plane);
        return p;
    }

    static float[] correlate(ConvGeometry g, float[] image, float[] weight) {
        ImageLayout l = new ImageLayout(g, true);
        int channels = g.groups();
        int kv = g.kernelVolume();
        float[] out = new float[g.responseSize()];
        Parallel.forEach(g.batch() * channels, p -> {
            int n = p / channels;
            int c = p % channels;
            float[] x = plane(l, image, n, c);
            float[] acc = new float[l.columns];
            for (int t = 0; t < kv; t++) {
                float w = weight[c * kv + t];
                int off = l.tapOffset[t];
                if (l.virtual) {
                    for (int v = 0; v < acc.length; v++) {
                        acc[v] += w * x[off + v];
                    }
                } else {
                    for (int v = 0; v < acc.length; v++) {
                        acc[v] += w * x[off + l.colBase[v]];
                    }
                }
            }
            int base = p * g.responsePlane();
            for (int v = 0; v < acc.length; v++) {
                int r = l.responseIndex(v);
                if (r >= 0) {
                    out[base + r] = acc[v];
                }
            }
        });
        return out;
    }

    static float[] scatter(ConvGeometry g, float[] response, float[] weight) {
        ConvGeometry flipped = FastConv.flippedGeometry(g);
        if (flipped != null) {
            return correlate(flipped, response, FastConv.flipTransposed(g, weight));
        }
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

    static float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
        ImageLayout l = new ImageLayout(g, true);
        int channels = g.groups();
        int kv = g.kernelVolume();
        float[] dw = new float[g.weightSize()];
        Parallel.forEach(channels, c -> {
            double[] sums = new double[kv];
            float[] dy = new float[l.columns];
            for (int n = 0; n < g.batch(); n++) {
                float[] x = plane(l, image, n, c);
                int base = (n * channels + c) * g.responsePlane();
                for (int v = 0; v < l.columns; v++) {
                    int r = l.responseIndex(v);
                    dy[v] = r < 0 ? 0f : response[base + r];
                }
                for (int t = 0; t < kv; t++) {
                    sums[t] += l.virtual ? dot(dy, x, l.tapOffset[t], l.columns) : gatherDot(dy, x, l, t);
                }
            }
            for (int t = 0; t < kv; t++) {
                dw[c * kv + t] = (float) sums[t];
            }
        });
        return dw;
    }

    /** Σ a[v]·b[off+v] with eight independent partial sums (a fixed order, so results are reproducible). */
    private static float dot(float[] a, float[] b, int off, int n) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int v = 0;
        for (; v + 8 <= n; v += 8) {
            s0 += a[v] * b[off + v];
            s1 += a[v + 1] * b[off + v + 1];
            s2 += a[v + 2] * b[off + v + 2];
            s3 += a[v + 3] * b[off + v + 3];
            s4 += a[v + 4] * b[off + v + 4];
            s5 += a[v + 5] * b[off + v + 5];
            s6 += a[v + 6] * b[off + v + 6];
            s7 += a[v + 7] * b[off + v + 7];
        }
        for (; v < n; v++) {
            s0 += a[v] * b[off + v];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
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
