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
 * s2b25: the stride-2 backward's half-width last strips against the reference loops on the scalar and the Vector API
 * micro-kernels, bitwise equal at 1, 2 and 3 threads: {@link PhaseSplitConv#scatter}'s phases whose columns end at
 * most half a strip into their last (unpadded 30², 25², 23²; 5×5 27², 7×7 29²), and
 * {@link PhaseSplitWeightGradient#weightGradientTapRows}' last strip of at most half a strip of response channels
 * (16, 48, 80, 112, 144 of them), which for 3×3 still equals the gathered taps' form bit for bit. 3×3, 5×5 and 7×7,
 * odd and even sizes 13-60, paddings 0-3, channels 16-192, batches 1, 2 and 5.
 */
class PhaseSplitHalfStripTest {
    static List<ConvGeometry> shapes() {
        List<ConvGeometry> list = new ArrayList<>();
        list.add(PhaseSplitWideKernelTest.geometry(2, 16, 48, 30, 30, 3, 3, 0, 0, 0, 0));   // 225 = 7 · 32 + 1 a phase
        list.add(PhaseSplitWideKernelTest.geometry(5, 40, 16, 23, 23, 3, 3, 0, 0, 0, 0));   // 144, 143, 132, 131
        list.add(PhaseSplitWideKernelTest.geometry(1, 24, 112, 25, 25, 3, 3, 0, 0, 0, 0));  // 169, 168: 112 = 96 + 16
        list.add(PhaseSplitWideKernelTest.geometry(1, 112, 80, 33, 33, 3, 3, 1, 1, 1, 1));  // s2-33-112 transposed
        list.add(PhaseSplitWideKernelTest.geometry(1, 16, 144, 60, 60, 3, 3, 1, 1, 1, 1));  // even, rows of 30
        list.add(PhaseSplitWideKernelTest.geometry(2, 16, 16, 13, 14, 3, 3, 3, 2, 3, 1));   // padding 3, one strip
        list.add(PhaseSplitWideKernelTest.geometry(1, 48, 96, 27, 27, 5, 5, 2, 2, 2, 2));   // c5x5-s2-27-48: 209, 193
        list.add(PhaseSplitWideKernelTest.geometry(2, 32, 48, 29, 29, 7, 7, 3, 3, 3, 3));   // c7x7-s2-29: 239
        list.add(PhaseSplitWideKernelTest.geometry(1, 40, 80, 31, 31, 5, 5, 2, 2, 2, 2));   // 5×5, 80 = 64 + 16
        list.add(PhaseSplitWideKernelTest.geometry(1, 192, 48, 16, 17, 7, 7, 3, 3, 2, 3));  // wide, uneven padding
        list.add(PhaseSplitWideKernelTest.geometry(5, 16, 40, 20, 21, 5, 5, 0, 1, 0, 0));   // batch 5, 40 = 32 + 8
        return list;
    }

    @TestFactory
    List<DynamicTest> halfStripsMatchTheReferenceAtOneToThreeThreads() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            PhaseSplitConv phases = new PhaseSplitConv(provider.microKernel(), provider.vectorOps());
            PhaseSplitWeightGradient wg = new PhaseSplitWeightGradient(provider.microKernel(), provider.vectorOps());
            for (ConvGeometry g : shapes()) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    Random r = new Random(g.imageSize() + 25);
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(1);
                        float[] dx1 = phases.scatter(g, response, weight);
                        FastConvTest.assertClose("scatter", dx1, ReferenceConv.scatter(g, response, weight));
                        float[] rows1 = wg.weightGradientTapRows(g, image, response);
                        FastConvTest.assertClose("tap rows", rows1, ReferenceConv.weightGradient(g, image, response));
                        if (PhaseSplitConv.threeByThree(g)) { // the same products in the same order either way
                            assertThat(wg.weightGradientTapsGathered(g, image, response)).containsExactly(rows1);
                        }
                        for (int threads : new int[] {2, 3}) {
                            Parallel.setThreads(threads);
                            assertThat(phases.scatter(g, response, weight)).as("scatter, threads " + threads)
                                    .containsExactly(dx1);
                            assertThat(wg.weightGradientTapRows(g, image, response)).as("tap rows, threads " + threads)
                                    .containsExactly(rows1);
                        }
                    } finally {
                        Parallel.setThreads(before);
                    }
                }));
            }
        }
        return tests;
    }
}
