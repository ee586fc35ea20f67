package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DepthwiseRolling} (2-d depthwise 3×3 and 5×5, stride 1 and 2) against the reference loops, on
 * the scalar and the Vector API provider, at 1, 2 and 3 threads with the same bits: odd and even sizes,
 * rows of one vector, of two, past two and a vector and a bit (the moved-back strip pair), padding 0, 1, 2
 * and past the kernel's reach, many planes (runs of planes) and few (bands of rows); the weight gradient's
 * tap sums on the same padded planes; and the unit-stride input gradient, which runs the forward's kernels
 * through the flipped correlation. Unit-stride rows narrower than a vector (dw15's flat run) included.
 */
class DepthwiseRollingTest {
    /** {N, C, H, W, K, stride, padding}. */
    private static final int[][] SHAPES = {
            {2, 3, 16, 16, 3, 1, 1}, {1, 2, 18, 19, 3, 1, 0}, {1, 3, 27, 27, 3, 1, 1}, {2, 2, 9, 33, 3, 1, 2},
            {1, 2, 34, 35, 3, 2, 1}, {1, 2, 33, 34, 3, 2, 0}, {2, 3, 57, 57, 3, 2, 1}, {1, 2, 40, 70, 3, 2, 3},
            {1, 2, 20, 32, 5, 1, 2}, {2, 3, 28, 28, 5, 1, 2}, {1, 2, 21, 23, 5, 1, 0}, {1, 2, 25, 41, 5, 1, 1},
            {1, 2, 36, 36, 5, 2, 2}, {1, 2, 37, 37, 5, 2, 2}, {2, 2, 56, 56, 5, 2, 2}, {1, 2, 41, 83, 5, 2, 0},
            {1, 2, 30, 36, 5, 2, 4}, {3, 24, 12, 40, 3, 1, 1}, {3, 24, 19, 38, 5, 2, 2}, {1, 1, 5, 40, 5, 1, 2},
            // dw15: unit-stride rows under a vector (the flat run): 14 wide, odd widths, pad 0, rows past half a
            // vector and under it, planes whose run is just over a vector or under one, few planes (bands)
            {2, 5, 14, 14, 5, 1, 2}, {1, 3, 13, 13, 5, 1, 2}, {1, 2, 29, 15, 5, 1, 2}, {1, 2, 14, 14, 3, 1, 1},
            {2, 3, 27, 9, 3, 1, 0}, {1, 2, 7, 7, 3, 1, 1}, {1, 2, 5, 5, 3, 1, 0}, {1, 2, 4, 4, 3, 1, 1},
            {3, 24, 14, 14, 5, 1, 2}, {1, 1, 14, 14, 5, 1, 2}, {1, 2, 11, 11, 5, 1, 0}, {1, 2, 6, 3, 5, 1, 3},
    };

    private static ConvGeometry geometry(int[] s) {
        ConvOptions o = ConvOptions.conv2d().stride(s[5]).padding(s[6]).groups(s[1]);
        return ConvPlan.resolve(o, new int[] {s[0], s[1], s[2], s[3]}, new int[] {s[1], 1, s[4], s[4]}, null).geometry();
    }

    @TestFactory
    List<DynamicTest> rollingMatchesTheReferenceAtAnyThreadCount() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            DepthwiseRolling rolling = new DepthwiseRolling(provider.vectorOps());
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            for (int[] s : SHAPES) {
                ConvGeometry g = geometry(s);
                tests.add(DynamicTest.dynamicTest(provider.name() + ": " + Arrays.toString(s), () -> {
                    assertThat(DepthwiseRolling.applies(g)).isTrue();
                    Random data = new Random(Arrays.hashCode(s));
                    float[] image = GradientChecker.random(data, g.imageSize()).data();
                    float[] weight = GradientChecker.random(data, g.weightSize()).data();
                    float[] response = GradientChecker.random(data, g.responseSize()).data();
                    float[] expected = ReferenceConv.correlate(g, image, weight);
                    float[] expectedScatter = ReferenceConv.scatter(g, response, weight);
                    float[] expectedGradient = ReferenceConv.weightGradient(g, image, response);
                    int before = Parallel.threads();
                    try {
                        float[] first = null;
                        float[] firstGradient = null;
                        for (int threads = 1; threads <= 3; threads++) {
                            Parallel.setThreads(threads);
                            float[] out = rolling.correlate(g, image, weight);
                            FastConvTest.assertClose("correlate", out, expected);
                            FastConvTest.assertClose("through the dispatch", dispatch.correlate(g, image, weight), expected);
                            FastConvTest.assertClose("scatter", dispatch.scatter(g, response, weight), expectedScatter);
                            float[] gradient = rolling.weightGradient(g, image, response);
                            FastConvTest.assertClose("weight gradient", gradient, expectedGradient);
                            FastConvTest.assertClose("weight gradient through the dispatch",
                                    dispatch.weightGradient(g, image, response), expectedGradient);
                            if (first == null) {
                                first = out;
                                firstGradient = gradient;
                            } else {
                                assertThat(out).as("%d threads", threads).containsExactly(first);
                                assertThat(gradient).as("weight gradient, %d threads", threads).containsExactly(firstGradient);
                            }
                        }
                    } finally {
                        Parallel.setThreads(before);
                    }
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> otherKernelsStayOnTheRowBlocks() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            int lanes = provider.vectorOps().depthwiseRowsMinWidth(2);
            tests.add(DynamicTest.dynamicTest(provider.name(), () -> {
                assertThat(DepthwiseRolling.applies(geometry(new int[] {1, 2, 40, 40, 7, 1, 3}))).isFalse();
                assertThat(DepthwiseRolling.applies(geometry(new int[] {1, 2, 40, 40, 3, 3, 1}))).isFalse();
                ConvGeometry dilated = ConvPlan.resolve(ConvOptions.conv2d().dilation(2).padding(2).groups(2),
                        new int[] {1, 2, 30, 30}, new int[] {2, 1, 3, 3}, null).geometry();
                assertThat(DepthwiseRolling.applies(dilated)).isFalse();
                int narrow = lanes - 1;
                if (narrow > 0) { // stride-2 rows under the rolling kernels' width: the phase planes
                    ConvGeometry g = geometry(new int[] {1, 2, 20, 2 * narrow, 3, 2, 1});
                    assertThat(DepthwiseRolling.applies(g)).isTrue();
                    assertThat(DepthwiseRolling.wholeRows(g, provider.vectorOps())).isFalse();
                }
            }));
        }
        return tests;
    }

    /**
     * dws2f19: the stride-2 forward at every row width 5..70, odd and even, padding 0-2, 3×3 and 5×5 (the phase
     * planes under a vector's width, the rolling strips from it), few planes (bands of rows) and many (runs of
     * planes), against the reference loops, the same bits at 1, 2 and 3 threads; and stride 1 on the same widths.
     */
    @TestFactory
    List<DynamicTest> stridedForwardAtEveryWidth() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            DepthwiseConv depthwise = new DepthwiseConv(provider.vectorOps());
            for (int k = 3; k <= 5; k += 2) {
                for (int stride = 1; stride <= 2; stride++) {
                    for (int pad = 0; pad <= 2; pad++) {
                        int[][] shapes = new int[66][];
                        for (int w = 5; w <= 70; w++) {
                            int planes = w % 3 == 0 ? 20 : 2; // runs of planes, or bands of rows
                            shapes[w - 5] = new int[] {w % 2 + 1, planes / (w % 2 + 1), 6 + w % 7 + k, w, k, stride, pad};
                        }
                        String name = provider.name() + String.format(": %dx%d stride %d pad %d, widths 5..70", k, k, stride, pad);
                        tests.add(DynamicTest.dynamicTest(name, () -> {
                            for (int[] s : shapes) {
                                forwardMatchesAtAnyThreadCount(depthwise, s);
                            }
                        }));
                    }
                }
            }
        }
        return tests;
    }

    private static void forwardMatchesAtAnyThreadCount(DepthwiseConv depthwise, int[] s) {
        ConvGeometry g = geometry(s);
        assertThat(DepthwiseRolling.applies(g)).as(Arrays.toString(s)).isTrue();
        Random data = new Random(Arrays.hashCode(s));
        float[] image = GradientChecker.random(data, g.imageSize()).data();
        float[] weight = GradientChecker.random(data, g.weightSize()).data();
        float[] expected = ReferenceConv.correlate(g, image, weight);
        int before = Parallel.threads();
        try {
            float[] first = null;
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                float[] out = depthwise.correlate(g, image, weight);
                FastConvTest.assertClose(Arrays.toString(s), out, expected);
                if (first == null) {
                    first = out;
                } else {
                    assertThat(out).as("%s, %d threads", Arrays.toString(s), threads).containsExactly(first);
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * dwn20: the stride-2 weight gradient at every row width 5..70, odd and even, padding 0-2, 3×3 and 5×5 (the
     * phase planes' flat runs under two strips' width, on the Vector API, the rolling strips from it), batches of one image, of a few
     * and past a call's images (the sums carried across calls), against the reference loops, the same bits at 1, 2
     * and 3 threads.
     */
    @TestFactory
    List<DynamicTest> stridedWeightGradientAtEveryWidth() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            DepthwiseConv depthwise = new DepthwiseConv(provider.vectorOps());
            for (int k = 3; k <= 5; k += 2) {
                for (int pad = 0; pad <= 2; pad++) {
                    int kernel = k;
                    int padding = pad;
                    String name = provider.name() + String.format(": %dx%d stride 2 pad %d, widths 5..70", k, k, pad);
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        for (int w = 5; w <= 70; w++) {
                            int batch = w % 5 == 0 ? 17 : w % 2 + 1;
                            int[] s = {batch, 3, 6 + w % 7 + kernel, w, kernel, 2, padding};
                            ConvGeometry g = geometry(s);
                            assertThat(DepthwiseRolling.applies(g)).as(Arrays.toString(s)).isTrue();
                            weightGradientKeepsItsBits(depthwise, g, s);
                        }
                    }));
                }
            }
        }
        return tests;
    }

    /**
     * dws22: unit-stride weight gradients on the padded rows' flat tap runs, widths 13-35 and a few wide planes
     * (whose runs split a batch into calls of one image), 3×3 and 5×5, pads 0-2, batches of 1, 2, 5 and 17 (calls of
     * several images), 8 to 144 channels, against {@link ReferenceConv#weightGradient} on both providers, bit for bit
     * at 1-3 threads.
     */
    @TestFactory
    List<DynamicTest> unitStrideWeightGradientAtEveryWidth() {
        List<DynamicTest> tests = new ArrayList<>();
        int[] widths = {13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 64, 71};
        int[] batches = {1, 2, 5, 17};
        for (KernelProvider provider : Providers.all()) {
            DepthwiseConv depthwise = new DepthwiseConv(provider.vectorOps());
            for (int k = 3; k <= 5; k += 2) {
                for (int pad = 0; pad <= 2; pad++) {
                    int kernel = k;
                    int padding = pad;
                    String name = provider.name() + String.format(": %dx%d stride 1 pad %d, widths 13..35, 64, 71", k, k, pad);
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        for (int i = 0; i < widths.length; i++) {
                            int w = widths[i];
                            int channels = i % 3 == 0 ? 8 : i % 3 == 1 ? 24 : i == 8 ? 144 : 3;
                            int[] s = {batches[i % batches.length], channels, 5 + w % 9 + kernel, w, kernel, 1, padding};
                            ConvGeometry g = geometry(s);
                            assertThat(DepthwiseRolling.applies(g)).as(Arrays.toString(s)).isTrue();
                            weightGradientKeepsItsBits(depthwise, g, s);
                        }
                    }));
                }
            }
        }
        return tests;
    }

    /**
     * dws23: unit-stride 3×3 weight gradients with one padding row and column a side take the whole planes
     * ({@link DepthwiseRolling#samePlanes}): heights and widths 1-40, odd and even, square or not, planes under and
     * over a vector, batches of 1, 2, 7 and 17 (calls of several images, and several calls a channel on the larger
     * planes), against {@link ReferenceConv#weightGradient} on both providers, bit for bit at 1-3 threads; the
     * kernel called directly on both providers too (the dispatch takes one), against the same sums in double.
     */
    @TestFactory
    List<DynamicTest> samePaddedUnitStrideWeightGradientOnWholePlanes() {
        List<DynamicTest> tests = new ArrayList<>();
        int[][] sizes = {{1, 1}, {2, 3}, {4, 4}, {5, 5}, {3, 7}, {6, 6}, {7, 9}, {8, 8}, {13, 13}, {15, 16}, {16, 15},
                {17, 17}, {19, 19}, {20, 21}, {23, 23}, {24, 24}, {27, 27}, {31, 33}, {32, 32}, {40, 40}, {40, 37}};
        int[] batches = {1, 2, 7, 17};
        for (KernelProvider provider : Providers.all()) {
            DepthwiseConv depthwise = new DepthwiseConv(provider.vectorOps());
            tests.add(DynamicTest.dynamicTest(provider.name() + ": 3x3 stride 1 pad 1, planes 1x1..40x40", () -> {
                for (int i = 0; i < sizes.length; i++) {
                    int[] s = {batches[i % batches.length], i % 2 == 0 ? 3 : 10, sizes[i][0], sizes[i][1], 3, 1, 1};
                    ConvGeometry g = geometry(s);
                    assertThat(DepthwiseRolling.samePlanes(g)).as(Arrays.toString(s)).isTrue();
                    weightGradientKeepsItsBits(depthwise, g, s);
                }
            }));
            tests.add(DynamicTest.dynamicTest(provider.name() + ": depthwiseSameTapSums3 against double sums", () -> {
                for (int[] hw : sizes) {
                    for (int images = 1; images <= 3; images++) {
                        int size = hw[0] * hw[1];
                        int step = 2 * size + 5; // planes apart, another channel's between
                        Random data = new Random(31L * size + images);
                        float[] y = GradientChecker.random(data, 3 + images * step).data();
                        float[] x = GradientChecker.random(data, 3 + images * step).data();
                        double[] sums = new double[11];
                        sums[10] = 0.5; // sums past the 9 taps untouched
                        provider.vectorOps().depthwiseSameTapSums3(y, x, 3, step, images, hw[0], hw[1], sums, 1);
                        assertThat(sums[0]).isZero();
                        for (int kh = 0; kh < 3; kh++) {
                            for (int kw = 0; kw < 3; kw++) {
                                double expected = 0;
                                for (int n = 0; n < images; n++) {
                                    int b = 3 + n * step;
                                    for (int r = 0; r < hw[0]; r++) {
                                        for (int j = 0; j < hw[1]; j++) {
                                            int ir = r + kh - 1;
                                            int ij = j + kw - 1;
                                            if (ir >= 0 && ir < hw[0] && ij >= 0 && ij < hw[1]) {
                                                expected += (double) y[b + r * hw[1] + j] * x[b + ir * hw[1] + ij];
                                            }
                                        }
                                    }
                                }
                                assertThat(sums[1 + kh * 3 + kw]).as("%s tap %d,%d", Arrays.toString(hw), kh, kw)
                                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-4 * (1 + Math.abs(expected))));
                            }
                        }
                        assertThat(sums[10]).isEqualTo(0.5);
                    }
                }
            }));
            tests.add(DynamicTest.dynamicTest(provider.name() + ": another channel's infinities stay out", () -> {
                int[] s = {2, 2, 9, 19, 3, 1, 1};
                ConvGeometry g = geometry(s);
                Random data = new Random(5);
                float[] image = GradientChecker.random(data, g.imageSize()).data();
                float[] response = GradientChecker.random(data, g.responseSize()).data();
                float[] clean = depthwise.weightGradient(g, image, response);
                int plane = g.imagePlane();
                for (int n = 0; n < 2; n++) { // channel 1's planes, on both sides of channel 0's
                    Arrays.fill(image, (2 * n + 1) * plane, (2 * n + 2) * plane, Float.POSITIVE_INFINITY);
                }
                float[] dw = depthwise.weightGradient(g, image, response);
                assertThat(Arrays.copyOf(dw, 9)).containsExactly(Arrays.copyOf(clean, 9));
            }));
        }
        return tests;
    }

    /** The weight gradient of {@code g} on random data seeded by {@code s}: the reference's, bit for bit at 1-3 threads. */
    /**
     * dw24: the unit-stride 3×3 forward read in place ({@link VectorOps#depthwiseRows3InPlace}) has the bits of
     * {@link VectorOps#depthwiseRows} on the padded copy from the width the provider asks (narrower: close), on both
     * providers: widths 5..40 (under a vector, one, a
     * vector and a bit, two and past) and wider ones to 130 (dw30's four-strip groups), heights 3..8, padding 0-2, bands of rows, the plane first and last in its
     * array (the masked loads at the array's ends); the dispatch takes it from the width the provider asks.
     */
    @TestFactory
    List<DynamicTest> unitStride3x3ForwardInPlaceKeepsThePaddedBits() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            VectorOps ops = provider.vectorOps();
            tests.add(DynamicTest.dynamicTest(provider.name(), () -> {
                // dw30: past 40, the four-strip kernel's groups (two groups from 65 columns, the last moved back)
                int[] wide = {45, 56, 57, 63, 64, 65, 66, 79, 97, 112, 113, 130};
                for (int width : java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(5, 40),
                        Arrays.stream(wide)).toArray()) {
                    for (int pad = 0; pad <= 2; pad++) {
                        int height = 3 + width % 6;
                        ConvGeometry g = geometry(new int[] {1, 2, height, width, 3, 1, pad});
                        assertThat(DepthwiseRolling.inPlace(g, ops)).as("width %d", width)
                                .isEqualTo(width + 2 * pad - 2 >= ops.depthwiseInPlaceMinWidth());
                        inPlaceMatchesPadded(ops, 3, height, width, pad);
                    }
                }
                inPlaceMatchesPadded(ops, 3, 4, 6, 7); // 18 columns from 6 (dw48: not the blended pair)
            }));
        }
        return tests;
    }

    /**
     * dw48: the unit-stride 5×5 forward read in place ({@link VectorOps#depthwiseRows5InPlace}, one strip at a
     * time, the edges blended) has the bits of {@link VectorOps#depthwiseRows} on the padded copy where
     * {@link VectorOps#depthwiseUnit5InPlace} takes the rows (elsewhere close), on both providers: widths 8..40 (one
     * strip, two, the last strip moved back) and wider ones to 130, heights 5..10, padding 0-3, bands of rows, the plane
     * first and last in its array (the rows whose whole-vector loads would leave it), padding wider than the image
     * (the scalar fmas); the dispatch takes it where the provider does.
     */
    @TestFactory
    List<DynamicTest> unitStride5x5ForwardInPlaceKeepsThePaddedBits() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            VectorOps ops = provider.vectorOps();
            tests.add(DynamicTest.dynamicTest(provider.name(), () -> {
                int[] wide = {45, 47, 56, 63, 64, 65, 66, 79, 97, 112, 130};
                for (int width : java.util.stream.IntStream.concat(java.util.stream.IntStream.rangeClosed(8, 40),
                        Arrays.stream(wide)).toArray()) {
                    for (int pad = 0; pad <= 3; pad++) {
                        int height = 5 + width % 6;
                        ConvGeometry g = geometry(new int[] {1, 2, height, width, 5, 1, pad});
                        assertThat(DepthwiseRolling.inPlace(g, ops)).as("width %d pad %d", width, pad)
                                .isEqualTo(ops.depthwiseUnit5InPlace(width, pad, width + 2 * pad - 4));
                        inPlaceMatchesPadded(ops, 5, height, width, pad);
                    }
                }
                inPlaceMatchesPadded(ops, 5, 6, 6, 7); // 16 columns from 6: padding wider than the row
                inPlaceMatchesPadded(ops, 5, 5, 3, 9);
            }));
        }
        return tests;
    }

    /**
     * dw51: unit-stride 5×5 rows of more than half a vector and under one, read in place a row a vector (h50-k5-15's 15
     * columns): on the Vector API from JDK 18 the dispatch takes them there, and the forward through the dispatch has
     * the bits of main's path, {@link VectorOps#depthwiseRows} on the padded planes (the flat run), at 1 and 2 threads,
     * close to the reference loops; the input gradient (the flipped correlation) close to them and the same bits at 1
     * and 2 threads. Many planes (runs of planes, the array's first and last plane) and few (bands of rows); padding
     * 0-3.
     */
    @TestFactory
    List<DynamicTest> narrowUnitStride5x5RowsInPlaceKeepTheFlatRunsBits() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            VectorOps ops = provider.vectorOps();
            int lanes = ops.depthwiseRowsMinWidth(2); // the Vector API's lanes, 1 on the scalar kernels
            boolean vectors = lanes > 1 && Runtime.version().feature() >= 18;
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            tests.add(DynamicTest.dynamicTest(provider.name(), () -> {
                int[][] shapes = {{8, 16, 15, 15, 5, 1, 2}, {1, 2, 15, 15, 5, 1, 2}, {3, 5, 13, 13, 5, 1, 2},
                        {2, 7, 12, 9, 5, 1, 2}, {1, 3, 11, 14, 5, 1, 1}, {2, 3, 16, 19, 5, 1, 0},
                        {1, 4, 9, 8, 5, 1, 3}, {16, 8, 11, 11, 5, 1, 2}, {1, 1, 6, 15, 5, 1, 2}};
                for (int[] s : shapes) {
                    ConvGeometry g = geometry(s);
                    int outWidth = g.response()[2];
                    boolean inPlace = DepthwiseRolling.inPlace(g, ops);
                    // (reads past a row's end, lanes + 4 - padding - width, within the next row)
                    if (vectors && outWidth > lanes / 2 && outWidth < lanes && lanes + 4 - s[6] - s[3] <= s[3]) {
                        assertThat(inPlace).as(Arrays.toString(s)).isTrue();
                    }
                    Random data = new Random(Arrays.hashCode(s));
                    float[] image = GradientChecker.random(data, g.imageSize()).data();
                    float[] weight = GradientChecker.random(data, g.weightSize()).data();
                    float[] response = GradientChecker.random(data, g.responseSize()).data();
                    float[] flatRuns = paddedForward(ops, g, image, weight);
                    FastConvTest.assertClose(Arrays.toString(s), flatRuns, ReferenceConv.correlate(g, image, weight));
                    float[] expectedScatter = ReferenceConv.scatter(g, response, weight);
                    // dws53: the input gradient reads the forward's kernel flipped where the flipped geometry stacks
                    ConvGeometry f = ConvDispatch.flipped(g);
                    if (vectors) {
                        assertThat(new DepthwiseConv(ops).readsFlipped(f)).as("%s flipped", Arrays.toString(s))
                                .isEqualTo(f.response()[2] <= lanes / 2 && f.image()[2] <= f.response()[2]
                                        || DepthwiseRolling.lanePlanes(f, ops));
                    }
                    float[] flippedCopy = FastConv.flipTransposed(g, weight);
                    float[] scatter = null;
                    for (int threads = 1; threads <= 2; threads++) {
                        // main's input gradient: the correlation on a flipped copy of the kernel
                        float[] copied = Providers.atThreads(threads, () -> dispatch.correlate(f, response, flippedCopy));
                        float[] out = Providers.atThreads(threads, () -> dispatch.correlate(g, image, weight));
                        if (inPlace) { // (elsewhere one-row bands run the scalar loops: close)
                            assertThat(out).as("%s, %d threads", Arrays.toString(s), threads).containsExactly(flatRuns);
                        } else {
                            FastConvTest.assertClose(Arrays.toString(s), out, flatRuns);
                        }
                        float[] dx = Providers.atThreads(threads, () -> dispatch.scatter(g, response, weight));
                        FastConvTest.assertClose(Arrays.toString(s) + " scatter", dx, expectedScatter);
                        if (scatter != null) {
                            assertThat(dx).as("%s scatter, %d threads", Arrays.toString(s), threads)
                                    .containsExactly(scatter);
                        }
                        scatter = dx;
                    }
                }
            }));
        }
        return tests;
    }

    /**
     * dw52: unit-stride 3×3 and 5×5 rows of at most half a vector, at least as wide as the image's, run several output
     * rows a vector ({@link VectorOps#depthwiseStackedPlanes}; from JDK 18 on the Vector API, asserted): the forward
     * has the bits of main's path, the padded planes' flat run, where that run spans a vector (shorter runs were its
     * scalar loop: close), at 1 and 2 threads, close to the reference loops; the input gradient (the flipped
     * correlation, the same path; dws53: its kernel read flipped from the forward's, asserted taken where the flipped
     * geometry stacks) close to them, the bits of main's correlation on a flipped copy and the same bits at 1 and 2
     * threads. Many planes and few (bands of
     * rows, a band shorter than a vector's rows), 1-16 images, padding 1-4.
     */
    @TestFactory
    List<DynamicTest> stackedNarrowRowsKeepTheFlatRunsBits() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            VectorOps ops = provider.vectorOps();
            int lanes = ops.depthwiseRowsMinWidth(2); // the Vector API's lanes, 1 on the scalar kernels
            boolean vectors = lanes > 1 && Runtime.version().feature() >= 18;
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            tests.add(DynamicTest.dynamicTest(provider.name(), () -> {
                int[][] shapes = {{4, 16, 7, 7, 5, 1, 2}, {1, 2, 7, 7, 5, 1, 2}, {8, 5, 6, 6, 5, 1, 2},
                        {2, 3, 8, 8, 5, 1, 2}, {16, 4, 4, 4, 5, 1, 2}, {1, 3, 5, 5, 5, 1, 3}, {2, 3, 9, 4, 5, 1, 4},
                        {8, 16, 7, 7, 3, 1, 1}, {1, 1, 7, 7, 3, 1, 1}, {3, 5, 5, 5, 3, 1, 1}, {16, 2, 3, 3, 3, 1, 1},
                        {2, 4, 8, 8, 3, 1, 1}, {1, 3, 6, 6, 3, 1, 2}, {2, 7, 12, 6, 3, 1, 1}, {1, 1, 1, 1, 3, 1, 1},
                        // dwt54: tasks of several planes of under four vectors each, whose vectors share blocks
                        // (chunks of 16 planes, a last block past the last vector, planes of 1, 2 and 3 vectors),
                        // and 8 x 8 planes of four vectors beside them on the one-plane path
                        {16, 256, 4, 4, 3, 1, 1}, {8, 192, 6, 6, 5, 1, 2}, {3, 64, 3, 3, 3, 1, 1},
                        {5, 40, 5, 5, 5, 1, 2}, {4, 70, 4, 6, 3, 1, 2}, {9, 150, 8, 8, 3, 1, 1}};
                for (int[] s : shapes) {
                    ConvGeometry g = geometry(s);
                    int outWidth = g.response()[2];
                    boolean stacked = DepthwiseRolling.stackedRows(g, ops);
                    if (vectors) {
                        assertThat(stacked).as(Arrays.toString(s)).isEqualTo(outWidth <= lanes / 2 && s[3] <= outWidth);
                    }
                    Random data = new Random(Arrays.hashCode(s));
                    float[] image = GradientChecker.random(data, g.imageSize()).data();
                    float[] weight = GradientChecker.random(data, g.weightSize()).data();
                    float[] response = GradientChecker.random(data, g.responseSize()).data();
                    float[] flatRuns = paddedForward(ops, g, image, weight);
                    FastConvTest.assertClose(Arrays.toString(s), flatRuns, ReferenceConv.correlate(g, image, weight));
                    int rowLength = s[3] + 2 * s[6];
                    boolean flatRun = (g.response()[1] - 1) * rowLength + outWidth >= lanes;
                    float[] expectedScatter = ReferenceConv.scatter(g, response, weight);
                    // dws53: the input gradient reads the forward's kernel flipped where the flipped geometry stacks
                    ConvGeometry f = ConvDispatch.flipped(g);
                    if (vectors) {
                        assertThat(new DepthwiseConv(ops).readsFlipped(f)).as("%s flipped", Arrays.toString(s))
                                .isEqualTo(f.response()[2] <= lanes / 2 && f.image()[2] <= f.response()[2]
                                        || DepthwiseRolling.lanePlanes(f, ops));
                    }
                    float[] flippedCopy = FastConv.flipTransposed(g, weight);
                    float[] scatter = null;
                    for (int threads = 1; threads <= 2; threads++) {
                        // main's input gradient: the correlation on a flipped copy of the kernel
                        float[] copied = Providers.atThreads(threads, () -> dispatch.correlate(f, response, flippedCopy));
                        float[] out = Providers.atThreads(threads, () -> dispatch.correlate(g, image, weight));
                        if (stacked && flatRun) {
                            assertThat(out).as("%s, %d threads", Arrays.toString(s), threads).containsExactly(flatRuns);
                        } else {
                            FastConvTest.assertClose(Arrays.toString(s), out, flatRuns);
                        }
                        float[] dx = Providers.atThreads(threads, () -> dispatch.scatter(g, response, weight));
                        FastConvTest.assertClose(Arrays.toString(s) + " scatter", dx, expectedScatter);
                        assertThat(dx).as("%s scatter as main's, %d threads", Arrays.toString(s), threads)
                                .containsExactly(copied);
                        if (scatter != null) {
                            assertThat(dx).as("%s scatter, %d threads", Arrays.toString(s), threads)
                                    .containsExactly(scatter);
                        }
                        scatter = dx;
                    }
                }
            }));
        }
        return tests;
    }

    /**
     * dw55: tiny planes with the channels in the lanes ({@link VectorOps#depthwiseLanePlanes}) give each output the
     * fma chain of main's stacked rows and in-place rows (kh then t, from zero, the padding's zeros included), forward
     * and unit-stride input gradient, bitwise, at 1 and 2 threads: whole blocks of 16 channels, channels not a
     * multiple of the lanes or fewer than them (blocks across images, a last block of fewer planes), padding 0-3, 3×3
     * and 5×5, planes wider than tall and taller than wide; dw56's row groups: odd heights and widths 3-10, one row
     * (on the per-position kernel; a one-row 5×5 response 8 wide on the row groups), a lone 4-wide 5×5 group, 3×3
     * row pairs of 4; 3×3 responses past 10 a side, 5×5 past 8 (9 × 9, 8 × 10) and too few planes stay
     * off the path.
     */
    @TestFactory
    List<DynamicTest> lanePlanesKeepMainsFmaChain() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            VectorOps ops = provider.vectorOps();
            boolean vectors = ops.depthwiseRowsMinWidth(2) == 16 && Runtime.version().feature() >= 18;
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            tests.add(DynamicTest.dynamicTest(provider.name(), () -> {
                int[][] shapes = {{16, 256, 4, 4, 3, 1, 1}, {16, 320, 5, 5, 3, 1, 1}, {8, 192, 6, 6, 5, 1, 2},
                        {8, 144, 8, 8, 5, 1, 2}, {4, 256, 7, 7, 5, 1, 2}, {16, 64, 9, 9, 5, 1, 2},
                        {3, 7, 5, 5, 3, 1, 1}, {5, 20, 3, 3, 5, 1, 2}, {2, 24, 9, 9, 3, 1, 0}, {4, 12, 6, 3, 5, 1, 3},
                        {2, 9, 4, 7, 3, 1, 2}, {1, 17, 3, 3, 3, 1, 1}, {1, 16, 10, 10, 3, 1, 1}, {1, 15, 4, 4, 3, 1, 1},
                        {3, 10, 6, 4, 3, 1, 1}, {4, 12, 5, 3, 5, 1, 3}, {2, 40, 7, 7, 3, 1, 1}, {3, 30, 9, 5, 3, 1, 1},
                        {2, 25, 1, 9, 3, 1, 1}, {2, 20, 8, 10, 5, 1, 2}, {1, 16, 11, 11, 3, 1, 1}, {2, 9, 9, 9, 5, 1, 2},
                        {2, 16, 1, 8, 5, 1, 2}, {2, 16, 4, 4, 5, 1, 2}, {2, 16, 8, 8, 3, 1, 1}};
                for (int[] s : shapes) {
                    ConvGeometry g = geometry(s);
                    ConvGeometry f = ConvDispatch.flipped(g);
                    boolean lanes = DepthwiseRolling.lanePlanes(g, ops);
                    if (vectors) {
                        int side = s[4] == 3 ? 10 : 8; // dw56: 3×3 up to 10 × 10, 5×5 up to 8 × 8
                        assertThat(lanes).as(Arrays.toString(s)).isEqualTo(
                                g.response()[1] <= side && g.response()[2] <= side && s[0] * s[1] >= 16);
                        assertThat(DepthwiseRolling.lanePlanes(f, ops)).as("%s flipped", Arrays.toString(s)).isEqualTo(
                                f.response()[1] <= side && f.response()[2] <= side && s[0] * s[1] >= 16);
                    } else {
                        assertThat(lanes).as(Arrays.toString(s)).isFalse();
                    }
                    Random data = new Random(Arrays.hashCode(s) + 55);
                    float[] image = GradientChecker.random(data, g.imageSize()).data();
                    float[] weight = GradientChecker.random(data, g.weightSize()).data();
                    float[] response = GradientChecker.random(data, g.responseSize()).data();
                    float[] chain = fmaChain(g, image, weight, false);
                    float[] flippedChain = fmaChain(f, response, weight, true);
                    FastConvTest.assertClose(Arrays.toString(s), chain, ReferenceConv.correlate(g, image, weight));
                    FastConvTest.assertClose(Arrays.toString(s) + " scatter", flippedChain,
                            ReferenceConv.scatter(g, response, weight));
                    for (int threads = 1; threads <= 2; threads++) {
                        float[] out = Providers.atThreads(threads, () -> dispatch.correlate(g, image, weight));
                        float[] dx = Providers.atThreads(threads, () -> dispatch.scatter(g, response, weight));
                        if (DepthwiseRolling.lanePlanes(g, ops)) {
                            assertThat(out).as("%s, %d threads", Arrays.toString(s), threads).containsExactly(chain);
                        } else {
                            FastConvTest.assertClose(Arrays.toString(s), out, chain);
                        }
                        if (DepthwiseRolling.lanePlanes(f, ops)) {
                            assertThat(dx).as("%s scatter, %d threads", Arrays.toString(s), threads)
                                    .containsExactly(flippedChain);
                        } else {
                            FastConvTest.assertClose(Arrays.toString(s) + " scatter", dx, flippedChain);
                        }
                    }
                }
            }));
        }
        return tests;
    }

    /**
     * dw256: unit-stride 5×5 rows of more than a vector, whose strips {@link VectorOps#depthwiseRows} rolls in pairs
     * on 8 lanes (one at a time on 16), give each output the fma chain (kh then t, from zero, the padding's zeros
     * included) on the Vector API, bitwise: through the dispatch at 1 and 2 threads, forward and input gradient (the
     * flipped correlation), many planes and few (bands of rows), and on the padded rows called directly; widths of one
     * strip and a bit (the pair overlapping), two, an odd count (the last pair moved back), padding 0-3. The scalar
     * provider's loops (no fma) are close.
     */
    @TestFactory
    List<DynamicTest> unitStride5x5StripPairsKeepTheFmaChain() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            VectorOps ops = provider.vectorOps();
            boolean vectors = ops.depthwiseRowsMinWidth(2) > 1;
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            tests.add(DynamicTest.dynamicTest(provider.name(), () -> {
                int[][] shapes = {{8, 32, 28, 28, 5, 1, 2}, {2, 3, 37, 37, 5, 1, 2}, {1, 2, 9, 9, 5, 1, 2},
                        {4, 24, 9, 9, 5, 1, 2}, {1, 2, 13, 21, 5, 1, 0}, {1, 3, 12, 17, 5, 1, 0}, {2, 5, 11, 33, 5, 1, 1},
                        {1, 2, 10, 42, 5, 1, 3}, {1, 2, 6, 60, 5, 1, 2}, {2, 4, 19, 25, 5, 1, 2}};
                for (int[] s : shapes) {
                    ConvGeometry g = geometry(s);
                    ConvGeometry f = ConvDispatch.flipped(g);
                    Random data = new Random(Arrays.hashCode(s) + 256);
                    float[] image = GradientChecker.random(data, g.imageSize()).data();
                    float[] weight = GradientChecker.random(data, g.weightSize()).data();
                    float[] response = GradientChecker.random(data, g.responseSize()).data();
                    float[] chain = fmaChain(g, image, weight, false);
                    float[] flippedChain = fmaChain(f, response, weight, true);
                    FastConvTest.assertClose(Arrays.toString(s), chain, ReferenceConv.correlate(g, image, weight));
                    FastConvTest.assertClose(Arrays.toString(s) + " scatter", flippedChain,
                            ReferenceConv.scatter(g, response, weight));
                    float[] padded = paddedForward(ops, g, image, weight);
                    if (vectors) {
                        assertThat(padded).as("%s padded rows", Arrays.toString(s)).containsExactly(chain);
                    } else {
                        FastConvTest.assertClose(Arrays.toString(s), padded, chain);
                    }
                    for (int threads = 1; threads <= 2; threads++) {
                        float[] out = Providers.atThreads(threads, () -> dispatch.correlate(g, image, weight));
                        float[] dx = Providers.atThreads(threads, () -> dispatch.scatter(g, response, weight));
                        if (vectors) {
                            assertThat(out).as("%s, %d threads", Arrays.toString(s), threads).containsExactly(chain);
                            assertThat(dx).as("%s scatter, %d threads", Arrays.toString(s), threads)
                                    .containsExactly(flippedChain);
                        } else {
                            FastConvTest.assertClose(Arrays.toString(s), out, chain);
                            FastConvTest.assertClose(Arrays.toString(s) + " scatter", dx, flippedChain);
                        }
                    }
                }
            }));
        }
        return tests;
    }

    /**
     * The unit-stride depthwise correlation of {@code g} in scalar fmas, each output's chain kh then t from zero with
     * the padding's zeros included; where {@code flipped}, with each kernel's taps reversed.
     */
    private static float[] fmaChain(ConvGeometry g, float[] x, float[] w, boolean flipped) {
        int k = g.kernel()[1];
        int kv = k * k;
        int height = g.image()[1];
        int width = g.image()[2];
        int outHeight = g.response()[1];
        int outWidth = g.response()[2];
        int padTop = g.padLeft()[1];
        int padLeft = g.padLeft()[2];
        int channels = g.groups();
        float[] out = new float[g.responseSize()];
        for (int p = 0; p < g.batch() * channels; p++) {
            int wo = p % channels * kv;
            for (int r = 0; r < outHeight; r++) {
                for (int j = 0; j < outWidth; j++) {
                    float sum = 0f;
                    for (int kh = 0; kh < k; kh++) {
                        for (int t = 0; t < k; t++) {
                            int iy = r + kh - padTop;
                            int ix = j + t - padLeft;
                            boolean inside = iy >= 0 && iy < height && ix >= 0 && ix < width;
                            float v = inside ? x[p * height * width + iy * width + ix] : 0f;
                            int tap = kh * k + t;
                            sum = Math.fma(v, w[wo + (flipped ? kv - 1 - tap : tap)], sum);
                        }
                    }
                    out[p * outHeight * outWidth + r * outWidth + j] = sum;
                }
            }
        }
        return out;
    }

    /** The unit-stride forward of {@code g} as main's path runs it: each plane padded whole, {@link VectorOps#depthwiseRows} over all its rows. */
    private static float[] paddedForward(VectorOps ops, ConvGeometry g, float[] image, float[] weight) {
        int k = g.kernel()[1];
        int pad = g.padLeft()[2];
        int height = g.image()[1];
        int width = g.image()[2];
        int rowLength = width + 2 * pad;
        int channels = g.groups();
        int[] taps = java.util.stream.IntStream.range(0, k).toArray();
        float[] out = new float[g.responseSize()];
        for (int p = 0; p < g.batch() * channels; p++) {
            float[] padded = new float[(height + 2 * pad) * rowLength];
            for (int r = 0; r < height; r++) {
                System.arraycopy(image, p * height * width + r * width, padded, (r + pad) * rowLength + pad, width);
            }
            ops.depthwiseRows(padded, 0, rowLength, taps, k, 1, weight, p % channels * k * k, out,
                    p * g.responsePlane(), g.response()[2], 0, g.response()[1]);
        }
        return out;
    }

    private static void inPlaceMatchesPadded(VectorOps ops, int k, int height, int width, int pad) {
        Random data = new Random(31L * width + pad + 1000L * k);
        int plane = height * width;
        float[] image = GradientChecker.random(data, 2 * plane).data();
        float[] weight = GradientChecker.random(data, 2 * k * k).data();
        int outRows = height + 2 * pad - k + 1;
        int outWidth = width + 2 * pad - k + 1;
        int rowLength = width + 2 * pad;
        int[] taps = java.util.stream.IntStream.range(0, k).toArray();
        int lanes = ops.depthwiseRowsMinWidth(2);
        // (dw51: a narrow plane of one output row is the padded copy's scalar loops, not the flat run: close)
        boolean exact = k == 3 ? outWidth >= ops.depthwiseInPlaceMinWidth()
                : ops.depthwiseUnit5InPlace(width, pad, outWidth) && (outRows - 1) * rowLength + outWidth >= lanes;
        for (int p = 0; p < 2; p++) { // the first plane, then the last in the array
            float[] padded = new float[(height + 2 * pad) * rowLength];
            for (int r = 0; r < height; r++) {
                System.arraycopy(image, p * plane + r * width, padded, (r + pad) * rowLength + pad, width);
            }
            // the padded copy's rows all in one call (dw51: a narrow row's flat run of one row alone is the scalar loops')
            float[] all = new float[outRows * outWidth];
            ops.depthwiseRows(padded, 0, rowLength, taps, k, 1, weight, k * k * p, all, 0, outWidth, 0, outRows);
            for (int from = 0; from < outRows; from += 3) { // bands of rows, as the tasks split few planes
                int to = Math.min(outRows, from + 3);
                float[] expected = new float[outRows * outWidth];
                System.arraycopy(all, from * outWidth, expected, from * outWidth, (to - from) * outWidth);
                float[] out = new float[outRows * outWidth];
                if (k == 3) {
                    ops.depthwiseRows3InPlace(image, p * plane, height, width, pad, pad, weight, 9 * p, out, 0,
                            outWidth, from, to);
                } else {
                    ops.depthwiseRows5InPlace(image, p * plane, height, width, pad, pad, weight, 25 * p, out, 0,
                            outWidth, from, to);
                }
                String name = String.format("%dx%d k %d pad %d plane %d rows [%d, %d)", height, width, k, pad, p, from,
                        to);
                if (exact) {
                    assertThat(out).as(name).containsExactly(expected);
                } else { // narrower rows: the interface's loops, the Vector API's flat run's bits aside
                    FastConvTest.assertClose(name, out, expected);
                }
            }
        }
    }

    private static void weightGradientKeepsItsBits(DepthwiseConv depthwise, ConvGeometry g, int[] s) {
        Random data = new Random(Arrays.hashCode(s));
        float[] image = GradientChecker.random(data, g.imageSize()).data();
        float[] response = GradientChecker.random(data, g.responseSize()).data();
        DepthwiseStride2GradientTest.sameBitsAtAnyThreadCount(ReferenceConv.weightGradient(g, image, response),
                () -> depthwise.weightGradient(g, image, response));
    }
}
