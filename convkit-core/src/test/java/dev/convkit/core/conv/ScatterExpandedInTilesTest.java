package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.Storage;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * x1b61: the input gradient of a strided 1×1 convolution written from its tiles ({@link FastConv#expandsInTiles}) has
 * the bits of the transposed correlation on the subsampled twin spread over the strided positions (the path it
 * replaces), zero elsewhere, with every image element written (the storage lends NaN-filled arrays), and stays close
 * to the reference, at one to three threads.
 */
class ScatterExpandedInTilesTest {

    private static ConvGeometry geometry(int batch, int cin, int cout, int h, int w, int stride) {
        int oh = (h - 1) / stride + 1;
        int ow = (w - 1) / stride + 1;
        return new ConvGeometry(batch, 1, cin, cout, new int[] {1, h, w}, new int[] {1, oh, ow}, new int[] {1, 1, 1},
                new int[] {1, stride, stride}, new int[] {1, 1, 1}, new int[] {0, 0, 0});
    }

    /** Strided 1×1s whose dense twin runs across the images with more than one KC block of response channels. */
    static List<ConvGeometry> geometries() {
        return List.of(
                geometry(4, 64, 520, 14, 14, 2),   // ResNet's shortcut, narrow: 7 × 7 planes, 196 columns, KC 256 + 256 + 8
                geometry(3, 40, 300, 15, 15, 2),   // odd image side: each row's last block one column wide
                geometry(8, 24, 264, 27, 27, 2),   // 14 × 14 planes, 49 strips: column tiles that cut response rows
                geometry(2, 20, 280, 13, 14, 3),   // stride 3, blocks clipped at the image's edges; 20 rows, not MR's multiple
                geometry(4, 136, 272, 14, 12, 2),  // non-square; row blocks at two threads
                geometry(5, 48, 300, 9, 9, 2));    // 5 × 5 planes, several images a strip
    }

    /** Every array the storage lends comes NaN-filled: an element no task writes stays NaN. */
    private static final Storage.Source NAN_FILLED = new Storage.Source() {
        @Override
        public float[] floats(int n) {
            float[] a = new float[n];
            Arrays.fill(a, Float.NaN);
            return a;
        }

        @Override
        public int[] ints(int n) {
            return new int[n];
        }
    };

    @TestFactory
    List<DynamicTest> theTwinsBitsAtTheStridedPositionsZeroElsewhere() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            for (ConvGeometry g : geometries()) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    ConvGeometry dense = ConvDispatch.flipped(FastConv.subsampledGeometry(g));
                    assertThat(FastConv.subsampledPointwise(g)).as("strided 1×1").isTrue();
                    assertThat(FastConv.expandsInTiles(g, dense)).as("taken").isTrue();
                    FastConv fast = new FastConv(provider.microKernel(), provider.vectorOps());
                    Random r = new Random(g.imageChannels() * 31L + g.responseChannels());
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    float[] twin = Providers.atThreads(1, () -> fast.correlateTransposed(dense, response, weight));
                    float[] expected = new float[g.imageSize()];
                    int[] in = g.image();
                    int[] o = g.response();
                    int[] s = g.stride();
                    for (int p = 0, i = 0; p < g.batch() * g.imageChannels(); p++) {
                        for (int h = 0; h < o[1]; h++) {
                            for (int w = 0; w < o[2]; w++, i++) {
                                expected[p * g.imagePlane() + h * s[1] * in[2] + w * s[2]] = twin[i] + 0f;
                            }
                        }
                    }
                    float[] reference = ReferenceConv.scatter(g, response, weight);
                    try (Storage.Scope scope = Storage.use(NAN_FILLED)) {
                        for (int threads = 1; threads <= 3; threads++) {
                            float[] dx = Providers.atThreads(threads, () -> fast.scatter(g, response, weight));
                            assertThat(dx).as("%d threads: the twin's bits, zero elsewhere", threads).isEqualTo(expected);
                            FastConvTest.assertClose(threads + " threads: the reference", dx, reference);
                        }
                    }
                }));
            }
        }
        return tests;
    }

    @Test
    void notTakenOnThreeDimensionsOrOneBlock() {
        ConvGeometry threeD = new ConvGeometry(2, 1, 24, 300, new int[] {5, 6, 9}, new int[] {3, 3, 5},
                new int[] {1, 1, 1}, new int[] {2, 2, 2}, new int[] {1, 1, 1}, new int[3]);
        assertThat(FastConv.expandsInTiles(threeD, ConvDispatch.flipped(FastConv.subsampledGeometry(threeD)))).isFalse();
        ConvGeometry oneBlock = geometry(4, 64, 256, 14, 14, 2); // 256 response channels: one KC block, in place
        assertThat(FastConv.expandsInTiles(oneBlock, ConvDispatch.flipped(FastConv.subsampledGeometry(oneBlock))))
                .isFalse();
    }
}
