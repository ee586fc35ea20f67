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
 * The 3×3 stride-2 input gradient by the transposed strided Winograd ({@link StridedWinogradScatter}, s2b22) against
 * the reference loops on the scalar and the Vector API micro-kernels, forced on every shape (below its channel minimum
 * too): odd and even sizes, paddings 0-2 on each side, tiles past the image's borders, tiles of one strip from several
 * images, channel counts off the register tile, batches 1, 2 and 5; bitwise equal at 1, 2 and 3 threads; and the
 * dispatch that chooses it.
 */
class StridedWinogradScatterTest {
    static List<ConvGeometry> shapes() {
        List<ConvGeometry> list = new ArrayList<>();
        list.add(PhaseSplitConvTest.geometry(2, 16, 24, 57, 57, 1, 1, 1, 1));  // odd: 29 × 29
        list.add(PhaseSplitConvTest.geometry(1, 16, 16, 56, 56, 1, 1, 1, 1));  // even: 28 × 28
        list.add(PhaseSplitConvTest.geometry(5, 64, 64, 14, 14, 1, 1, 1, 1));  // batch 5: strips across images
        list.add(PhaseSplitConvTest.geometry(2, 32, 128, 18, 18, 0, 0, 0, 0)); // no padding: a tile before the first row
        list.add(PhaseSplitConvTest.geometry(1, 128, 16, 11, 11, 0, 0, 0, 0)); // odd, no padding
        list.add(PhaseSplitConvTest.geometry(3, 5, 7, 7, 5, 0, 0, 0, 0));      // narrower than a strip
        list.add(PhaseSplitConvTest.geometry(1, 17, 33, 10, 13, 2, 1, 0, 2));  // padding differing per side
        list.add(PhaseSplitConvTest.geometry(2, 4, 40, 3, 4, 1, 1, 1, 1));     // one or two response rows
        list.add(PhaseSplitConvTest.geometry(1, 30, 12, 40, 3, 1, 0, 1, 1));   // one response column
        list.add(PhaseSplitConvTest.geometry(2, 9, 20, 33, 31, 2, 2, 2, 2));   // padding 2
        list.add(PhaseSplitConvTest.geometry(1, 3, 32, 225, 225, 1, 1, 1, 1)); // many strips
        Random r = new Random(22);
        for (int i = 0; i < 8; i++) {
            list.add(PhaseSplitConvTest.geometry(1 + r.nextInt(5), 1 + r.nextInt(70), 1 + r.nextInt(70),
                    3 + r.nextInt(40), 3 + r.nextInt(40), r.nextInt(3), r.nextInt(3), r.nextInt(3), r.nextInt(3)));
        }
        return list;
    }

    @TestFactory
    List<DynamicTest> forcedMatchesTheReferenceAtAnyThreadCount() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            StridedWinogradScatter scatter = new StridedWinogradScatter(provider.microKernel(), provider.vectorOps());
            for (ConvGeometry g : shapes()) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    Random r = new Random(g.responseSize());
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] one = Providers.atThreads(1, () -> scatter.scatter(g, response, weight));
                    WinogradConvTest.assertWithinTolerance("scatter " + g, one,
                            ReferenceConv.scatter(g, response, weight), 0.25);
                    assertThat(Providers.atThreads(2, () -> scatter.scatter(g, response, weight))).isEqualTo(one);
                    assertThat(Providers.atThreads(3, () -> scatter.scatter(g, response, weight))).isEqualTo(one);
                    assertThat(scatter.scatter(g, response, weight)).isEqualTo(one); // a second call, scratch reused
                }));
            }
        }
        return tests;
    }

    @Test
    void theDispatchRunsThePhaseSplitInsteadWinogradOnOrOff() {
        // s2b26: the phase split measured 1.0-1.27x faster than the transposed strided Winograd on every shape it took
        ConvDispatch on = new ConvDispatch(KernelProvider.scalar(), 0);
        ConvDispatch off = new ConvDispatch(KernelProvider.scalar(), 0, false);
        for (int side : new int[] {27, 56, 57}) {
            ConvGeometry s2 = PhaseSplitConvTest.geometry(8, 64, 128, side, side, 1, 1, 1, 1);
            assertThat(on.path(s2, ConvDispatch.Pass.SCATTER)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
            assertThat(off.path(s2, ConvDispatch.Pass.SCATTER)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
        }
        ConvGeometry unpadded = PhaseSplitConvTest.geometry(8, 64, 128, 58, 58, 0, 0, 0, 0);
        assertThat(on.path(unpadded, ConvDispatch.Pass.SCATTER)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
    }
}
