package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Winograd path against the double-precision reference loops: forced on for random 3×3 stride-1
 * geometries with odd sizes, ragged last tiles, padding up to beyond the kernel, tile strips that span
 * images, and channel counts that are not multiples of the micro-kernel's tile; the input gradient
 * through the flipped correlation; grouped geometries; bitwise equality across thread counts; and the switch
 * that turns it off.
 */
class WinogradConvTest {
    private static ConvGeometry geometry(Random r) {
        int pad0 = r.nextInt(4);
        int pad1 = r.nextInt(3);
        int h = Math.max(1, 3 - 2 * pad0) + r.nextInt(30);
        int w = Math.max(1, 3 - 2 * pad1) + r.nextInt(30);
        int[] response = {1, h + 2 * pad0 - 2, w + 2 * pad1 - 2};
        // one group in two geometries, else 2 or 3: each group has its own channels and weights
        int groups = r.nextInt(4) < 2 ? 1 : 2 + r.nextInt(2);
        int cin = groups * (WinogradConv.MIN_CHANNELS + r.nextInt(30));
        int cout = groups * (WinogradConv.MIN_CHANNELS + r.nextInt(30));
        return new ConvGeometry(1 + r.nextInt(3), groups, cin, cout, new int[] {1, h, w}, response, new int[] {1, 3, 3},
                new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, pad0, pad1});
    }

    @TestFactory
    List<DynamicTest> forwardAndInputGradientMatchTheReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            for (int seed = 0; seed < 40; seed++) {
                int s = seed;
                tests.add(DynamicTest.dynamicTest(provider.name() + " #" + seed, () -> {
                    Random r = new Random(500 + s);
                    ConvGeometry g = geometry(r);
                    assertThat(dispatch.path(g, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.WINOGRAD);
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    FastConvTest.assertClose("correlate " + g, dispatch.correlate(g, image, weight),
                            ReferenceConv.correlate(g, image, weight));
                    ConvGeometry flipped = ConvDispatch.flipped(g);
                    if (flipped != null) {
                        assertThat(dispatch.path(flipped, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.WINOGRAD);
                    }
                    FastConvTest.assertClose("scatter " + g, dispatch.scatter(g, response, weight),
                            ReferenceConv.scatter(g, response, weight));
                }));
            }
        }
        return tests;
    }

    @Test
    void resultsAreBitwiseIdenticalForOneAndTwoThreads() {
        int before = Parallel.threads();
        try {
            for (KernelProvider provider : Providers.all()) {
                ConvDispatch dispatch = new ConvDispatch(provider, 0);
                Random r = new Random(9);
                // strips share out differently over the tasks at one and two threads; 96 x 96 channels put
                // several strips in one task (the transformed weights are large)
                // last: four groups of 32 x 32 channels
                int[][] shapes = {{3, 17, 33, 21, 30, 1}, {1, 17, 33, 21, 30, 1}, {3, 96, 96, 30, 29, 1},
                    {2, 128, 128, 19, 23, 4}};
                for (int[] shape : shapes) {
                    ConvGeometry g = new ConvGeometry(shape[0], shape[5], shape[1], shape[2], new int[] {1, shape[3], shape[4]},
                            new int[] {1, shape[3], shape[4]}, new int[] {1, 3, 3}, new int[] {1, 1, 1},
                            new int[] {1, 1, 1}, new int[] {0, 1, 1});
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    Parallel.setThreads(1);
                    float[] one = dispatch.correlate(g, image, weight);
                    Parallel.setThreads(2);
                    assertThat(dispatch.correlate(g, image, weight)).isEqualTo(one);
                    FastConvTest.assertClose("correlate " + g, one, ReferenceConv.correlate(g, image, weight));
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void gatherTakesIndexedElementsAndZeroForInvalidLanes() {
        for (KernelProvider provider : Providers.all()) {
            Random r = new Random(3);
            float[] in = GradientChecker.random(r, 200).data();
            in[45] = Float.NaN; // invalid lanes that load it still yield zero
            int[] index = new int[50];
            boolean[] valid = new boolean[50];
            for (int i = 0; i < index.length; i++) {
                index[i] = r.nextInt(150);
                valid[i] = r.nextInt(4) != 0 && index[i] != 5;
            }
            index[10] = 5;
            valid[10] = false;
            float[] out = new float[45];
            provider.vectorOps().gather(in, 40, index, valid, 3, out, 2, 41);
            for (int i = 0; i < 41; i++) {
                float expected = valid[3 + i] ? in[40 + index[3 + i]] : 0f;
                assertThat(out[2 + i]).as(provider.name() + " lane " + i).isEqualTo(expected);
            }
            assertThat(out[0]).isZero();
            assertThat(out[44]).isZero();
        }
    }

    @Test
    void turnedOffTheExactGemmPathRuns() {
        ConvGeometry g = new ConvGeometry(1, 1, 16, 16, new int[] {1, 8, 8}, new int[] {1, 8, 8}, new int[] {1, 3, 3},
                new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
        KernelProvider scalar = KernelProvider.scalar();
        assertThat(new ConvDispatch(scalar, 0, true).path(g, ConvDispatch.Pass.CORRELATE))
                .isEqualTo(ConvDispatch.Path.WINOGRAD);
        assertThat(new ConvDispatch(scalar, 0, false).path(g, ConvDispatch.Pass.CORRELATE))
                .isEqualTo(ConvDispatch.Path.GEMM);
        ConvGeometry fewChannels = new ConvGeometry(1, 1, WinogradConv.MIN_CHANNELS - 1, 16, new int[] {1, 8, 8},
                new int[] {1, 8, 8}, new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
        assertThat(new ConvDispatch(scalar, 0, true).path(fewChannels, ConvDispatch.Pass.CORRELATE))
                .isEqualTo(ConvDispatch.Path.GEMM);
        int many = (int) Math.sqrt(WinogradConv.MAX_CHANNEL_PAIRS) + 1;
        ConvGeometry manyPairs = new ConvGeometry(1, 1, many, many, new int[] {1, 8, 8}, new int[] {1, 8, 8},
                new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
        assertThat(new ConvDispatch(scalar, 0, true).path(manyPairs, ConvDispatch.Pass.CORRELATE))
                .isEqualTo(ConvDispatch.Path.GEMM);
        // the error follows the reduction: 256 -> 64 channels stays exact, its input gradient (64 -> 256) does not
        ConvGeometry longReduction = new ConvGeometry(1, 1, 256, 64, new int[] {1, 8, 8}, new int[] {1, 8, 8},
                new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
        assertThat((long) 256 * 64).isLessThanOrEqualTo(WinogradConv.MAX_CHANNEL_PAIRS);
        assertThat(new ConvDispatch(scalar, 0, true).path(longReduction, ConvDispatch.Pass.CORRELATE))
                .isEqualTo(ConvDispatch.Path.GEMM);
        assertThat(new ConvDispatch(scalar, 0, true).path(ConvDispatch.flipped(longReduction),
                ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.WINOGRAD);
        // the limits hold per group: 4 groups of 16 channels take Winograd, 4 groups of 8 do not
        ConvGeometry grouped = new ConvGeometry(1, 4, 64, 64, new int[] {1, 8, 8}, new int[] {1, 8, 8},
                new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
        assertThat(new ConvDispatch(scalar, 0, true).path(grouped, ConvDispatch.Pass.CORRELATE))
                .isEqualTo(ConvDispatch.Path.WINOGRAD);
        ConvGeometry narrowGroups = new ConvGeometry(1, 8, 64, 64, new int[] {1, 8, 8}, new int[] {1, 8, 8},
                new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
        assertThat(new ConvDispatch(scalar, 0, true).path(narrowGroups, ConvDispatch.Pass.CORRELATE))
                .isEqualTo(ConvDispatch.Path.GEMM);
    }
}
