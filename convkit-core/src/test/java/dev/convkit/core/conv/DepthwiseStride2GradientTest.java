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
 * padding, many planes (runs of planes) and few (bands of image rows, whose first row is of either parity); and
 * dws2b21's narrow rows on the four phase planes ({@link DepthwiseRolling#phaseScatter}) at every width.
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
                    assertThat(DepthwiseRolling.scatterApplies(g)).isTrue();
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
    List<DynamicTest> otherStridesKernelsAndDilationsStayOnTheGather() {
        List<DynamicTest> tests = new ArrayList<>();
        ConvGeometry s3 = ConvPlan.resolve(ConvOptions.conv2d().stride(3).padding(1).groups(2),
                new int[] {1, 2, 40, 40}, new int[] {2, 1, 3, 3}, null).geometry();
        ConvGeometry k7 = ConvPlan.resolve(ConvOptions.conv2d().stride(2).padding(3).groups(2),
                new int[] {1, 2, 40, 40}, new int[] {2, 1, 7, 7}, null).geometry();
        ConvGeometry dilated = ConvPlan.resolve(ConvOptions.conv2d().stride(2).dilation(2).padding(2).groups(2),
                new int[] {1, 2, 40, 40}, new int[] {2, 1, 3, 3}, null).geometry();
        String[] names = {"stride 3", "7x7", "dilation 2"};
        List<ConvGeometry> shapes = List.of(s3, k7, dilated);
        for (int i = 0; i < names.length; i++) {
            ConvGeometry g = shapes.get(i);
            tests.add(DynamicTest.dynamicTest(names[i], () -> assertThat(DepthwiseRolling.scatterApplies(g)).isFalse()));
        }
        return tests;
    }

    /**
     * dws2b21's phase planes ({@link DepthwiseRolling#phaseScatter}, the rows under
     * {@link dev.convkit.core.kernels.VectorOps#depthwiseStride2GradientMinWidth}) at every width from 5 to 70 on both
     * providers, called directly (the scalar provider's rows never reach it through the dispatch) and through the
     * dispatch: 3×3 and 5×5, padding 0-2 on the rows and another on the columns, odd and even heights, 1, 2 or 17
     * images of 3 or 8 channels (bands of rows, single planes and runs of planes), the same bits at 1-3 threads.
     */
    @TestFactory
    List<DynamicTest> phasePlanesAtEveryWidth() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            DepthwiseRolling rolling = new DepthwiseRolling(provider.vectorOps());
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            for (int k = 3; k <= 5; k += 2) {
                for (int pad = 0; pad <= 2; pad++) {
                    int kernel = k;
                    int padding = pad;
                    String name = provider.name() + String.format(": %dx%d pad %d, widths 5..70", k, k, pad);
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        for (int w = 5; w <= 70; w++) {
                            int batch = w % 5 == 0 ? 17 : w % 2 + 1;
                            int channels = w % 10 == 0 ? 8 : 3;
                            int[] s = {batch, channels, 4 + w % 7 + kernel, w, kernel, padding, (padding + w) % 3};
                            ConvGeometry g = geometry(s);
                            assertThat(DepthwiseRolling.scatterApplies(g)).as(Arrays.toString(s)).isTrue();
                            Random data = new Random(Arrays.hashCode(s));
                            float[] weight = GradientChecker.random(data, g.weightSize()).data();
                            float[] response = GradientChecker.random(data, g.responseSize()).data();
                            float[] expected = ReferenceConv.scatter(g, response, weight);
                            FastConvTest.assertClose(Arrays.toString(s) + " through the dispatch",
                                    dispatch.scatter(g, response, weight), expected);
                            sameBitsAtAnyThreadCount(expected, () -> rolling.phaseScatter(g, response, weight));
                        }
                    }));
                }
            }
        }
        return tests;
    }
    /**
     * dwb26: the rows path ({@link DepthwiseRolling#columnPhases}) on rows under two vectors, where the Vector API
     * computes one strip of each column phase, reads up to a vector past the phases' columns and stores the woven row
     * masked: at every width 1-40 on both providers, heights 1-9, row padding 0-2 with another column padding, 3×3 and
     * 5×5, 1, 2 or 9 images of 3 or 8 channels (single planes, runs of planes, bands of rows); against the reference,
     * the same bits at 1-3 threads, and bit for bit the phase planes' ({@link DepthwiseRolling#phaseScatter}), which
     * sum each element in the same order.
     */
    @TestFactory
    List<DynamicTest> narrowRowsAsThePhasePlanes() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            DepthwiseRolling rolling = new DepthwiseRolling(provider.vectorOps());
            for (int k = 3; k <= 5; k += 2) {
                for (int pad = 0; pad <= 2; pad++) {
                    int kernel = k;
                    int padding = pad;
                    String name = provider.name() + String.format(": %dx%d pad %d, widths 1..40", k, k, pad);
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        for (int w = 1; w <= 40; w++) {
                            int columnPad = (padding + w) % 3;
                            int height = 1 + (7 * w + padding) % 9;
                            if (height + 2 * padding < kernel || w + 2 * columnPad < kernel) {
                                continue;
                            }
                            int batch = w % 6 == 0 ? 9 : w % 2 + 1;
                            int channels = w % 4 == 0 ? 8 : 3;
                            rowsAsThePhasePlanes(rolling, new int[] {batch, channels, height, w, kernel, padding, columnPad});
                        }
                    }));
                }
            }
        }
        return tests;
    }

    /**
     * dw49: the rows path ({@link DepthwiseRolling#columnPhases}) on 5×5 rows of two vectors and more (the last strip
     * moved back, an odd row's last even column; where dw49's measured patch put that column in the last strip, its
     * odd lane past the row stored masked off, bench/dw49): every width 31-99, row padding 0-2 with another column
     * padding, 1, 2 or 3 images of 3 or 8 channels (runs of planes, bands of rows, the last row of the array's last
     * plane); bit for bit the phase planes' ({@link DepthwiseRolling#phaseScatter}), which sum each element in the
     * same order, close to the reference, the same bits at 1-3 threads.
     */
    @TestFactory
    List<DynamicTest> wide5x5RowsAsThePhasePlanes() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            DepthwiseRolling rolling = new DepthwiseRolling(provider.vectorOps());
            for (int pad = 0; pad <= 2; pad++) {
                int padding = pad;
                String name = provider.name() + String.format(": 5x5 pad %d, widths 31..99", pad);
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    for (int w = 31; w <= 99; w++) {
                        int columnPad = (padding + w) % 3;
                        int height = 5 + (3 * w + padding) % 6;
                        int batch = 1 + w % 3;
                        int channels = w % 4 == 0 ? 8 : 3;
                        int[] s = {batch, channels, height, w, 5, padding, columnPad};
                        assertThat(DepthwiseRolling.scatterApplies(geometry(s))).as(Arrays.toString(s)).isTrue();
                        rowsAsThePhasePlanes(rolling, s);
                    }
                }));
            }
        }
        return tests;
    }

    /**
     * dw50: 5×5 rows of exactly two strips with an even column padding, both strips a pass
     * ({@code PanamaVectorOps.stride2Gradient5Pair}, from JDK 18; an odd row's last even column in the second strip,
     * its last vector stored a lane on, nothing past the row): every width 32-66 with column padding 0, 2 and 4, row padding 0-2,
     * heights of either parity, 1-3 images of 3 or 8 channels (runs of planes, bands of rows whose first row is of
     * either parity, the last row of the array's last plane); bit for bit the phase planes', close to the reference,
     * the same bits at 1-3 threads, on both providers.
     */
    @TestFactory
    List<DynamicTest> twoStrip5x5RowsAsThePhasePlanes() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            DepthwiseRolling rolling = new DepthwiseRolling(provider.vectorOps());
            for (int columnPad = 0; columnPad <= 4; columnPad += 2) {
                int padColumns = columnPad;
                String name = provider.name() + String.format(": 5x5 column pad %d, widths 32..66", columnPad);
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    for (int w = 32; w <= 66; w++) {
                        int padRows = w % 3;
                        int height = 5 + w % 5;
                        int batch = 1 + w % 3;
                        int channels = w % 2 == 0 ? 8 : 3;
                        int[] s = {batch, channels, height, w, 5, padRows, padColumns};
                        assertThat(DepthwiseRolling.scatterApplies(geometry(s))).as(Arrays.toString(s)).isTrue();
                        rowsAsThePhasePlanes(rolling, s);
                    }
                }));
            }
        }
        return tests;
    }

    /**
     * The rows path on shape {@code s} ({batch, channels, height, width, kernel, row padding, column padding}):
     * close to the reference, the same bits at 1-3 threads, and bit for bit the phase planes'.
     */
    private static void rowsAsThePhasePlanes(DepthwiseRolling rolling, int[] s) {
        ConvGeometry g = geometry(s);
        Random data = new Random(Arrays.hashCode(s));
        float[] weight = GradientChecker.random(data, g.weightSize()).data();
        float[] response = GradientChecker.random(data, g.responseSize()).data();
        float[] expected = ReferenceConv.scatter(g, response, weight);
        sameBitsAtAnyThreadCount(expected, () -> rolling.columnPhases(g, response, weight));
        assertThat(rolling.columnPhases(g, response, weight)).as(Arrays.toString(s))
                .containsExactly(rolling.phaseScatter(g, response, weight));
    }
}
