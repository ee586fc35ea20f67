package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dw18's stride-2 depthwise input gradient by column phase ({@link DepthwiseRolling#scatterStride2}) against the
 * reference loops, on the scalar and the Vector API provider, at 1, 2 and 3 threads with the same bits: 3×3 and 5×5,
 * odd and even heights and widths, image rows around two vectors (one vector a column phase) and past them (the
 * moved-back strip, the odd last column alone), padding 0 to past the kernel's reach, different row and column
 * padding, many planes (runs of planes) and few (bands of image rows, whose first row is of either parity).
 */
class DepthwiseStride2GradientTest {
    /** {N, C, H, W, K, padding rows, padding columns}. */
    private static final int[][] SHAPES = {
            {2, 3, 57, 57, 3, 1, 1}, {1, 2, 33, 33, 3, 1, 1}, {1, 2, 34, 32, 3, 1, 1}, {1, 2, 31, 33, 3, 0, 0},
            {1, 2, 28, 64, 3, 0, 0}, {1, 2, 29, 65, 3, 2, 2}, {1, 2, 30, 47, 3, 1, 2}, {1, 2, 27, 63, 3, 2, 1},
            {1, 2, 20, 40, 3, 3, 3}, {1, 2, 21, 70, 3, 5, 4}, {3, 24, 15, 33, 3, 1, 1}, {1, 1, 40, 40, 3, 1, 0},
            {2, 3, 56, 56, 5, 2, 2}, {1, 2, 37, 37, 5, 2, 2}, {1, 2, 36, 33, 5, 0, 0}, {1, 2, 35, 34, 5, 1, 1},
            {1, 2, 33, 65, 5, 3, 3}, {1, 2, 32, 64, 5, 4, 4}, {1, 2, 30, 48, 5, 6, 5}, {1, 2, 29, 75, 5, 2, 0},
            {1, 2, 31, 50, 5, 0, 3}, {3, 24, 13, 41, 5, 2, 2}, {1, 1, 39, 39, 5, 2, 2}, {4, 3, 75, 75, 5, 2, 2},
            {2, 2, 8, 32, 3, 1, 1}, {1, 2, 6, 36, 5, 2, 2}, {1, 2, 3, 40, 3, 1, 1}, {1, 2, 5, 34, 5, 7, 1},
    };

    private static ConvGeometry geometry(int[] s) {
        ConvOptions o = ConvOptions.conv2d().stride(2).padding(s[5], s[6]).groups(s[1]);
        return ConvPlan.resolve(o, new int[] {s[0], s[1], s[2], s[3]}, new int[] {s[1], 1, s[4], s[4]}, null).geometry();
    }

    @TestFactory
    List<DynamicTest> byColumnPhaseMatchesTheReferenceAtAnyThreadCount() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            DepthwiseRolling rolling = new DepthwiseRolling(provider.vectorOps());
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            for (int[] s : SHAPES) {
                ConvGeometry g = geometry(s);
                tests.add(DynamicTest.dynamicTest(provider.name() + ": " + Arrays.toString(s), () -> {
                    assertThat(DepthwiseRolling.scatterApplies(g, provider.vectorOps())).isTrue();
                    Random data = new Random(Arrays.hashCode(s));
                    float[] weight = GradientChecker.random(data, g.weightSize()).data();
                    float[] response = GradientChecker.random(data, g.responseSize()).data();
                    float[] expected = ReferenceConv.scatter(g, response, weight);
                    FastConvTest.assertClose("through the dispatch", dispatch.scatter(g, response, weight), expected);
                    sameBitsAtAnyThreadCount(expected, () -> rolling.scatterStride2(g, response, weight));
                }));
            }
        }
        return tests;
    }

    /** {@code pass} at 1, 2 and 3 threads: close to {@code expected}, the same bits at every thread count. */
    static void sameBitsAtAnyThreadCount(float[] expected, Supplier<float[]> pass) {
        int before = Parallel.threads();
        try {
            float[] first = null;
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                float[] out = pass.get();
                FastConvTest.assertClose(threads + " threads", out, expected);
                if (first == null) {
                    first = out;
                } else {
                    assertThat(out).as("%d threads", threads).containsExactly(first);
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @TestFactory
    List<DynamicTest> otherStridesKernelsAndNarrowRowsStayOnTheGather() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            int narrow = provider.vectorOps().depthwiseStride2GradientMinWidth() - 1;
            tests.add(DynamicTest.dynamicTest(provider.name(), () -> {
                ConvGeometry s3 = ConvPlan.resolve(ConvOptions.conv2d().stride(3).padding(1).groups(2),
                        new int[] {1, 2, 40, 40}, new int[] {2, 1, 3, 3}, null).geometry();
                assertThat(DepthwiseRolling.scatterApplies(s3, provider.vectorOps())).isFalse();
                ConvGeometry k7 = ConvPlan.resolve(ConvOptions.conv2d().stride(2).padding(3).groups(2),
                        new int[] {1, 2, 40, 40}, new int[] {2, 1, 7, 7}, null).geometry();
                assertThat(DepthwiseRolling.scatterApplies(k7, provider.vectorOps())).isFalse();
                ConvGeometry dilated = ConvPlan.resolve(ConvOptions.conv2d().stride(2).dilation(2).padding(2).groups(2),
                        new int[] {1, 2, 40, 40}, new int[] {2, 1, 3, 3}, null).geometry();
                assertThat(DepthwiseRolling.scatterApplies(dilated, provider.vectorOps())).isFalse();
                if (narrow > 0) {
                    ConvGeometry g = geometry(new int[] {1, 2, 20, narrow, 3, 1, 1});
                    assertThat(DepthwiseRolling.scatterApplies(g, provider.vectorOps())).isFalse();
                    Random data = new Random(7);
                    float[] weight = GradientChecker.random(data, g.weightSize()).data();
                    float[] response = GradientChecker.random(data, g.responseSize()).data();
                    FastConvTest.assertClose("narrow rows through the dispatch",
                            new ConvDispatch(provider, 0).scatter(g, response, weight),
                            ReferenceConv.scatter(g, response, weight));
                }
            }));
        }
        return tests;
    }
}
