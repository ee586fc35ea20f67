package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.convkit.core.conv.PhaseSplitWideKernelTest.geometry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * c5s2-24: the direct stride-2 forward with the response channels in the lanes ({@link ChannelBlockConv}) against the
 * reference loops on both providers: 3×3 (cb25), 5×5, 7×7 and rectangular kernels, paddings 0-3 per side, odd and even
 * images of 13-70, 3-192 image channels, response channels of one vector (16 and fewer), odd vector counts (a block of
 * 3) and even ones, position blocks across one row end at every split and a last block moved back, batches 1-8; bitwise
 * equal at one to three threads and to the phase split's GEMM (the same sums in the same reduction blocks: the same
 * bits).
 */
class ChannelBlockConvTest {
    static List<ConvGeometry> shapes() {
        List<ConvGeometry> list = new ArrayList<>();
        list.add(geometry(2, 32, 48, 29, 29, 7, 7, 3, 3, 3, 3));   // c7x7-s2-29: 15 wide, 48 channels a block of 3 vectors
        list.add(geometry(1, 48, 96, 27, 27, 5, 5, 2, 2, 2, 2));   // c5x5-s2-27-48: 14 wide, 1200 taps in 5 blocks
        list.add(geometry(3, 40, 64, 23, 23, 5, 5, 2, 2, 2, 2));   // c5x5-s2-23-40: 12 wide
        list.add(geometry(1, 56, 112, 19, 19, 5, 5, 2, 2, 2, 2));  // 10 wide, 7 vectors: 3 + 2 + 2
        list.add(geometry(1, 24, 80, 45, 45, 7, 7, 3, 3, 3, 3));   // 23 wide, 5 vectors
        list.add(geometry(8, 16, 16, 15, 16, 5, 5, 1, 2, 0, 1));   // one vector, batch 8, padding differing per side
        list.add(geometry(1, 3, 9, 33, 33, 5, 5, 2, 2, 2, 2));     // a stem's 3 channels, 9 of a vector's 16
        list.add(geometry(1, 20, 40, 70, 17, 7, 7, 0, 0, 0, 0));   // no padding, 32 × 6: every block starts a row
        list.add(geometry(1, 17, 33, 30, 31, 5, 7, 3, 1, 2, 3));   // 5 × 7, 3 vectors with 15 padded channels
        list.add(geometry(3, 96, 32, 17, 18, 7, 5, 1, 3, 3, 0));   // 7 × 5, 96 image channels: 3360 taps
        list.add(geometry(1, 5, 20, 70, 69, 5, 5, 3, 3, 3, 3));    // 36 × 36, padding 3 on every side
        list.add(geometry(2, 8, 24, 16, 21, 7, 7, 2, 3, 1, 2));    // 8 × 10, 8 image channels
        // cb25: 3×3, which the dispatch sends here on rows the phases' GEMM would run past their ends
        list.add(geometry(2, 160, 160, 23, 23, 3, 3, 0, 0, 0, 0)); // 11 wide, 5 blocks of 2 vectors, 1440 taps
        list.add(geometry(1, 128, 192, 30, 30, 3, 3, 0, 0, 0, 0)); // r3x3-s2-30-p0: 14 wide
        list.add(geometry(3, 16, 24, 13, 14, 3, 3, 1, 1, 1, 1));   // 7 × 7 from odd by even, 24 channels: 2 vectors
        list.add(geometry(1, 64, 48, 25, 25, 3, 3, 2, 3, 3, 2));   // paddings 2-3, 3 vectors in one block
        list.add(geometry(8, 24, 40, 19, 20, 3, 3, 1, 0, 1, 0));   // batch 8, padding on the top and left only
        list.add(geometry(1, 192, 64, 27, 27, 3, 3, 1, 1, 1, 1));  // 192 image channels: 1728 taps in 7 blocks
        list.add(geometry(1, 3, 32, 70, 69, 3, 3, 1, 1, 1, 1));    // a stem's 3 channels, 35 wide
        list.add(geometry(1, 64, 128, 41, 41, 3, 3, 1, 1, 1, 1));  // 21-wide rows (the dispatch keeps the GEMM)
        Random r = new Random(24);
        for (int i = 0; i < 6; i++) {
            int k = r.nextBoolean() ? 5 : 7;
            list.add(geometry(1 + r.nextInt(3), 3 + r.nextInt(40), 1 + r.nextInt(70), 15 + r.nextInt(40),
                    2 * k + r.nextInt(40), k, k, r.nextInt(4), r.nextInt(4), r.nextInt(4), r.nextInt(4)));
        }
        list.removeIf(g -> g.response()[2] < 6); // rows of at least a block's positions
        return list;
    }

    @TestFactory
    List<DynamicTest> matchesTheReferenceAndTheGemmAtOneToThreeThreads() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            for (ConvGeometry g : shapes()) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + describe(g), () -> {
                    boolean dense = g.imageChannels() >= PhaseSplitConv.MIN_WIDE_CHANNELS;
                    assertThat(ChannelBlockConv.pays(g)).isEqualTo(dense);
                    if (dense && !PhaseSplitConv.threeByThree(g)) {
                        assertThat(dispatch.path(g, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
                    }
                    ChannelBlockConv direct = new ChannelBlockConv(provider.vectorOps());
                    PhaseSplitConv phases = new PhaseSplitConv(provider.microKernel(), provider.vectorOps());
                    Random r = new Random(g.imageSize());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(1);
                        float[] y1 = direct.correlate(g, image, weight);
                        FastConvTest.assertClose("correlate", y1, ReferenceConv.correlate(g, image, weight));
                        assertThat(y1).as("the phase split's GEMM").containsExactly(phases.correlate(g, image, weight));
                        for (int threads : new int[] {2, 3}) {
                            Parallel.setThreads(threads);
                            assertThat(direct.correlate(g, image, weight)).as("threads " + threads).containsExactly(y1);
                        }
                    } finally {
                        Parallel.setThreads(before);
                    }
                }));
            }
        }
        return tests;
    }

    private static String describe(ConvGeometry g) {
        return g.batch() + "x" + g.imageChannels() + "->" + g.responseChannels() + " " + g.image()[1] + "x" + g.image()[2]
                + " k" + g.kernel()[1] + "x" + g.kernel()[2] + " pad " + g.padLeft()[1] + "," + g.padLeft()[2];
    }
}
