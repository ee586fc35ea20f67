package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * dws25's narrow stride-2 depthwise forward read in place ({@link VectorOps#depthwiseRows2InPlace}, no phase-plane
 * copy), on the scalar and the Vector API provider: the kernel alone against the reference loops and, on the Vector
 * API, with the bits of the fused sum in its documented order (kh then t, from zero, the padding's zeros included:
 * the phase planes' bits); and the depthwise passes through the dispatch at 3×3 and 5×5, strides 1 and 2, padding
 * 0-2, sizes 7-60 odd and even, 1-160 channels, batches 1, 3 and 8 (a few tens of thousands of floats each),
 * against {@link ReferenceConv} with the same bits at 1, 2 and 3 threads (dws25's in-place weight gradient among
 * them).
 */
class DepthwiseStride2InPlaceTest {
    /** {N, C, H (= W), K, stride, padding}. */
    private static final int[][] SHAPES = {
            {8, 16, 19, 3, 2, 1}, {3, 12, 21, 3, 2, 1}, {8, 6, 21, 5, 2, 2}, {3, 160, 7, 3, 2, 0},
            {1, 1, 60, 5, 2, 2}, {1, 3, 29, 5, 2, 0}, {3, 5, 30, 3, 2, 2}, {8, 7, 8, 5, 2, 1}, {1, 2, 31, 3, 2, 1},
            {3, 5, 32, 5, 2, 1}, {1, 1, 13, 5, 2, 0}, {8, 24, 9, 3, 2, 0}, {3, 4, 33, 3, 2, 1}, {1, 4, 7, 5, 2, 2},
            {8, 8, 16, 3, 1, 1}, {3, 8, 27, 5, 1, 2}, {1, 160, 10, 3, 1, 0}, {1, 3, 60, 3, 1, 2},
    };

    private static ConvGeometry geometry(int[] s) {
        ConvOptions o = ConvOptions.conv2d().stride(s[4]).padding(s[5]).groups(s[1]);
        return ConvPlan.resolve(o, new int[] {s[0], s[1], s[2], s[2]}, new int[] {s[1], 1, s[3], s[3]}, null)
                .geometry();
    }

    @TestFactory
    List<DynamicTest> depthwisePassesMatchTheReferenceAtAnyThreadCount() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            for (int[] s : SHAPES) {
                ConvGeometry g = geometry(s);
                tests.add(DynamicTest.dynamicTest(provider.name() + ": " + Arrays.toString(s), () -> {
                    if (s[1] > 1) { // one channel: a plain convolution, whichever path the dispatch picks
                        assertThat(dispatch.path(g, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.DEPTHWISE);
                    }
                    Random data = new Random(Arrays.hashCode(s));
                    float[] image = GradientChecker.random(data, g.imageSize()).data();
                    float[] weight = GradientChecker.random(data, g.weightSize()).data();
                    float[] response = GradientChecker.random(data, g.responseSize()).data();
                    DepthwiseStride2GradientTest.sameBitsAtAnyThreadCount(ReferenceConv.correlate(g, image, weight),
                            () -> dispatch.correlate(g, image, weight));
                    DepthwiseStride2GradientTest.sameBitsAtAnyThreadCount(ReferenceConv.scatter(g, response, weight),
                            () -> dispatch.scatter(g, response, weight));
                    DepthwiseStride2GradientTest.sameBitsAtAnyThreadCount(
                            ReferenceConv.weightGradient(g, image, response),
                            () -> dispatch.weightGradient(g, image, response));
                }));
            }
        }
        return tests;
    }

    /**
     * The kernel alone on one plane, at every width 1-40 under each provider's limit, heights 1-9, padding 0-2 of rows
     * and columns apart, 3×3 and 5×5, bands of rows; the plane first and last in its array (the masked loads at the
     * array's ends).
     */
    @TestFactory
    List<DynamicTest> kernelMatchesTheReferenceAndTheFusedOrder() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            VectorOps ops = provider.vectorOps();
            boolean fused = !provider.name().equals("scalar"); // the Vector API provider
            tests.add(DynamicTest.dynamicTest(provider.name(), () -> {
                // the Vector API provider leaves the in-place kernels off where masked loads and stores box (JDK 17)
                assumeTrue(ops.depthwiseStride2InPlace(3, 1, 8), provider.name() + " takes no plane in place here");
                Random data = new Random(25);
                int cases = 0;
                for (int k = 3; k <= 5; k += 2) {
                    for (int width = 1; width <= 40; width++) {
                        for (int padTop = 0; padTop <= 2; padTop++) {
                            for (int padLeft = 0; padLeft <= 2; padLeft++) {
                                int height = 1 + (width + padTop) % 9;
                                int outRows = (height + 2 * padTop - k) / 2 + 1;
                                int outWidth = (width + 2 * padLeft - k) / 2 + 1;
                                if (outRows < 1 || outWidth < 1 || !ops.depthwiseStride2InPlace(k, padLeft, outWidth)) {
                                    continue;
                                }
                                cases++;
                                onePlane(ops, fused, data, k, height, width, padTop, padLeft, outRows, outWidth);
                            }
                        }
                    }
                }
                assertThat(cases).as("planes the kernel takes").isGreaterThan(200);
            }));
        }
        return tests;
    }

    private static void onePlane(VectorOps ops, boolean fused, Random data, int k, int height, int width, int padTop,
                                 int padLeft, int outRows, int outWidth) {
        float[] w = GradientChecker.random(data, 1 + k * k).data(); // one float before the plane's weights
        for (boolean planeFirst : new boolean[] {true, false}) {
            int x0 = planeFirst ? 0 : 5;
            float[] x = new float[x0 + height * width];
            float[] plane = GradientChecker.random(data, height * width).data();
            System.arraycopy(plane, 0, x, x0, plane.length);
            float[] expected = new float[outRows * outWidth];
            float[] exact = new float[outRows * outWidth];
            for (int r = 0; r < outRows; r++) {
                for (int j = 0; j < outWidth; j++) {
                    double sum = 0;
                    float chain = 0;
                    for (int kh = 0; kh < k; kh++) {
                        for (int t = 0; t < k; t++) {
                            int iy = 2 * r + kh - padTop;
                            int ix = 2 * j + t - padLeft;
                            float v = iy >= 0 && iy < height && ix >= 0 && ix < width ? plane[iy * width + ix] : 0f;
                            sum += (double) w[1 + kh * k + t] * v;
                            chain = Math.fma(v, w[1 + kh * k + t], chain);
                        }
                    }
                    expected[r * outWidth + j] = (float) sum;
                    exact[r * outWidth + j] = chain;
                }
            }
            String what = String.format("k %d, %dx%d, pad %d/%d, plane %s", k, height, width, padTop, padLeft,
                    planeFirst ? "first" : "last");
            for (int band = 1; band <= outRows; band++) {
                // bands of `band` rows, the last first: a store past a band's rows would show on the next band's
                float[] out = new float[outRows * outWidth];
                for (int from = (outRows - 1) / band * band; from >= 0; from -= band) {
                    ops.depthwiseRows2InPlace(x, x0, height, width, padTop, padLeft, k, w, 1, out, 0, outWidth, from,
                            Math.min(outRows, from + band));
                }
                FastConvTest.assertClose(what + ", bands of " + band, out, expected);
                if (fused) {
                    assertThat(out).as("%s, bands of %d: the fused order's bits", what, band).containsExactly(exact);
                }
            }
        }
    }
}
