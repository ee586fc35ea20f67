package dev.convkit.core.conv;

import dev.convkit.core.window.Windows;

/**
 * The reference convolution: one plain loop nest over (image, kernel, response) triples, accumulated
 * in double. It is slow and obviously right, and it is the oracle the fast kernels are tested against.
 *
 * <p>The three products of a convolution all come from the same triples:
 * <ul>
 *   <li>{@link #correlate}: {@code response[o] += image[i] * w[j]} (conv forward, transposed backward-data);</li>
 *   <li>{@link #scatter}: {@code image[i] += response[o] * w[j]} (conv backward-data, transposed forward);</li>
 *   <li>{@link #weightGradient}: {@code w[j] += image[i] * response[o]} (both weight gradients).</li>
 * </ul>
 *
 * <pre>{@code
 * ConvGeometry g = ConvPlan.resolve(ConvOptions.conv2d(), new int[] {1, 1, 5, 5}, new int[] {1, 1, 3, 3}, null).geometry();
 * float[] a = {4, 5, 2, 2, 1, 3, 3, 2, 2, 4, 4, 3, 4, 1, 1, 5, 1, 4, 1, 2, 5, 1, 3, 1, 4};
 * float[] k = {4, 3, 3, 5, 5, 5, 2, 4, 3};
 * float[] c = ReferenceConv.correlate(g, a, k);
 * assert c[0] == 109 && c[4] == 85 && c[8] == 79;              // C = [[109,92,72],[108,85,74],[110,74,79]]
 * float[] da = ReferenceConv.scatter(g, new float[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, k);
 * assert da[12] == 34;                                         // dE/dA at (2,2) for an all-ones dE/dC
 * }</pre>
 */
public final class ReferenceConv {
    private enum Product { CORRELATE, SCATTER, WEIGHT_GRADIENT }

    /** The reference loops as a {@link ConvEngine}. */
    public static final ConvEngine ENGINE = new ConvEngine() {
        @Override
        public float[] correlate(ConvGeometry g, float[] image, float[] weight) {
            return ReferenceConv.correlate(g, image, weight);
        }

        @Override
        public float[] scatter(ConvGeometry g, float[] response, float[] weight) {
            return ReferenceConv.scatter(g, response, weight);
        }

        @Override
        public float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
            return ReferenceConv.weightGradient(g, image, response);
        }
    };

    private ReferenceConv() {
    }

    /** The response: the cross-correlation of {@code image} with {@code weight} (no bias). */
    public static float[] correlate(ConvGeometry g, float[] image, float[] weight) {
        double[] out = new double[g.responseSize()];
        visit(g, Product.CORRELATE, image, weight, null, out);
        return toFloat(out);
    }

    /** The image: every response element scattered back through the kernel. */
    public static float[] scatter(ConvGeometry g, float[] response, float[] weight) {
        double[] out = new double[g.imageSize()];
        visit(g, Product.SCATTER, null, weight, response, out);
        return toFloat(out);
    }

    /** The weight gradient: the sum of image × response over every triple. */
    public static float[] weightGradient(ConvGeometry g, float[] image, float[] response) {
        double[] out = new double[g.weightSize()];
        visit(g, Product.WEIGHT_GRADIENT, image, null, response, out);
        return toFloat(out);
    }

    private static void visit(ConvGeometry g, Product product, float[] image, float[] weight, float[] response,
                              double[] out) {
        int[] img = g.image();
        int[] res = g.response();
        int[] ker = g.kernel();
        int[] str = g.stride();
        int[] dil = g.dilation();
        int[] pad = g.padLeft();
        int imageGroup = g.imageChannels() / g.groups();
        int responseGroup = g.responseChannels() / g.groups();
        int imagePlane = g.imagePlane();
        int responsePlane = g.responsePlane();
        int kernelVolume = g.kernelVolume();
        for (int n = 0; n < g.batch(); n++) {
            for (int rc = 0; rc < g.responseChannels(); rc++) {
                int group = rc / responseGroup;
                int responseBase = (n * g.responseChannels() + rc) * responsePlane;
                for (int icInGroup = 0; icInGroup < imageGroup; icInGroup++) {
                    int ic = group * imageGroup + icInGroup;
                    int imageBase = (n * g.imageChannels() + ic) * imagePlane;
                    int weightBase = (rc * imageGroup + icInGroup) * kernelVolume;
                    for (int o0 = 0; o0 < res[0]; o0++) {
                        for (int o1 = 0; o1 < res[1]; o1++) {
                            for (int o2 = 0; o2 < res[2]; o2++) {
                                int ro = responseBase + (o0 * res[1] + o1) * res[2] + o2;
                                for (int j0 = 0; j0 < ker[0]; j0++) {
                                    int i0 = Windows.tapPosition(o0, j0, str[0], pad[0], dil[0]);
                                    if (i0 < 0 || i0 >= img[0]) {
                                        continue;
                                    }
                                    for (int j1 = 0; j1 < ker[1]; j1++) {
                                        int i1 = Windows.tapPosition(o1, j1, str[1], pad[1], dil[1]);
                                        if (i1 < 0 || i1 >= img[1]) {
                                            continue;
                                        }
                                        for (int j2 = 0; j2 < ker[2]; j2++) {
                                            int i2 = Windows.tapPosition(o2, j2, str[2], pad[2], dil[2]);
                                            if (i2 < 0 || i2 >= img[2]) {
                                                continue;
                                            }
                                            int io = imageBase + (i0 * img[1] + i1) * img[2] + i2;
                                            int wo = weightBase + (j0 * ker[1] + j1) * ker[2] + j2;
                                            switch (product) {
                                                case CORRELATE:
                                                    out[ro] += (double) image[io] * weight[wo];
                                                    break;
                                                case SCATTER:
                                                    out[io] += (double) response[ro] * weight[wo];
                                                    break;
                                                default:
                                                    out[wo] += (double) image[io] * response[ro];
                                                    break;
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /** Adds {@code bias[c]} to every element of channel c. */
    public static void addBias(float[] data, float[] bias, int batch, int channels, int plane) {
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                int base = (n * channels + c) * plane;
                for (int i = 0; i < plane; i++) {
                    data[base + i] += bias[c];
                }
            }
        }
    }

    /** The bias gradient: the sum of each channel over the batch and every position. */
    public static float[] sumPerChannel(float[] data, int batch, int channels, int plane) {
        double[] sums = new double[channels];
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                int base = (n * channels + c) * plane;
                for (int i = 0; i < plane; i++) {
                    sums[c] += data[base + i];
                }
            }
        }
        return toFloat(sums);
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
