package dev.convkit.core.kernels;

import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * jit27: {@link VectorOps#tapProductLanes} (the small-channel weight gradient's tap products, an image a call
 * of the 4 × 4 block kernel) against lane-by-lane reference loops in the vector kernel's order (whole vectors,
 * then the last vector moved back with its summed lanes zeroed; one fused multiply-add a product; the block's
 * sums added to the slots' old lanes at the end), bit for bit; and every provider's lane sums against a
 * double-precision reference. Channels and taps off a multiple of 4, n off a multiple of the lanes.
 */
class TapProductLanesTest {
    @Test
    void lanesMatchTheKernelsOrderAndSumsMatchDoubles() {
        Random r = new Random(27);
        int[][] shapes = {{32, 9, 3, 784}, {5, 7, 2, 50}, {6, 9, 4, 33}, {3, 1, 1, 16}, {4, 4, 5, 200}};
        for (KernelProvider provider : Providers.all()) {
            VectorOps ops = provider.vectorOps();
            int lanes = ops.tapLanes();
            for (int[] s : shapes) {
                int channels = s[0];
                int taps = s[1];
                int images = s[2];
                int n = s[3];
                int yStride = n + 3;
                int[] yStarts = new int[images];
                int[] xStarts = new int[images];
                int[] tapStarts = new int[taps];
                for (int k = 0; k < taps; k++) {
                    tapStarts[k] = r.nextInt(12);
                }
                int xImage = n + 12;
                for (int i = 0; i < images; i++) {
                    yStarts[i] = 2 + i * channels * yStride;
                    xStarts[i] = 1 + i * xImage;
                }
                float[] y = random(r, 2 + images * channels * yStride);
                float[] x = random(r, 1 + images * xImage);
                int rowStride = (taps + 3) / 4 * 4;
                int slots = (channels + 3) / 4 * 4 * rowStride;
                int ao = 3;
                float[] acc = random(r, ao + slots * lanes);
                float[] before = acc.clone();
                ops.tapProductLanes(y, yStarts, yStride, channels, x, xStarts, images, tapStarts, taps, acc, ao, n);
                for (int c = 0; c < channels; c++) {
                    for (int k = 0; k < taps; k++) {
                        int slot = ao + (c * rowStride + k) * lanes;
                        double sum = 0;
                        double scale = 0;
                        for (int l = 0; l < lanes; l++) {
                            sum += acc[slot + l] - (double) before[slot + l];
                        }
                        for (int i = 0; i < images; i++) {
                            for (int j = 0; j < n; j++) {
                                double p = (double) y[yStarts[i] + c * yStride + j] * x[xStarts[i] + tapStarts[k] + j];
                                scale += Math.abs(p);
                            }
                        }
                        double exact = 0;
                        for (int i = 0; i < images; i++) {
                            for (int j = 0; j < n; j++) {
                                exact += (double) y[yStarts[i] + c * yStride + j] * x[xStarts[i] + tapStarts[k] + j];
                            }
                        }
                        assertThat(sum).as("%s %s c %d k %d", provider.name(), java.util.Arrays.toString(s), c, k)
                                .isCloseTo(exact, within(1e-5 * (scale + 1)));
                        if (lanes > 1 && n >= lanes) {
                            for (int l = 0; l < lanes; l++) {
                                assertThat(acc[slot + l]).as("%s %s c %d k %d lane %d", provider.name(),
                                        java.util.Arrays.toString(s), c, k, l).isEqualTo(
                                        laneInKernelOrder(y, yStarts[0] + c * yStride, yStride * channels, x,
                                                xStarts[0] + tapStarts[k], xImage, images, n, lanes, l, before[slot + l]));
                            }
                        }
                    }
                }
            }
        }
    }

    /** Lane l of one slot as the vector kernel sums it: images in order, whole vectors, then the moved-back tail. */
    private static float laneInKernelOrder(float[] y, int y0, int yImage, float[] x, int x0, int xImage, int images,
                                           int n, int lanes, int l, float old) {
        int whole = n - n % lanes;
        int at = n - lanes;
        int keepFrom = lanes - n % lanes; // the moved-back vector keeps its last n % lanes lanes
        float a = 0f;
        for (int i = 0; i < images; i++) {
            for (int j = l; j < whole; j += lanes) {
                a = Math.fma(y[y0 + i * yImage + j], x[x0 + i * xImage + j], a);
            }
            float keep = n % lanes != 0 && l >= keepFrom ? 1f : 0f;
            a = Math.fma(y[y0 + i * yImage + at + l] * keep, x[x0 + i * xImage + at + l], a);
        }
        return a + old;
    }

    private static float[] random(Random r, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }
}
