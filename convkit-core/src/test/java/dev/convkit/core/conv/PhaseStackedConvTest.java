package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.convkit.core.conv.PhaseSplitWideKernelTest.geometry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * c5s2f21: 5×5 and 7×7 stride-2 forwards and input gradients on Winograd over the stacked phase planes
 * ({@link PhaseStackedConv}) against the reference loops on both providers: odd and even images, paddings 0-3 per
 * side, 16-64 image channels, batches 1, 2 and 5; bitwise equal at one to three threads and whether the batch runs in
 * one chunk of images or several.
 */
class PhaseStackedConvTest {
    static List<ConvGeometry> shapes() {
        List<ConvGeometry> list = new ArrayList<>();
        list.add(geometry(2, 32, 64, 33, 33, 5, 5, 2, 2, 2, 2));   // c5x5-s2-33, odd: F(4×4, 3×3) over 128
        list.add(geometry(1, 48, 40, 34, 34, 5, 5, 2, 2, 2, 2));   // even; 192 stacked: F(2×2, 3×3)
        list.add(geometry(5, 16, 24, 21, 19, 5, 5, 1, 0, 3, 2));   // padding differing per side, batch 5
        list.add(geometry(2, 20, 17, 30, 31, 5, 5, 0, 0, 0, 0));   // no padding
        list.add(geometry(2, 64, 32, 27, 26, 5, 5, 3, 3, 3, 3));   // padding 3: planes three phase columns out
        list.add(geometry(2, 32, 48, 29, 29, 7, 7, 3, 3, 3, 3));   // c7x7-s2-29: 4×4 in F(·, 5×5) over 128
        list.add(geometry(5, 24, 32, 37, 36, 7, 7, 3, 2, 1, 3));   // c7-held-37's channels, batch 5
        list.add(geometry(2, 16, 16, 40, 23, 7, 7, 0, 1, 2, 0));   // the fewest channels
        Random r = new Random(21);
        while (list.size() < 14) { // random ones the stacked phases take (enough tiles where F(2×2) runs for accuracy)
            int k = r.nextBoolean() ? 5 : 7;
            int cin = 16 + r.nextInt(k == 5 ? 49 : 17);
            ConvGeometry g = geometry(1 + r.nextInt(5), cin, 16 + r.nextInt(48), k + 12 + r.nextInt(30),
                    k + 12 + r.nextInt(30), k, k, r.nextInt(4), r.nextInt(4), r.nextInt(4), r.nextInt(4));
            if (PhaseStackedConv.pays(g)) {
                list.add(g);
            }
        }
        return list;
    }

    @TestFactory
    List<DynamicTest> stackedPhasesMatchTheReferenceAtOneToThreeThreadsAndAnyChunks() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            ConvDispatch fast = new ConvDispatch(provider, 0);
            WinogradConv winograd = new WinogradConv(provider.microKernel(), provider.vectorOps());
            PhaseSplitConv phases = new PhaseSplitConv(provider.microKernel(), provider.vectorOps());
            for (ConvGeometry g : shapes()) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g.batch() + "x" + g.imageChannels() + "->"
                        + g.responseChannels() + " " + g.image()[1] + "x" + g.image()[2] + " k" + g.kernel()[1]
                        + " pad " + g.padLeft()[1] + "," + g.padLeft()[2], () -> {
                    assertThat(PhaseStackedConv.pays(g)).isTrue();
                    assertThat(fast.path(g, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.WINOGRAD);
                    assertThat(fast.path(g, ConvDispatch.Pass.SCATTER)).isEqualTo(ConvDispatch.Path.WINOGRAD);
                    Random r = new Random(g.imageSize());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    float[] y1 = Providers.atThreads(1, () -> fast.correlate(g, image, weight));
                    float[] dx1 = Providers.atThreads(1, () -> fast.scatter(g, response, weight));
                    FastConvTest.assertClose("correlate", y1, ReferenceConv.correlate(g, image, weight));
                    FastConvTest.assertClose("scatter", dx1, ReferenceConv.scatter(g, response, weight));
                    for (int threads : new int[] {2, 3}) {
                        assertThat(Providers.atThreads(threads, () -> fast.correlate(g, image, weight)))
                                .as("correlate, threads " + threads).containsExactly(y1);
                        assertThat(Providers.atThreads(threads, () -> fast.scatter(g, response, weight)))
                                .as("scatter, threads " + threads).containsExactly(dx1);
                    }
                    // one image a chunk (a chunk's floats hold less than one image's planes)
                    PhaseStackedConv chunked = new PhaseStackedConv(winograd, phases, 1);
                    assertThat(Providers.atThreads(2, () -> chunked.correlate(g, image, weight)))
                            .as("correlate, an image a chunk").containsExactly(y1);
                    assertThat(Providers.atThreads(2, () -> chunked.scatter(g, response, weight)))
                            .as("scatter, an image a chunk").containsExactly(dx1);
                }));
            }
        }
        return tests;
    }

    @Test
    void stemsAndThreeByThreeKeepTheirPaths() {
        assertThat(PhaseStackedConv.pays(geometry(8, 3, 32, 65, 65, 7, 7, 3, 3, 3, 3))).isFalse();
        assertThat(PhaseStackedConv.pays(geometry(8, 64, 64, 56, 56, 3, 3, 1, 1, 1, 1))).isFalse();
        assertThat(PhaseStackedConv.pays(geometry(2, 32, 32, 30, 30, 5, 3, 2, 1, 2, 1))).isFalse();
        // 7×7's stacked 5×5 tiles take 128 stacked channels at most
        assertThat(PhaseStackedConv.pays(geometry(8, 48, 32, 29, 29, 7, 7, 3, 3, 3, 3))).isFalse();
    }
}
