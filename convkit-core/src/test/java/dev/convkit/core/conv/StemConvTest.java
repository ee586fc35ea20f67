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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * stem21: the stride-2 first layer's direct forward ({@link StemConv}) against the reference loops on both providers:
 * 1 to 6 image channels, kernels 3, 5 and 7 (and rectangular, even sides), paddings 0 to 3, odd and even images,
 * 3 to 64 response channels, batches 1, 2 and 5, bands of one to many rows; bitwise equal at one to three threads.
 */
class StemConvTest {
    static List<ConvGeometry> shapes() {
        List<ConvGeometry> list = new ArrayList<>();
        list.add(PhaseSplitWideKernelTest.geometry(2, 3, 32, 65, 65, 7, 7, 3, 3, 3, 3));  // first-c3-7x7-s2-65
        list.add(PhaseSplitWideKernelTest.geometry(1, 3, 24, 57, 57, 7, 7, 3, 3, 3, 3));  // first-c3-7x7-s2-57
        list.add(PhaseSplitWideKernelTest.geometry(2, 3, 32, 65, 65, 5, 5, 2, 2, 2, 2));  // first-c3-5x5-s2-65
        list.add(PhaseSplitWideKernelTest.geometry(5, 1, 32, 64, 64, 5, 5, 2, 2, 2, 2));  // grey, even
        list.add(PhaseSplitWideKernelTest.geometry(2, 4, 48, 49, 49, 3, 3, 1, 1, 1, 1));  // 3x3, 4 channels
        list.add(PhaseSplitWideKernelTest.geometry(1, 6, 64, 30, 31, 7, 7, 0, 0, 0, 0));  // no padding, 64 channels
        list.add(PhaseSplitWideKernelTest.geometry(2, 2, 3, 21, 20, 5, 5, 1, 3, 2, 0));   // 3 channels out, uneven pads
        list.add(PhaseSplitWideKernelTest.geometry(5, 5, 7, 11, 13, 3, 3, 0, 1, 1, 2));   // 7 out: a partial block
        list.add(PhaseSplitWideKernelTest.geometry(1, 3, 9, 9, 7, 7, 7, 1, 2, 0, 3));     // one to two response rows
        list.add(PhaseSplitWideKernelTest.geometry(2, 3, 16, 40, 46, 7, 5, 3, 2, 3, 2));  // 7 x 5
        list.add(PhaseSplitWideKernelTest.geometry(1, 4, 13, 20, 21, 4, 4, 1, 1, 1, 2));  // even sides
        list.add(PhaseSplitWideKernelTest.geometry(1, 1, 5, 17, 16, 2, 2, 0, 0, 0, 0));   // 2 x 2
        list.add(PhaseSplitWideKernelTest.geometry(1, 3, 20, 100, 23, 7, 7, 3, 3, 3, 3)); // tall: many bands
        Random r = new Random(21);
        for (int i = 0; i < 10; i++) {
            int k = 3 + 2 * r.nextInt(3);
            list.add(PhaseSplitWideKernelTest.geometry(1 + r.nextInt(5), 1 + r.nextInt(6), 3 + r.nextInt(62),
                    k + r.nextInt(40), k + r.nextInt(40), k, k, r.nextInt(4), r.nextInt(4), r.nextInt(4), r.nextInt(4)));
        }
        return list;
    }

    @TestFactory
    List<DynamicTest> stemsMatchTheReferenceAtOneToThreeThreads() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            StemConv stem = new StemConv(provider.vectorOps(),
                    new PhaseSplitConv(provider.microKernel(), provider.vectorOps()));
            for (ConvGeometry g : shapes()) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g.batch() + "x" + g.imageChannels() + "->"
                        + g.responseChannels() + " " + g.image()[1] + "x" + g.image()[2] + " k" + g.kernel()[1] + "x"
                        + g.kernel()[2] + " pad " + g.padLeft()[1] + "," + g.padLeft()[2], () -> {
                    assertThat(StemConv.applies(g)).isTrue();
                    Random r = new Random(g.imageSize());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] y1 = Providers.atThreads(1, () -> stem.correlate(g, image, weight));
                    FastConvTest.assertClose("correlate", y1, ReferenceConv.correlate(g, image, weight));
                    for (int threads : new int[] {2, 3}) {
                        assertThat(Providers.atThreads(threads, () -> stem.correlate(g, image, weight)))
                                .as("threads " + threads).containsExactly(y1);
                    }
                }));
            }
        }
        return tests;
    }

    @Test
    void theDispatchSendsStemsHereAndWiderLayersElsewhere() {
        ConvDispatch d = new ConvDispatch(KernelProvider.scalar(), 0);
        ConvGeometry stem = PhaseSplitWideKernelTest.geometry(2, 3, 32, 65, 65, 7, 7, 3, 3, 3, 3);
        assertThat(d.path(stem, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.SMALL_CHANNEL);
        ConvGeometry wide = PhaseSplitWideKernelTest.geometry(2, 16, 32, 33, 33, 5, 5, 2, 2, 2, 2);
        assertThat(StemConv.applies(wide)).isFalse();
        assertThat(d.path(wide, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
        ConvGeometry threeByThree = PhaseSplitWideKernelTest.geometry(2, 4, 48, 49, 49, 3, 3, 1, 1, 1, 1);
        assertThat(StemConv.pays(threeByThree)).isFalse();
        assertThat(d.path(threeByThree, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
    }
}
