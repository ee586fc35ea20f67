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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * c5s2-19: the phase split's forward and input gradient for stride-2 kernels past 3×3 (5×5, 7×7, even and
 * rectangular sides) against the reference loops on both providers: odd and even images, paddings 0-3 per side,
 * few image channels (a stem's 3) and many (32-64), response rows narrower and wider than a vector; bitwise equal at
 * one to three threads. c5s2wg20: their weight gradient too ({@link PhaseSplitWeightGradient}'s tap rows and dots over
 * 2·KW column-phase planes), which runs from any image channels; the forward and input gradient keep the GEMM path from
 * fewer than {@link PhaseSplitConv#MIN_WIDE_CHANNELS} (the phases are checked there too, called directly).
 */
class PhaseSplitWideKernelTest {
    /** A kh × kw stride-2 geometry: image h × w, padding before (top, left) and after (bottom, right). */
    static ConvGeometry geometry(int n, int cin, int cout, int h, int w, int kh, int kw, int pt, int pl, int pb, int pr) {
        int oh = (h + pt + pb - kh) / 2 + 1;
        int ow = (w + pl + pr - kw) / 2 + 1;
        return new ConvGeometry(n, 1, cin, cout, new int[] {1, h, w}, new int[] {1, oh, ow}, new int[] {1, kh, kw},
                new int[] {1, 2, 2}, new int[] {1, 1, 1}, new int[] {0, pt, pl});
    }

    static List<ConvGeometry> shapes() {
        List<ConvGeometry> list = new ArrayList<>();
        list.add(geometry(2, 32, 64, 33, 33, 5, 5, 2, 2, 2, 2));   // c5x5-s2-33, odd
        list.add(geometry(1, 48, 40, 34, 34, 5, 5, 2, 2, 2, 2));   // even
        list.add(geometry(2, 3, 32, 65, 65, 7, 7, 3, 3, 3, 3));    // the stem of first-c3-7x7-s2-65
        list.add(geometry(1, 3, 16, 40, 46, 7, 7, 3, 3, 3, 3));    // an even stem
        list.add(geometry(1, 64, 20, 21, 19, 7, 7, 0, 0, 0, 0));   // no padding, many channels
        list.add(geometry(2, 5, 9, 14, 15, 5, 5, 0, 1, 3, 2));     // padding differing per side
        list.add(geometry(1, 6, 11, 31, 70, 5, 5, 3, 3, 3, 3));    // padding 3: phases read three columns out
        list.add(geometry(1, 4, 7, 9, 7, 7, 7, 1, 2, 0, 3));       // one to two response rows, narrow
        list.add(geometry(1, 7, 13, 36, 40, 5, 3, 2, 1, 2, 1));    // 5 × 3: rows of the kept-columns forward
        list.add(geometry(1, 9, 10, 23, 30, 3, 7, 1, 3, 0, 2));    // 3 × 7
        list.add(geometry(2, 5, 6, 20, 21, 4, 4, 1, 1, 1, 2));     // even sides
        list.add(geometry(1, 3, 5, 16, 17, 2, 2, 0, 0, 0, 0));     // 2 × 2: phases of one tap
        list.add(geometry(1, 40, 36, 8, 8, 7, 7, 3, 3, 3, 3));     // a tall reduction on a small plane
        // c5s2-23: kept columns from rows of nr/2 - 1 (15): a half strip crosses one row end; last strips of 1-16 positions
        list.add(geometry(2, 32, 48, 29, 29, 7, 7, 3, 3, 3, 3));   // c7x7-s2-29: 15 × 15, 225 = 7 · 32 + 1
        list.add(geometry(1, 17, 24, 29, 30, 5, 5, 2, 2, 1, 2));   // 5 × 5, 14 × 15 = 210 = 6 · 32 + 18
        list.add(geometry(2, 16, 9, 31, 29, 7, 7, 0, 3, 1, 3));    // 7 × 7, 13 × 15 = 195 = 6 · 32 + 3
        list.add(geometry(1, 20, 33, 33, 33, 5, 7, 1, 2, 2, 3));   // 5 × 7, 16 × 16 = 256: whole strips
        list.add(geometry(1, 24, 16, 34, 37, 5, 5, 1, 2, 1, 1));   // 16 × 18 = 288 = 9 · 32
        list.add(geometry(3, 18, 20, 36, 32, 5, 5, 2, 1, 1, 3));   // 17 × 16 = 272 = 8 · 32 + 16: a half strip exactly
        Random r = new Random(19);
        for (int i = 0; i < 8; i++) {
            int k = r.nextBoolean() ? 5 : 7;
            list.add(geometry(1 + r.nextInt(2), 1 + r.nextInt(40), 1 + r.nextInt(40), k + r.nextInt(30),
                    k + r.nextInt(30), k, k, r.nextInt(4), r.nextInt(4), r.nextInt(4), r.nextInt(4)));
        }
        return list;
    }

    @TestFactory
    List<DynamicTest> phasesMatchTheReferenceAtOneToThreeThreads() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            ConvDispatch fast = new ConvDispatch(provider, 0);
            for (ConvGeometry g : shapes()) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + describe(g), () -> {
                    // a stem's few image channels keep the GEMM path; the phases are checked for them all the same
                    boolean wide = g.imageChannels() >= PhaseSplitConv.MIN_WIDE_CHANNELS;
                    assertThat(fast.path(g, ConvDispatch.Pass.CORRELATE) == ConvDispatch.Path.PHASE_SPLIT).isEqualTo(wide);
                    assertThat(fast.path(g, ConvDispatch.Pass.SCATTER) == ConvDispatch.Path.PHASE_SPLIT).isEqualTo(wide);
                    PhaseSplitConv phases = new PhaseSplitConv(provider.microKernel(), provider.vectorOps());
                    assertThat(fast.path(g, ConvDispatch.Pass.WEIGHT_GRADIENT)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
                    PhaseSplitWeightGradient wg = new PhaseSplitWeightGradient(provider.microKernel(), provider.vectorOps());
                    Random r = new Random(g.imageSize());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(1);
                        float[] y1 = phases.correlate(g, image, weight);
                        float[] dx1 = phases.scatter(g, response, weight);
                        FastConvTest.assertClose("correlate", y1, ReferenceConv.correlate(g, image, weight));
                        FastConvTest.assertClose("scatter", dx1, ReferenceConv.scatter(g, response, weight));
                        float[] dw = ReferenceConv.weightGradient(g, image, response);
                        float[] packed1 = wg.weightGradientPacked(g, image, response);
                        float[] dots1 = wg.weightGradientDots(g, image, response);
                        FastConvTest.assertClose("weightGradient packed", packed1, dw);
                        FastConvTest.assertClose("weightGradient dots", dots1, dw);
                        for (int threads : new int[] {2, 3}) {
                            Parallel.setThreads(threads);
                            assertThat(phases.correlate(g, image, weight)).as("correlate, threads " + threads).containsExactly(y1);
                            assertThat(phases.scatter(g, response, weight)).as("scatter, threads " + threads).containsExactly(dx1);
                            assertThat(wg.weightGradientPacked(g, image, response)).as("packed, threads " + threads)
                                    .containsExactly(packed1);
                            assertThat(wg.weightGradientDots(g, image, response)).as("dots, threads " + threads)
                                    .containsExactly(dots1);
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
