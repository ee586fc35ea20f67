package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.testing.GradientChecker;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fast kernel against the reference oracle, on random geometries with odd sizes and loop tails
 * (strides, dilation, padding, groups, depthwise, 1-3 spatial dimensions), for the scalar and the
 * Vector API micro-kernels; and bitwise equality across thread counts.
 */
class FastConvTest {
    static List<KernelProvider> providers() {
        return dev.convkit.core.testing.Providers.all();
    }

    static ConvGeometry randomGeometry(Random r) {
        int rank = 1 + r.nextInt(3);
        int groups = r.nextInt(4) == 0 ? 1 + r.nextInt(3) : 1;
        boolean depthwise = r.nextInt(5) == 0;
        int imageChannels = depthwise ? groups * 1 : groups * (1 + r.nextInt(rank == 3 ? 3 : 20));
        int responseChannels = depthwise ? groups : groups * (1 + r.nextInt(rank == 3 ? 4 : 19));
        int[] image = {1, 1, 1};
        int[] kernel = {1, 1, 1};
        int[] stride = {1, 1, 1};
        int[] dilation = {1, 1, 1};
        int[] pad = {0, 0, 0};
        int[] response = {1, 1, 1};
        for (int i = 3 - rank; i < 3; i++) {
            kernel[i] = 1 + r.nextInt(rank == 3 ? 3 : 5);
            stride[i] = 1 + (r.nextInt(3) == 0 ? r.nextInt(3) : 0);
            dilation[i] = 1 + (r.nextInt(4) == 0 ? 1 : 0);
            pad[i] = r.nextInt(3);
            int span = dilation[i] * (kernel[i] - 1) + 1;
            image[i] = Math.max(1, span - 2 * pad[i]) + r.nextInt(rank == 3 ? 5 : 30);
            response[i] = (image[i] + 2 * pad[i] - span) / stride[i] + 1;
        }
        return new ConvGeometry(1 + r.nextInt(3), groups, imageChannels, responseChannels, image, response, kernel,
                stride, dilation, pad);
    }

    static void assertClose(String what, float[] actual, float[] expected) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        double max = 1;
        for (float e : expected) {
            max = Math.max(max, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("%s[%d]", what, i)
                    .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(2e-5 * max + 1e-4 * Math.abs(expected[i])));
        }
    }

    @TestFactory
    List<DynamicTest> fastKernelsMatchTheReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : providers()) {
            ConvEngine fast = new ConvDispatch(provider, 0);
            for (int seed = 0; seed < 60; seed++) {
                int s = seed;
                tests.add(DynamicTest.dynamicTest(provider.name() + " #" + seed, () -> {
                    Random r = new Random(1000 + s);
                    ConvGeometry g = randomGeometry(r);
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    String what = g.toString();
                    assertClose("correlate " + what, fast.correlate(g, image, weight), ReferenceConv.correlate(g, image, weight));
                    assertClose("scatter " + what, fast.scatter(g, response, weight), ReferenceConv.scatter(g, response, weight));
                    assertClose("weightGradient " + what, fast.weightGradient(g, image, response),
                            ReferenceConv.weightGradient(g, image, response));
                }));
            }
        }
        return tests;
    }

    @Test
    void resultsAreBitwiseIdenticalForOneAndTwoThreads() {
        int before = Parallel.threads();
        try {
            for (KernelProvider provider : providers()) {
                ConvEngine fast = new ConvDispatch(provider, 0);
                for (int seed = 0; seed < 8; seed++) {
                    Random r = new Random(77 + seed);
                    ConvGeometry g = new ConvGeometry(4, 1, 16 + seed, 24, new int[] {1, 23, 29}, new int[] {1, 23, 29},
                            new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    Parallel.setThreads(1);
                    float[] y1 = fast.correlate(g, image, weight);
                    float[] x1 = fast.scatter(g, response, weight);
                    float[] w1 = fast.weightGradient(g, image, response);
                    Parallel.setThreads(2);
                    assertThat(fast.correlate(g, image, weight)).isEqualTo(y1);
                    assertThat(fast.scatter(g, response, weight)).isEqualTo(x1);
                    assertThat(fast.weightGradient(g, image, response)).isEqualTo(w1);
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /**
     * Geometries that reach the GEMM's in-place output (1×1 without padding, strided layouts) and the
     * padded bands of several column tiles, one small image split into blocks of output channels, with
     * ragged edges (channels not a multiple of MR, planes not a multiple of NR), reductions past one KC block,
     * groups, and the strided scatter's channel blocks on one image; each against the reference, and the
     * same bits at one and two threads.
     */
    static List<ConvGeometry> inPlaceGeometries() {
        return List.of(
                geometry(2, 1, 300, 13, 17, 19, 1, 1, 0),  // 1×1, two KC blocks: the tile path
                geometry(1, 2, 40, 26, 9, 11, 1, 1, 0),    // 1×1 grouped, in place, ragged rows and columns
                geometry(2, 1, 520, 20, 15, 15, 1, 2, 0),  // 1×1 stride 2, more inputs than outputs, two KC blocks
                geometry(2, 1, 200, 21, 47, 45, 1, 2, 0),  // 1×1 stride 2 in place, two column tiles
                geometry(1, 1, 37, 21, 27, 23, 3, 2, 1),   // 3×3 stride 2 on odd sizes, k = 333
                geometry(3, 1, 5, 9, 31, 29, 5, 3, 2),     // 5×5 stride 3, in place
                geometry(1, 3, 12, 15, 17, 16, 3, 2, 1),   // grouped, strided, in place
                geometry(2, 1, 40, 12, 40, 37, 3, 1, 1),   // padded, unit stride: four column tiles, each padding its band
                geometry(1, 1, 30, 20, 61, 59, 3, 2, 1),   // padded, strided: two column tiles
                geometry(1, 1, 12, 30, 12, 13, 3, 1, 1));  // one image, one tile: blocks of output channels
    }

    private static ConvGeometry geometry(int batch, int groups, int cin, int cout, int h, int w, int k, int stride, int pad) {
        int oh = (h + 2 * pad - k) / stride + 1;
        int ow = (w + 2 * pad - k) / stride + 1;
        return new ConvGeometry(batch, groups, cin, cout, new int[] {1, h, w}, new int[] {1, oh, ow},
                new int[] {1, k, k}, new int[] {1, stride, stride}, new int[] {1, 1, 1}, new int[] {0, pad, pad});
    }

    @TestFactory
    List<DynamicTest> inPlaceOutputsAndChannelBlocksMatchTheReferenceAtOneAndTwoThreads() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : providers()) {
            for (ConvGeometry g : inPlaceGeometries()) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g.imageChannels() + "->" + g.responseChannels()
                        + " k" + g.kernel()[1] + " s" + g.stride()[1], () -> {
                    ConvEngine fast = new ConvDispatch(provider, 0, false); // exact: no strided Winograd (s2w15)
                    // 3×3 stride 2 with one group runs its phases (s2conv8), here at one and two threads too
                    assertThat(((ConvDispatch) fast).path(g, ConvDispatch.Pass.CORRELATE)).isEqualTo(
                            PhaseSplitConv.applies(g) ? ConvDispatch.Path.PHASE_SPLIT : ConvDispatch.Path.GEMM);
                    Random r = new Random(g.imageChannels());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(1);
                        float[] y1 = fast.correlate(g, image, weight);
                        float[] x1 = fast.scatter(g, response, weight);
                        float[] w1 = fast.weightGradient(g, image, response);
                        assertClose("correlate", y1, ReferenceConv.correlate(g, image, weight));
                        assertClose("scatter", x1, ReferenceConv.scatter(g, response, weight));
                        assertClose("weightGradient", w1, ReferenceConv.weightGradient(g, image, response));
                        Parallel.setThreads(2);
                        assertThat(fast.correlate(g, image, weight)).isEqualTo(y1);
                        assertThat(fast.scatter(g, response, weight)).isEqualTo(x1);
                        assertThat(fast.weightGradient(g, image, response)).isEqualTo(w1);
                    } finally {
                        Parallel.setThreads(before);
                    }
                }));
            }
        }
        return tests;
    }

    /**
     * Geometries that reach the weight gradient's dot products along the positions: several images per
     * pass and several passes, several channel blocks, response channels and kernel rows not a multiple
     * of four, 2×2 and dilated kernels, 3-d, groups, one image; each against the reference, and the same
     * bits at one, two and three threads (the channel blocks follow the thread count).
     */
    static List<ConvGeometry> rowGradientGeometries() {
        return List.of(
                geometry(9, 1, 40, 13, 9, 11, 3, 1, 1),    // small planes: several images per pass, two passes
                geometry(2, 1, 70, 31, 23, 21, 3, 1, 1),   // three channel blocks, one image per pass (31: below Winograd's)
                geometry(1, 1, 9, 7, 30, 33, 3, 1, 0),     // one image, no padding, 81 kernel rows (9 channels: past the dense first layers)
                geometry(3, 2, 14, 18, 17, 15, 2, 1, 1),   // groups, 2×2, asymmetric reach
                geometry(5, 4, 36, 20, 12, 12, 3, 1, 2),   // g = 4, wide padding
                geometry(3, 4, 64, 64, 13, 13, 5, 1, 2),   // grp19: 5×5, g = 4, 16 a group (below Winograd's 32), odd plane
                geometry(2, 2, 16, 32, 12, 12, 5, 1, 2),   // 5×5, g = 2, 8 -> 16 a group, even plane
                geometry(2, 8, 128, 128, 10, 11, 5, 1, 2), // 5×5, g = 8, 16 a group
                geometry(2, 16, 128, 256, 9, 9, 5, 1, 1),  // 5×5, g = 16, 8 -> 16 a group, narrow padding
                geometry(2, 1, 20, 40, 11, 11, 5, 1, 2),   // 5×5 dense below Winograd's 24, 40 rows (ragged quads)
                geometry(2, 2, 128, 128, 10, 10, 4, 1, 1), // 4×4, g = 2, 64 a group (no Winograd for 4×4)
                new ConvGeometry(2, 1, 9, 11, new int[] {1, 20, 19}, new int[] {1, 16, 15}, new int[] {1, 3, 3},
                        new int[] {1, 1, 1}, new int[] {1, 2, 2}, new int[] {0, 0, 0}), // dilation 2, 9 channels
                new ConvGeometry(3, 1, 5, 9, new int[] {6, 7, 8}, new int[] {7, 8, 9}, new int[] {2, 2, 2},
                        new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {1, 1, 1})); // 3-d 2×2×2
    }

    @TestFactory
    List<DynamicTest> rowWeightGradientMatchesTheReferenceAtAnyThreadCount() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : providers()) {
            for (ConvGeometry g : rowGradientGeometries()) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    assertThat(FastConv.rowsPay(g, new ImageLayout(g, true))).as("reaches the dot products").isTrue();
                    ConvEngine fast = new ConvDispatch(provider, 0);
                    assertThat(((ConvDispatch) fast).path(g, ConvDispatch.Pass.WEIGHT_GRADIENT))
                            .isEqualTo(ConvDispatch.Path.GEMM);
                    Random r = new Random(g.imageChannels() * 31 + g.batch());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(1);
                        float[] w1 = fast.weightGradient(g, image, response);
                        assertClose("weightGradient", w1, ReferenceConv.weightGradient(g, image, response));
                        for (int threads = 2; threads <= 3; threads++) {
                            Parallel.setThreads(threads);
                            assertThat(fast.weightGradient(g, image, response)).as("%d threads", threads).isEqualTo(w1);
                        }
                    } finally {
                        Parallel.setThreads(before);
                    }
                }));
            }
        }
        return tests;
    }

    /**
     * Geometries of the pointwise weight gradient (gemm6): 1×1, unit stride, no padding, planes of at
     * least {@value FastConv#POINT_MIN_PLANE}; tails past the last whole vector, a plane past one chunk,
     * response channels not a multiple of 4 (the scalar last quad), image channels not a multiple of 4
     * and over one channel block, several row blocks, groups, 3-d.
     */
    static List<ConvGeometry> pointwiseGradientGeometries() {
        return List.of(
                geometry(2, 1, 13, 10, 23, 25, 1, 1, 0),   // 575 positions: a tail of 15 (of 16 lanes)
                geometry(1, 1, 133, 70, 37, 31, 1, 1, 0),  // 1147 positions: two chunks; 2 channel blocks, 70 rows
                geometry(3, 1, 6, 130, 24, 22, 1, 1, 0),   // three row blocks, the last with 2 rows
                geometry(2, 2, 18, 14, 29, 19, 1, 1, 0),   // groups: 9 channels, 7 rows per group
                geometry(3, 1, 40, 12, 27, 27, 1, 1, 0),   // r1x30: 729 positions, vector tails of 9 but the last rows'
                new ConvGeometry(2, 1, 5, 9, new int[] {5, 11, 13}, new int[] {5, 11, 13}, new int[] {1, 1, 1},
                        new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 0, 0})); // 3-d, 715 positions
    }

    @TestFactory
    List<DynamicTest> pointwiseWeightGradientMatchesTheReferenceAtAnyThreadCount() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : providers()) {
            for (ConvGeometry g : pointwiseGradientGeometries()) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    assertThat(FastConv.pointwisePays(new ImageLayout(g, true), g)).as("reaches the pointwise dots").isTrue();
                    // the engine itself: the dispatch sends the shortest reductions to SmallChannelConv
                    FastConv fast = new FastConv(provider.microKernel(), provider.vectorOps());
                    Random r = new Random(g.imageChannels() * 37 + g.batch());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(1);
                        float[] w1 = fast.weightGradient(g, image, response);
                        assertClose("weightGradient", w1, ReferenceConv.weightGradient(g, image, response));
                        for (int threads = 2; threads <= 3; threads++) {
                            Parallel.setThreads(threads);
                            assertThat(fast.weightGradient(g, image, response)).as("%d threads", threads).isEqualTo(w1);
                        }
                    } finally {
                        Parallel.setThreads(before);
                    }
                }));
            }
        }
        return tests;
    }

    /**
     * r1x49: {@link FastConv#weightGradientPointwiseInPlace}, called directly so that every provider runs it, on the
     * dots' and the small planes' geometries and a wide one whose image is A in two row blocks with a ragged B strip:
     * within the tolerance of the reference, the same bits at 1-3 threads and, on planes under {@value
     * FastConv#POINT_MIN_PLANE}, {@link FastConv#weightGradientPointwisePacked}'s bits (main's path there); and
     * {@code weightGradient} takes it exactly where the provider says so.
     */
    @TestFactory
    List<DynamicTest> pointwiseInPlaceWeightGradientMatchesTheReferenceAtAnyThreadCount() {
        List<ConvGeometry> geometries = new ArrayList<>(pointwiseGradientGeometries());
        geometries.addAll(pointwiseSmallPlaneGeometries());
        geometries.add(geometry(1, 1, 300, 20, 23, 23, 1, 1, 0)); // 529 positions: 300 image rows as A, 20 columns
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : providers()) {
            for (ConvGeometry g : geometries) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    FastConv fast = new FastConv(provider.microKernel(), provider.vectorOps());
                    ImageLayout l = new ImageLayout(g, true);
                    assertThat(FastConv.pointwiseLayout(l, g)).as("a 1×1 layout").isTrue();
                    Random r = new Random(g.imageChannels() * 43 + g.batch());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(1);
                        float[] w1 = fast.weightGradientPointwiseInPlace(g, l, image, response);
                        assertClose("weightGradient", w1, ReferenceConv.weightGradient(g, image, response));
                        if (fast.pointwiseSmallPlane(l, g)) {
                            assertThat(w1).as("the small-plane GEMM's bits")
                                    .isEqualTo(fast.weightGradientPointwisePacked(g, l, image, response));
                        }
                        for (int threads = 2; threads <= 3; threads++) {
                            Parallel.setThreads(threads);
                            assertThat(fast.weightGradientPointwiseInPlace(g, l, image, response))
                                    .as("%d threads", threads).isEqualTo(w1);
                        }
                        float[] dispatched = fast.weightGradient(g, image, response);
                        if (provider.microKernel().pointwiseWeightGradientInPlace()) {
                            assertThat(dispatched).as("weightGradient takes it").isEqualTo(w1);
                        } else if (FastConv.pointwisePays(l, g)) {
                            assertThat(dispatched).as("weightGradient keeps the dots")
                                    .isEqualTo(fast.weightGradientPointwise(g, l, image, response));
                        }
                    } finally {
                        Parallel.setThreads(before);
                    }
                }));
            }
        }
        return tests;
    }

    /**
     * r1x30: {@code dotBlockTail} of every provider equals the scalar loop bit for bit (a product rounded, then added),
     * lanes past the tail untouched by what the rows hold there (NaN and infinities read as whole vectors).
     */
    @Test
    void dotBlockTailsAddTheScalarLoopsProducts() {
        for (KernelProvider provider : providers()) {
            var micro = provider.microKernel();
            int lanes = micro.dotLanes();
            Random r = new Random(5);
            for (int tail = 1; tail < lanes; tail++) {
                int from = 2 * lanes;
                int ldd = 3 * lanes + 5;
                float[] d = new float[4 * ldd + lanes];
                float[] x = new float[4 * ldd + lanes];
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) r.nextGaussian();
                    x[i] = (float) r.nextGaussian();
                }
                for (int i = 0; i < 4; i++) { // what lies past the tails must not reach the sums
                    for (int v = from + tail; v < from + lanes; v++) {
                        d[i * ldd + v] = Float.NaN;
                        x[i * ldd + v] = Float.POSITIVE_INFINITY;
                    }
                }
                float[] acc = new float[16 * lanes];
                for (int i = 0; i < acc.length; i++) {
                    acc[i] = (float) r.nextGaussian();
                }
                float[] expected = acc.clone();
                for (int i = 0; i < 4; i++) {
                    for (int j = 0; j < 4; j++) {
                        for (int v = 0; v < tail; v++) {
                            expected[(4 * i + j) * lanes + v] += d[i * ldd + from + v] * x[j * ldd + from + v];
                        }
                    }
                }
                micro.dotBlockTail(from, tail, d, 0, ldd, x, 0, ldd, 2 * ldd, 3 * ldd, acc, 0);
                assertThat(acc).as("%s tail %d", provider.name(), tail).isEqualTo(expected);
            }
        }
    }

    /**
     * Geometries of the implicit GEMM that reads the image in place (gemm6, {@link FastConv#correlateGather},
     * called directly so that both providers run every one; {@link FastConv#gatherPays} routes some): stride 1, 2 (their
     * constant-spacing kernels) and 3 (the general one), response rows not a multiple of MR (the edge
     * strip), reductions past one KC block, channels not a multiple of the tile width, several row tiles
     * per image, groups, dilation, 3-d, no padding and padding. Unit stride on one plane runs a tile's rows as one
     * strip run of its padded band (grp17, {@link FastConv#rowsRunOn}): runs whose last strip reaches past the last
     * row (and, unpadded, past the batch's last plane), padding wider than the kernel's reach (band rows all zero),
     * dilation, a 1×3 kernel, and widths whose padded pitch is and is not a multiple of MR.
     */
    static List<ConvGeometry> gatherGeometries() {
        return List.of(
                geometry(2, 1, 37, 40, 27, 23, 3, 2, 1),   // 3×3 s2 on odd sizes, k = 333, rows of 12
                geometry(1, 1, 64, 128, 61, 64, 3, 2, 1),  // 3×3 s2, four row tiles, k = 576
                geometry(2, 1, 13, 33, 19, 21, 5, 1, 2),   // 5×5 s1, 33 channels: a ragged channel strip
                geometry(1, 2, 10, 72, 20, 26, 3, 2, 0),   // groups, no padding
                geometry(1, 1, 5, 40, 31, 29, 5, 3, 2),    // stride 3: the general spacing
                geometry(1, 1, 6, 32, 8, 19, 3, 2, 1),     // rows of 10, one row tile
                geometry(1, 1, 24, 100, 13, 14, 3, 1, 1),  // one image, one row run: blocks of channel strips
                new ConvGeometry(1, 1, 7, 34, new int[] {1, 21, 22}, new int[] {1, 9, 9}, new int[] {1, 3, 3},
                        new int[] {1, 2, 2}, new int[] {1, 2, 2}, new int[] {0, 0, 0}), // dilation 2, stride 2
                new ConvGeometry(2, 1, 4, 32, new int[] {7, 9, 19}, new int[] {3, 4, 9}, new int[] {3, 3, 3},
                        new int[] {2, 2, 2}, new int[] {1, 1, 1}, new int[] {1, 1, 1}), // 3-d, stride 2
                geometry(3, 2, 16, 64, 11, 13, 3, 1, 0),   // grp17: unpadded runs, slack past the last plane
                geometry(2, 4, 128, 128, 18, 18, 3, 1, 1), // g4-128-18's groups: pitch 20, two row runs an image
                geometry(1, 2, 64, 64, 14, 14, 3, 1, 1),   // pitch 16, a multiple of MR
                geometry(2, 1, 9, 40, 9, 10, 3, 1, 4),     // padding 4: band rows above and below the image
                geometry(1, 1, 6, 33, 7, 40, 3, 1, 1),     // rows of 40: several row runs, ragged channel strip
                new ConvGeometry(2, 2, 20, 64, new int[] {1, 17, 19}, new int[] {1, 13, 15}, new int[] {1, 3, 3},
                        new int[] {1, 1, 1}, new int[] {1, 2, 2}, new int[] {0, 0, 0}), // dilation 2, stride 1
                new ConvGeometry(2, 1, 12, 48, new int[] {1, 9, 23}, new int[] {1, 9, 23}, new int[] {1, 1, 3},
                        new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 0, 1})); // 1×3
    }

    @TestFactory
    List<DynamicTest> gatherCorrelationMatchesTheReferenceAtAnyThreadCount() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : providers()) {
            for (ConvGeometry g : gatherGeometries()) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    // the engine itself: the dispatch sends 3×3 stride-1 correlations to Winograd
                    // and the path itself, whatever the rule picks for this provider's tile width
                    FastConv fast = new FastConv(provider.microKernel(), provider.vectorOps());
                    Random r = new Random(g.responseChannels() * 41 + g.batch());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(1);
                        float[] y1 = fast.correlateGather(g, image, weight);
                        assertClose("correlate", y1, ReferenceConv.correlate(g, image, weight));
                        for (int threads = 2; threads <= 3; threads++) {
                            Parallel.setThreads(threads);
                            assertThat(fast.correlateGather(g, image, weight)).as("%d threads", threads).isEqualTo(y1);
                            if (fast.gatherPays(g)) {
                                assertThat(fast.correlate(g, image, weight)).as("routed, %d threads", threads).isEqualTo(y1);
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

    /**
     * Geometries of {@link FastConv#correlateShortGroups} (grp19, called directly so that both providers run every
     * one; {@link FastConv#shortGroupsPay} routes those with fewer response channels a group than the tile width):
     * groups 2, 4, 8 and 16 with 8 to 64 image channels a group, 3×3 and 5×5, odd and even planes, padding 0 to 2,
     * response channels not a multiple of MR, reductions past one KC block (64 × 25), several row runs an image, one
     * image (blocks of MR strips), dilation; runs ending in a half strip (grp24, {@code multiplyRowsInPlaceHalf}:
     * 13 × 13's 193 columns, 7 × 7's 73 over seven KC blocks, 8 × 8's 78 with 24 a group, three images).
     */
    static List<ConvGeometry> shortGroupGeometries() {
        return List.of(
                geometry(2, 8, 128, 128, 13, 13, 3, 1, 1), // g8-3x3-13's groups: 16 -> 16, pitch 15
                geometry(2, 4, 64, 64, 14, 14, 3, 1, 1),   // 16 a group, even plane, pitch 16
                geometry(3, 2, 16, 24, 11, 12, 3, 1, 0),   // 8 -> 12 a group: a ragged MR strip, no padding
                geometry(1, 16, 256, 256, 14, 13, 3, 1, 1), // 16 groups, one image: blocks of strips
                geometry(2, 4, 256, 80, 9, 10, 5, 1, 2),   // 64 -> 20 a group, 5×5: k = 1600, seven KC blocks
                geometry(2, 2, 64, 32, 21, 21, 5, 1, 2),   // 32 -> 16 a group, 5×5, odd plane
                geometry(2, 4, 32, 32, 40, 30, 3, 1, 1),   // rows of 30: several row runs an image
                geometry(1, 8, 64, 64, 12, 9, 5, 1, 1),    // 8 a group, 5×5, narrow padding
                geometry(3, 4, 256, 64, 7, 7, 5, 1, 2),    // 64 -> 16 a group: a half strip summed over KC blocks
                geometry(3, 3, 144, 72, 8, 8, 3, 1, 1),    // 48 -> 24 a group, pitch 10: 78 columns, a half strip
                geometry(8, 6, 96, 96, 29, 29, 3, 1, 1),   // 16 a group, eight images, odd plane in row runs
                new ConvGeometry(2, 4, 64, 64, new int[] {1, 17, 19}, new int[] {1, 13, 15}, new int[] {1, 3, 3},
                        new int[] {1, 1, 1}, new int[] {1, 2, 2}, new int[] {0, 0, 0})); // dilation 2
    }

    @TestFactory
    List<DynamicTest> shortGroupCorrelationMatchesTheReferenceAtAnyThreadCount() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : providers()) {
            for (ConvGeometry g : shortGroupGeometries()) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    FastConv fast = new FastConv(provider.microKernel(), provider.vectorOps());
                    Random r = new Random(g.responseChannels() * 43 + g.batch());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(1);
                        float[] y1 = fast.correlateShortGroups(g, image, weight);
                        assertClose("correlate", y1, ReferenceConv.correlate(g, image, weight));
                        for (int threads = 2; threads <= 3; threads++) {
                            Parallel.setThreads(threads);
                            assertThat(fast.correlateShortGroups(g, image, weight)).as("%d threads", threads).isEqualTo(y1);
                            if (fast.shortGroupsPay(g)) {
                                assertThat(fast.correlate(g, image, weight)).as("routed, %d threads", threads).isEqualTo(y1);
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

    @Test
    void shortGroupsAreRoutedToTheInPlaceKernel() {
        for (KernelProvider provider : providers()) {
            FastConv fast = new FastConv(provider.microKernel(), provider.vectorOps());
            int nr = provider.microKernel().nr();
            assertThat(fast.shortGroupsPay(geometry(2, 8, 128, 128, 13, 13, 3, 1, 1))).as("16 a group").isEqualTo(16 < nr);
            assertThat(fast.shortGroupsPay(geometry(2, 8, 8 * nr, 8 * nr, 13, 13, 3, 1, 1))).as("a tile wide").isFalse();
            assertThat(fast.shortGroupsPay(geometry(2, 1, 8, 8, 13, 13, 3, 1, 1))).as("one group").isFalse();
            assertThat(fast.shortGroupsPay(geometry(2, 8, 64, 64, 13, 13, 3, 2, 1))).as("stride 2").isFalse();
            assertThat(fast.shortGroupsPay(geometry(2, 8, 64, 64, 13, 13, 1, 1, 0))).as("1×1").isFalse();
        }
    }

    // ---- grp27: short groups of 16 response channels direct, the channels in the lanes

    static List<ConvGeometry> groupLaneGeometries() {
        return List.of(
                geometry(2, 8, 128, 128, 13, 13, 3, 1, 1), // g8-3x3-13's groups: rows of 13, one tile a row
                geometry(3, 2, 32, 32, 8, 8, 3, 1, 1),     // rows of 8
                geometry(3, 4, 64, 64, 7, 7, 3, 1, 1),     // the narrowest rows taken (grp59), 16 a group
                geometry(2, 2, 128, 128, 7, 7, 5, 1, 2),   // 64 a group, 5×5 on rows of 7: two pair blocks of 7
                geometry(2, 4, 64, 64, 15, 17, 3, 1, 0),   // no padding, 15 wide: two tiles of 7 and 8
                geometry(2, 4, 256, 64, 7, 11, 5, 1, 2),   // 64 -> 16 a group, 5×5: k = 1600, seven KC blocks
                geometry(2, 2, 32, 32, 21, 21, 5, 1, 2),   // 16 -> 16, 5×5 (k = 400: two blocks), odd plane
                geometry(1, 3, 24, 48, 40, 31, 3, 1, 1),   // 8 -> 16, rows of 31 in three tiles, several row runs
                geometry(2, 5, 80, 80, 19, 19, 3, 1, 1),   // five groups, odd plane
                new ConvGeometry(2, 4, 64, 64, new int[] {1, 17, 19}, new int[] {1, 13, 15}, new int[] {1, 3, 3},
                        new int[] {1, 1, 1}, new int[] {1, 2, 2}, new int[] {0, 0, 0}), // dilation 2
                new ConvGeometry(1, 2, 32, 32, new int[] {1, 10, 12}, new int[] {1, 12, 10}, new int[] {1, 1, 5},
                        new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1}), // 1×5, rows and columns padded apart
                // g32-29: groups of two to four vectors
                geometry(2, 4, 128, 128, 17, 17, 3, 1, 1), // 32 a group (h45-g4-3x3-17-128's groups), odd plane
                geometry(2, 2, 64, 64, 13, 15, 5, 1, 2),   // 32 a group, 5×5 (k = 800: four blocks)
                geometry(1, 2, 64, 128, 11, 9, 3, 1, 1),   // 64 a group, one image: the slices split over the threads
                geometry(1, 3, 96, 144, 12, 10, 3, 1, 0),  // 48 a group, three groups, no padding
                geometry(3, 2, 48, 96, 8, 8, 5, 1, 2),     // 48 a group, 5×5 on rows of 8
                geometry(1, 2, 64, 64, 5, 21, 5, 1, 2),    // 32 a group, 5×5, rows of 21: pair tiles of 7
                geometry(1, 2, 96, 96, 4, 27, 5, 1, 2),    // 48 a group, 5×5, rows of 27: slices (grp55)
                new ConvGeometry(1, 2, 64, 64, new int[] {1, 15, 14}, new int[] {1, 11, 10}, new int[] {1, 3, 3},
                        new int[] {1, 1, 1}, new int[] {1, 2, 2}, new int[] {0, 0, 0})); // 32 a group, dilation 2
    }

    /** g32-29: groups whose last vector is partial (its lanes past the response channels computed and dropped). */
    static List<ConvGeometry> partialSliceGeometries() {
        return List.of(
                geometry(2, 4, 96, 96, 16, 16, 3, 1, 1),   // 24 a group (h28-g4-3x3-16-96's groups)
                geometry(1, 2, 40, 40, 13, 11, 5, 1, 2),   // 20 a group, 5×5, one image
                geometry(2, 3, 72, 120, 9, 9, 3, 1, 1));   // 24 -> 40 a group
    }

    @TestFactory
    List<DynamicTest> groupLanesMatchTheShortGroupPathBitForBit() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : providers()) {
            List<ConvGeometry> all = new ArrayList<>(groupLaneGeometries());
            all.addAll(partialSliceGeometries());
            for (ConvGeometry g : all) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    FastConv fast = new FastConv(provider.microKernel(), provider.vectorOps());
                    assertThat(fast.groupLanesPay(g)).as("routed").isEqualTo(provider.vectorOps().channelLanes() == 16);
                    Random r = new Random(g.responseChannels() * 31 + g.batch());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(1);
                        float[] y1 = fast.correlateGroupLanes(g, image, weight);
                        assertClose("correlate", y1, ReferenceConv.correlate(g, image, weight));
                        assertThat(y1).as("the in-place GEMM's bits").isEqualTo(fast.correlateShortGroups(g, image, weight));
                        if (fast.gatherPays(g)) { // 32-64 a group: the path they took before (g32-29)
                            assertThat(y1).as("the gather's bits").isEqualTo(fast.correlateGather(g, image, weight));
                        }
                        for (int threads = 2; threads <= 3; threads++) {
                            Parallel.setThreads(threads);
                            assertThat(fast.correlateGroupLanes(g, image, weight)).as("%d threads", threads).isEqualTo(y1);
                            if (fast.groupLanesPay(g)) {
                                assertThat(fast.correlate(g, image, weight)).as("routed, %d threads", threads).isEqualTo(y1);
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

    @Test
    void groupLanesTakeSixteenToSixtyFourChannelsAGroupOnRowsOfSevenOrMore() {
        for (KernelProvider provider : providers()) {
            FastConv fast = new FastConv(provider.microKernel(), provider.vectorOps());
            boolean lanes = provider.vectorOps().channelLanes() == 16; // the scalar loops keep the in-place GEMM
            assertThat(fast.groupLanesPay(geometry(2, 8, 128, 128, 13, 13, 3, 1, 1))).as("16 a group").isEqualTo(lanes);
            assertThat(fast.groupLanesPay(geometry(2, 4, 128, 128, 17, 17, 3, 1, 1))).as("32 a group").isEqualTo(lanes);
            assertThat(fast.groupLanesPay(geometry(2, 2, 128, 128, 11, 11, 5, 1, 2))).as("64 a group").isEqualTo(lanes);
            assertThat(fast.groupLanesPay(geometry(2, 2, 160, 160, 11, 11, 3, 1, 1))).as("80 a group").isFalse();
            assertThat(fast.groupLanesPay(geometry(2, 1, 32, 32, 13, 13, 3, 1, 1))).as("one group").isFalse();
            assertThat(fast.groupLanesPay(geometry(2, 8, 128, 128, 9, 9, 3, 1, 0))).as("rows of 7").isEqualTo(lanes);
            assertThat(fast.groupLanesPay(geometry(2, 8, 128, 128, 8, 8, 3, 1, 0))).as("rows of 6").isFalse();
            assertThat(fast.groupLanesPay(geometry(2, 4, 96, 96, 7, 7, 5, 1, 2))).as("24 a group, rows of 7").isFalse();
            assertThat(fast.groupLanesPay(geometry(2, 4, 96, 96, 8, 8, 5, 1, 2))).as("24 a group, rows of 8")
                    .isEqualTo(lanes);
            assertThat(fast.groupLanesPay(geometry(2, 8, 64, 64, 13, 13, 3, 1, 1))).as("8 a group").isFalse();
            assertThat(fast.groupLanesPay(geometry(2, 4, 96, 96, 13, 13, 3, 1, 1))).as("24 a group").isEqualTo(lanes);
            assertThat(fast.groupLanesPay(geometry(2, 4, 80, 80, 13, 13, 5, 1, 2))).as("20 a group").isEqualTo(lanes);
            assertThat(fast.groupLanesPay(geometry(2, 8, 128, 128, 13, 13, 1, 1, 0))).as("1×1").isFalse();
            assertThat(fast.groupLanesPay(geometry(2, 8, 128, 128, 13, 13, 3, 2, 1))).as("stride 2").isFalse();
        }
    }

    /**
     * grp49: a group of more than 16 channels runs in one-vector slices where one vector's row tile (21 positions for
     * 3 taps, 19 for 5) covers a row that two vectors' tiles (12 / 10) would split; in blocks of two vectors where a
     * row fits one pair tile or needs several tiles either way. Both give the same bits
     * ({@link #groupLanesMatchTheShortGroupPathBitForBit} runs each: 8-9 wide on pairs, 11-17 wide on slices).
     */
    @Test
    void groupLaneSlicesRunWhereOneVectorsTileCoversARowThatPairsWouldSplit() {
        for (KernelProvider provider : providers()) {
            FastConv fast = new FastConv(provider.microKernel(), provider.vectorOps());
            if (provider.vectorOps().channelLanes() == 1) { // one tile size for every width: blocks as before (pairs)
                assertThat(fast.groupLanePairsPay(17, 3)).as(provider.name()).isTrue();
                continue;
            }
            if (provider.vectorOps().channelLanes() != 16) { // 8 lanes: no two-vector kernel of 32 channels, no pairs
                assertThat(fast.groupLanePairsPay(9, 3)).as(provider.name()).isFalse();
                assertThat(fast.groupLanePairsPay(17, 3)).as(provider.name()).isFalse();
                continue;
            }
            assertThat(fast.groupLanePairsPay(9, 3)).as("3×3, 9 wide: one tile either way").isTrue();
            assertThat(fast.groupLanePairsPay(12, 3)).as("3×3, 12 wide").isTrue();
            assertThat(fast.groupLanePairsPay(13, 3)).as("3×3, 13 wide: two pair tiles, one of one vector").isFalse();
            assertThat(fast.groupLanePairsPay(17, 3)).as("h45-g4-3x3-17-128's rows").isFalse();
            assertThat(fast.groupLanePairsPay(21, 3)).as("3×3, 21 wide").isFalse();
            assertThat(fast.groupLanePairsPay(22, 3)).as("3×3, 22 wide: two tiles either way").isTrue();
            assertThat(fast.groupLanePairsPay(28, 3)).as("g4-3x3-28's rows").isTrue();
            assertThat(fast.groupLanePairsPay(8, 5)).as("5×5, 8 wide").isTrue();
            assertThat(fast.groupLanePairsPay(9, 5)).as("5×5, 9 wide: a pair tile of 9").isFalse();
            assertThat(fast.groupLanePairsPay(10, 5)).as("5×5, 10 wide: a pair tile of 10").isFalse();
            assertThat(fast.groupLanePairsPay(11, 5)).as("5×5, 11 wide").isFalse();
            assertThat(fast.groupLanePairsPay(17, 5)).as("h43-g2-5x5-17-64's rows").isFalse();
            assertThat(fast.groupLanePairsPay(19, 5)).as("5×5, 19 wide").isFalse();
            assertThat(fast.groupLanePairsPay(20, 5)).as("5×5, 20 wide: two pair tiles of 10").isFalse();
            assertThat(fast.groupLanePairsPay(21, 5)).as("h53-g2-5x5-21's rows: pair tiles of 7").isTrue();
            assertThat(fast.groupLanePairsPay(24, 5)).as("5×5, 24 wide: pair tiles of 8").isTrue();
            assertThat(fast.groupLanePairsPay(25, 5)).as("5×5, 25 wide: a pair tile of 9").isFalse();
            assertThat(fast.groupLanePairsPay(27, 5)).as("5×5, 27 wide: pair tiles of 9").isFalse();
            assertThat(fast.groupLanePairsPay(31, 5)).as("5×5, 31 wide: four pair tiles of 7-8").isTrue();
            assertThat(fast.groupLanePairsPay(9, 0)).as("dilated rows: no row kernel").isFalse();
        }
    }

    /**
     * grp28: the row kernels (each input value broadcast once for a kernel row's taps) give convGroupLanes' bits for
     * every position count, both row widths, blocks that start and end mid-row (head and tail indices) and blocks of
     * whole rows only, accumulating or not.
     */
    @Test
    void groupLaneRowsMatchTheIndexByIndexKernelBitForBit() {
        for (KernelProvider provider : providers()) {
            VectorOps ops = provider.vectorOps();
            int width = 16;
            Random r = new Random(28);
            for (int kw : new int[] {3, 5}) {
                int pitch = 24;
                int k = 8 * kw * kw; // eight channels of a kw × kw kernel in a band of kw rows a channel
                int[] taps = new int[k];
                for (int i = 0; i < k; i++) {
                    taps[i] = i / (kw * kw) * kw * pitch + i % (kw * kw) / kw * pitch + i % kw;
                }
                float[] x = new float[8 * kw * pitch + 32];
                float[] w = new float[k * width];
                for (float[] t : new float[][] {x, w}) {
                    for (int i = 0; i < t.length; i++) {
                        t[i] = (float) r.nextGaussian();
                    }
                }
                // grp30: row tiles longer than the index kernel's (up to 21) against it in two calls
                for (int positions = 1; positions <= ops.groupLanePositions(width, kw); positions++) {
                    for (int[] block : new int[][] {{0, k}, {0, 1}, {1, 1}, {2, kw}, {1, 2 * kw + 1}, {kw, 3 * kw},
                            {kw + 2, k - kw - 2}, {k - 1, 1}}) {
                        for (boolean accumulate : new boolean[] {false, true}) {
                            int first = r.nextInt(4);
                            float[] seed = new float[positions * width];
                            for (int i = 0; i < seed.length; i++) {
                                seed[i] = (float) r.nextGaussian();
                            }
                            float[] expected = seed.clone();
                            float[] got = seed.clone();
                            int head = Math.min(positions, VectorOps.GROUP_LANE_POSITIONS);
                            ops.convGroupLanes(x, first, head, taps, block[0], block[1], w, block[0] * width, width,
                                    expected, 0, accumulate);
                            if (positions > head) {
                                ops.convGroupLanes(x, first + head, positions - head, taps, block[0], block[1], w,
                                        block[0] * width, width, expected, head * width, accumulate);
                            }
                            ops.convGroupLaneRows(x, first, positions, taps, block[0], block[1], kw, w,
                                    block[0] * width, width, got, 0, accumulate);
                            assertThat(got).as("%s %d × %d, block %d + %d, accumulate %b", provider.name(), positions,
                                    kw, block[0], block[1], accumulate).isEqualTo(expected);
                        }
                    }
                }
            }
        }
    }

    /**
     * g32-29: rows of two vectors of channels (w and the tile [.][32]) give, vector by vector, the one-vector kernel's
     * bits for every position count the backend takes, both row widths, blocks starting and ending mid-row,
     * accumulating or not.
     */
    @Test
    void groupLanePairRowsMatchTheOneVectorKernelBitForBit() {
        for (KernelProvider provider : providers()) {
            VectorOps ops = provider.vectorOps();
            Random r = new Random(29);
            for (int kw : new int[] {3, 5}) {
                int most = ops.groupLanePositions(32, kw);
                int pitch = 24;
                int k = 8 * kw * kw;
                int[] taps = new int[k];
                for (int i = 0; i < k; i++) {
                    taps[i] = i / (kw * kw) * kw * pitch + i % (kw * kw) / kw * pitch + i % kw;
                }
                float[] x = new float[8 * kw * pitch + 32];
                float[] w = new float[k * 32];
                for (float[] t : new float[][] {x, w}) {
                    for (int i = 0; i < t.length; i++) {
                        t[i] = (float) r.nextGaussian();
                    }
                }
                float[][] halves = new float[2][k * 16]; // each vector's weights, [k][16]
                for (int i = 0; i < k; i++) {
                    System.arraycopy(w, i * 32, halves[0], i * 16, 16);
                    System.arraycopy(w, i * 32 + 16, halves[1], i * 16, 16);
                }
                for (int positions = 1; positions <= (most > 0 ? most : 12); positions++) {
                    for (int[] block : new int[][] {{0, k}, {0, 1}, {1, 2 * kw + 1}, {kw, 3 * kw}, {k - 1, 1}}) {
                        for (boolean accumulate : new boolean[] {false, true}) {
                            int first = r.nextInt(4);
                            float[] seed = new float[positions * 32];
                            for (int i = 0; i < seed.length; i++) {
                                seed[i] = (float) r.nextGaussian();
                            }
                            float[] got = seed.clone();
                            ops.convGroupLaneRows(x, first, positions, taps, block[0], block[1], kw, w, block[0] * 32,
                                    32, got, 0, accumulate);
                            for (int h = 0; h < 2; h++) {
                                float[] half = new float[positions * 16];
                                for (int p = 0; p < positions; p++) {
                                    System.arraycopy(seed, p * 32 + h * 16, half, p * 16, 16);
                                }
                                ops.convGroupLaneRows(x, first, positions, taps, block[0], block[1], kw, halves[h],
                                        block[0] * 16, 16, half, 0, accumulate);
                                for (int p = 0; p < positions; p++) {
                                    assertThat(Arrays.copyOfRange(got, p * 32 + h * 16, p * 32 + h * 16 + 16))
                                            .as("%s %d × %d, block %d + %d, accumulate %b, vector %d, position %d",
                                                    provider.name(), positions, kw, block[0], block[1], accumulate, h, p)
                                            .isEqualTo(Arrays.copyOfRange(half, p * 16, p * 16 + 16));
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // ---- gemm7: the 1×1 weight gradient on small planes, the response transposed once per call

    /**
     * Geometries of {@link FastConv#weightGradientPointwisePacked}: 1×1, unit stride, no padding, planes under
     * {@value FastConv#POINT_MIN_PLANE}: one and two KC chunks of positions, image channels over one column
     * block of dW and not a multiple of the tile width, response channels not a multiple of MR, groups, 3-d.
     */
    static List<ConvGeometry> pointwiseSmallPlaneGeometries() {
        return List.of(
                geometry(3, 1, 300, 37, 14, 14, 1, 1, 0),  // 196 positions, k = 300: several column blocks
                geometry(2, 1, 70, 130, 19, 21, 1, 1, 0),  // 399 positions: two chunks; 130 rows
                geometry(5, 2, 66, 18, 7, 9, 1, 1, 0),     // groups: 33 channels, 9 rows per group
                geometry(1, 1, 9, 5, 3, 4, 1, 1, 0),       // one image, 12 positions, one strip
                new ConvGeometry(2, 1, 40, 12, new int[] {3, 5, 7}, new int[] {3, 5, 7}, new int[] {1, 1, 1},
                        new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 0, 0})); // 3-d, 105 positions
    }

    @TestFactory
    List<DynamicTest> pointwiseSmallPlaneWeightGradientMatchesTheReferenceAtAnyThreadCount() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : providers()) {
            for (ConvGeometry g : pointwiseSmallPlaneGeometries()) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    FastConv fast = new FastConv(provider.microKernel(), provider.vectorOps());
                    ImageLayout l = new ImageLayout(g, true);
                    assertThat(FastConv.pointwisePays(l, g)).as("not the dots").isFalse();
                    assertThat(fast.pointwiseSmallPlane(l, g)).as("reaches the small-plane path").isTrue();
                    Random r = new Random(g.imageChannels() * 41 + g.batch());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(1);
                        float[] w1 = fast.weightGradient(g, image, response);
                        assertClose("weightGradient", w1, ReferenceConv.weightGradient(g, image, response));
                        for (int threads = 2; threads <= 3; threads++) {
                            Parallel.setThreads(threads);
                            assertThat(fast.weightGradient(g, image, response)).as("%d threads", threads).isEqualTo(w1);
                        }
                        // a second call reuses the workspaces
                        assertThat(fast.weightGradient(g, image, response)).isEqualTo(w1);
                    } finally {
                        Parallel.setThreads(before);
                    }
                }));
            }
        }
        return tests;
    }

    // ---- gemm9: the 1×1 correlation with its column tiles across the images

    /**
     * Geometries of {@link FastConv#correlateAcrossImages}: 1×1, unit stride, no padding, more than one KC block of
     * image channels, planes narrower than a tile or not a multiple of NR, so that tiles and strips cross from one
     * image into the next; response channels not a multiple of MR and past one block of
     * {@value FastConv#ACROSS_ROWS} rows, 3-d; and one image (the ordinary tiles).
     */
    static List<ConvGeometry> acrossImagesGeometries() {
        return List.of(
                geometry(3, 1, 300, 37, 14, 14, 1, 1, 0),  // 196 positions: 588 columns, two tiles
                geometry(8, 1, 520, 130, 7, 9, 1, 1, 0),   // 63 positions, three KC blocks, 130 rows
                geometry(2, 1, 257, 9, 40, 41, 1, 1, 0),   // 1640 positions: wider than a tile, ragged
                geometry(5, 1, 260, 8, 1, 3, 1, 1, 0),     // 3 positions, fewer columns than a strip
                new ConvGeometry(3, 1, 270, 12, new int[] {3, 5, 7}, new int[] {3, 5, 7}, new int[] {1, 1, 1},
                        new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 0, 0}), // 3-d, 105 positions
                geometry(1, 1, 300, 20, 14, 14, 1, 1, 0),   // one image: the ordinary tiles
                // c1x23: more inputs than outputs on planes 1×1 .. 15×15, columns in blocks of strips
                geometry(8, 1, 768, 192, 7, 7, 1, 1, 0),   // 392 columns: 13 strips, the last of 8
                geometry(4, 1, 1024, 256, 1, 1, 1, 1, 0),  // 4 columns, one strip
                geometry(3, 1, 640, 160, 10, 10, 1, 1, 0), // 300 columns
                geometry(2, 1, 384, 64, 15, 15, 1, 1, 0),  // 450 columns, 64 rows
                geometry(8, 1, 300, 300, 8, 8, 1, 1, 0),   // 304 rows: three column tiles at one thread (p1f50)
                geometry(2, 1, 260, 2060, 3, 3, 1, 1, 0),  // 2064 rows: one strip outgrows a tile, two row blocks
                // p1f50: the brief's shapes, tiles narrow enough for all the rows (two tiles of two row blocks before)
                geometry(4, 1, 768, 192, 13, 13, 1, 1, 0), // 22 strips, the last of 4 columns
                geometry(4, 1, 576, 144, 19, 19, 1, 1, 0), // 46 strips, the last of 4 columns, KC blocks 256 + 256 + 64
                // two25: the held-out shapes of issue 10 (blocks of three to nine strips across images)
                geometry(8, 1, 1024, 256, 7, 7, 1, 1, 0),  // 13 strips, the last of 8 columns
                geometry(8, 1, 512, 96, 14, 14, 1, 1, 0),  // 49 strips
                geometry(8, 1, 640, 128, 9, 9, 1, 1, 0),   // 21 strips, the last of 8 columns
                // p1g56: more rows than columns, one tile of all the columns in row blocks
                geometry(4, 1, 300, 520, 7, 7, 1, 1, 0));  // 7 strips, the last of 4 columns, 520 rows
    }

    @TestFactory
    List<DynamicTest> acrossImagesCorrelationMatchesTheReferenceAtAnyThreadCount() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : providers()) {
            for (ConvGeometry g : acrossImagesGeometries()) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    FastConv fast = new FastConv(provider.microKernel(), provider.vectorOps());
                    assertThat(FastConv.acrossImagesPays(new ImageLayout(g, true), g)).as("across the images")
                            .isEqualTo(g.batch() > 1);
                    Random r = new Random(g.imageChannels() * 31 + g.batch());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(1);
                        float[] y1 = fast.correlate(g, image, weight);
                        assertClose("correlate", y1, ReferenceConv.correlate(g, image, weight));
                        for (int threads = 2; threads <= 3; threads++) {
                            Parallel.setThreads(threads);
                            assertThat(fast.correlate(g, image, weight)).as("%d threads", threads).isEqualTo(y1);
                        }
                        // a second call reuses the workspaces
                        assertThat(fast.correlate(g, image, weight)).isEqualTo(y1);
                    } finally {
                        Parallel.setThreads(before);
                    }
                }));
            }
        }
        return tests;
    }

    // ---- r1x54: one KC block of channels across the images, written in place

    /**
     * Geometries of {@link FastConv#correlateAcrossImagesInPlace}: 1×1, unit stride, no padding, one KC block of image
     * channels, planes that end in a ragged strip: strips that span two images and, on planes narrower than a strip,
     * several; response channels not a multiple of MR; 3-d.
     */
    static List<ConvGeometry> acrossImagesInPlaceGeometries() {
        return List.of(
                geometry(8, 1, 128, 512, 14, 14, 1, 1, 0),  // r1x1-512to128's input gradient: 196 positions, 49 strips
                geometry(3, 1, 96, 37, 15, 15, 1, 1, 0),    // 225 positions (7 strips + 1 column), 37 rows
                geometry(16, 1, 200, 72, 11, 11, 1, 1, 0),  // 121 positions, 16 images, several tiles
                geometry(8, 1, 160, 640, 7, 7, 1, 1, 0),    // 49 positions (c1x23's across, with a copied-out tile)
                geometry(24, 1, 256, 30, 2, 3, 1, 1, 0),    // 6 positions: a strip spans up to six images
                geometry(8, 1, 192, 768, 7, 7, 1, 1, 0),    // planes of 32 + 17 columns (c1x23's across before)
                geometry(5, 1, 64, 100, 9, 9, 1, 1, 0),     // planes of 64 + 17 columns (c1x23's across before)
                geometry(2, 1, 33, 9, 23, 23, 1, 1, 0),     // 529 positions: wider than a tile
                new ConvGeometry(3, 1, 40, 20, new int[] {3, 5, 7}, new int[] {3, 5, 7}, new int[] {1, 1, 1},
                        new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 0, 0})); // 3-d, 105 positions
    }

    /**
     * {@link FastConv#correlateAcrossImagesInPlace}: taken on its geometries, close to the reference, the same bits at 1
     * to 3 threads and the same bits as one image at a time (the in-place tiles: one micro-kernel call an element over
     * the one KC block, as in main's paths for these shapes).
     */
    @TestFactory
    List<DynamicTest> acrossImagesInPlaceHasTheBitsOfOneImageAtATime() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : providers()) {
            for (ConvGeometry g : acrossImagesInPlaceGeometries()) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    FastConv fast = new FastConv(provider.microKernel(), provider.vectorOps());
                    assertThat(FastConv.acrossImagesInPlacePays(new ImageLayout(g, true), g)).as("taken").isTrue();
                    Random r = new Random(g.imageChannels() * 29 + g.batch());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    ConvGeometry one = new ConvGeometry(1, 1, g.imageChannels(), g.responseChannels(), g.image(),
                            g.response(), g.kernel(), g.stride(), g.dilation(), g.padLeft());
                    assertThat(FastConv.acrossImagesInPlacePays(new ImageLayout(one, true), one)).as("one image").isFalse();
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(1);
                        float[] y1 = fast.correlate(g, image, weight);
                        assertClose("correlate", y1, ReferenceConv.correlate(g, image, weight));
                        float[] apart = new float[g.responseSize()];
                        for (int n = 0; n < g.batch(); n++) {
                            float[] x = Arrays.copyOfRange(image, n * one.imageSize(), (n + 1) * one.imageSize());
                            System.arraycopy(fast.correlate(one, x, weight), 0, apart, n * one.responseSize(),
                                    one.responseSize());
                        }
                        assertThat(y1).as("one image at a time").isEqualTo(apart);
                        for (int threads = 2; threads <= 3; threads++) {
                            Parallel.setThreads(threads);
                            assertThat(fast.correlate(g, image, weight)).as("%d threads", threads).isEqualTo(y1);
                        }
                    } finally {
                        Parallel.setThreads(before);
                    }
                }));
            }
        }
        return tests;
    }

    // ---- r1x55: strided 1×1 convolutions as their unit-stride twin on the subsampled image

    /**
     * Strided 1×1 convolutions (stride 2 on even and odd planes, rows shorter and longer than a vector, more than one
     * KC block of image channels, stride 3, a 3-d one, one image): every pass close to the reference, bitwise equal to
     * the unit-stride twin on an image subsampled here by loops (the image gradient zero off the strided positions), at
     * 1 to 3 threads; padded ones are not taken.
     */
    @TestFactory
    List<DynamicTest> subsampledPointwiseIsTheUnitStrideTwinOnTheSubsampledImage() {
        List<DynamicTest> tests = new ArrayList<>();
        List<ConvGeometry> geometries = List.of(
                geometry(4, 1, 64, 48, 28, 28, 1, 2, 0),     // ResNet's shortcut, small
                geometry(3, 1, 40, 24, 27, 27, 1, 2, 0),     // odd rows: the last column a row of its own
                geometry(2, 1, 300, 70, 14, 13, 1, 2, 0),    // two KC blocks; 7-wide rows, under a vector
                geometry(2, 1, 64, 272, 65, 65, 1, 2, 0),    // 33-wide rows; a scatter of two KC blocks
                geometry(5, 1, 20, 36, 10, 11, 1, 3, 0),     // stride 3
                geometry(1, 1, 33, 17, 9, 40, 1, 2, 0),      // one image
                new ConvGeometry(2, 1, 24, 20, new int[] {5, 6, 9}, new int[] {3, 3, 5}, new int[] {1, 1, 1},
                        new int[] {2, 2, 2}, new int[] {1, 1, 1}, new int[3])); // 3-d
        for (KernelProvider provider : providers()) {
            for (ConvGeometry g : geometries) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    assertThat(FastConv.subsampledPointwise(g)).as("taken").isTrue();
                    FastConv fast = new FastConv(provider.microKernel(), provider.vectorOps());
                    ConvGeometry twin = FastConv.subsampledGeometry(g);
                    Random r = new Random(g.imageChannels() * 31 + g.responseChannels());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    float[] sub = new float[twin.imageSize()];
                    int[] at = new int[sub.length]; // the image position of each subsampled one
                    int i = 0;
                    for (int p = 0; p < g.batch() * g.imageChannels(); p++) {
                        for (int d = 0; d < g.response()[0]; d++) {
                            for (int h = 0; h < g.response()[1]; h++) {
                                for (int w = 0; w < g.response()[2]; w++, i++) {
                                    at[i] = p * g.imagePlane() + (d * g.stride()[0] * g.image()[1]
                                            + h * g.stride()[1]) * g.image()[2] + w * g.stride()[2];
                                    sub[i] = image[at[i]];
                                }
                            }
                        }
                    }
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(1);
                        float[] y = fast.correlate(g, image, weight);
                        float[] dx = fast.scatter(g, response, weight);
                        float[] dw = fast.weightGradient(g, image, response);
                        assertClose("correlate", y, ReferenceConv.correlate(g, image, weight));
                        assertClose("scatter", dx, ReferenceConv.scatter(g, response, weight));
                        assertClose("weight gradient", dw, ReferenceConv.weightGradient(g, image, response));
                        assertThat(y).as("forward: the twin's").isEqualTo(fast.correlate(twin, sub, weight));
                        // where the twin's plane takes the dots (no in-place GEMM: JDK 17, scalar), the strided
                        // path keeps the packed GEMM's order, as before: close, not the twin's bits
                        boolean dots = !provider.microKernel().pointwiseWeightGradientInPlace()
                                && FastConv.pointwisePays(new ImageLayout(twin, true), twin);
                        if (!dots) {
                            assertThat(dw).as("weight gradient: the twin's").isEqualTo(
                                    fast.weightGradient(twin, sub, response));
                        }
                        float[] dense = fast.scatter(twin, response, weight);
                        float[] expected = new float[g.imageSize()];
                        for (int j = 0; j < at.length; j++) {
                            expected[at[j]] = dense[j];
                        }
                        assertThat(dx).as("scatter: the twin's, zero elsewhere").isEqualTo(expected);
                        for (int threads = 2; threads <= 3; threads++) {
                            Parallel.setThreads(threads);
                            assertThat(fast.correlate(g, image, weight)).as("forward, %d threads", threads).isEqualTo(y);
                            assertThat(fast.scatter(g, response, weight)).as("scatter, %d threads", threads).isEqualTo(dx);
                            assertThat(fast.weightGradient(g, image, response)).as("weight gradient, %d threads", threads)
                                    .isEqualTo(dw);
                        }
                    } finally {
                        Parallel.setThreads(before);
                    }
                }));
            }
        }
        tests.add(DynamicTest.dynamicTest("padded or unit stride: not taken", () -> {
            assertThat(FastConv.subsampledPointwise(geometry(2, 1, 64, 48, 28, 28, 1, 2, 1))).isFalse();
            assertThat(FastConv.subsampledPointwise(geometry(2, 1, 64, 48, 28, 28, 1, 1, 0))).isFalse();
            assertThat(FastConv.subsampledPointwise(geometry(2, 2, 64, 48, 28, 28, 1, 2, 0))).isFalse();
        }));
        return tests;
    }

    // ---- r1x24: the 1×1 input gradient packs the transposed kernel straight from the weights

    /**
     * 1×1 input gradients through {@link ConvDispatch} (planes 1×1 to 15×15, 64-1024 channels, ragged MR strips of
     * image channels, groups, weights past the parallel packing's threshold, in place and across the images): close to
     * the reference, the same bits as the correlation with the transposed copy {@link FastConv#flipTransposed} made, at
     * 1 to 3 threads.
     */
    @TestFactory
    List<DynamicTest> pointwiseInputGradientPacksTheTransposedKernelFromTheWeights() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : providers()) {
            for (ConvGeometry g : List.of(
                    geometry(8, 1, 768, 192, 7, 7, 1, 1, 0),     // across the images, one KC block
                    geometry(8, 1, 512, 128, 14, 14, 1, 1, 0),   // in place, the weights packed in tasks
                    geometry(2, 1, 1024, 256, 1, 1, 1, 1, 0),    // one-position planes
                    geometry(2, 1, 300, 700, 3, 3, 1, 1, 0),     // a ragged strip of 4 channels, three KC blocks
                    geometry(3, 1, 66, 1000, 11, 11, 1, 1, 0),   // a ragged strip of 2 channels, four KC blocks
                    geometry(3, 1, 100, 64, 15, 15, 1, 1, 0),    // small weights: packed on the calling thread
                    geometry(2, 4, 512, 1024, 6, 6, 1, 1, 0),    // groups, packed in tasks
                    geometry(4, 2, 130, 96, 10, 10, 1, 1, 0))) { // groups with ragged strips
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    ConvDispatch dispatch = new ConvDispatch(provider, 0, true);
                    ConvGeometry f = ConvDispatch.flipped(g);
                    assertThat(dispatch.path(g, ConvDispatch.Pass.SCATTER)).isEqualTo(ConvDispatch.Path.FLIPPED);
                    assertThat(dispatch.path(f, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.GEMM);
                    FastConv fast = new FastConv(provider.microKernel(), provider.vectorOps());
                    Random r = new Random(g.imageChannels() * 17 + g.groups());
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(1);
                        float[] copied = fast.correlate(f, response, FastConv.flipTransposed(g, weight));
                        float[] dx = dispatch.scatter(g, response, weight);
                        assertClose("scatter", dx, ReferenceConv.scatter(g, response, weight));
                        assertThat(dx).as("the transposed copy's bits").isEqualTo(copied);
                        for (int threads = 2; threads <= 3; threads++) {
                            Parallel.setThreads(threads);
                            assertThat(dispatch.scatter(g, response, weight)).as("%d threads", threads).isEqualTo(copied);
                        }
                    } finally {
                        Parallel.setThreads(before);
                    }
                }));
            }
        }
        return tests;
    }

    // ---- grp51: the grouped input gradient packs the flipped kernel straight from the weights

    /**
     * Grouped input gradients whose flipped correlation runs {@link FastConv#correlateGroupLanes} (20-64 image channels
     * a group, 3×3 and 5×5, pairs on 23-wide rows and slices on 11-19, partial last vectors, no padding, dilation 2):
     * {@link FastConv#correlateGroupLanesFlipped} is close to the reference and has the bits of the correlation with
     * {@link FastConv#flipTransposed}'s copy, as has the dispatch's scatter where it routes there, at 1 to 3 threads.
     */
    @TestFactory
    List<DynamicTest> groupLaneInputGradientPacksTheFlippedKernelFromTheWeights() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : providers()) {
            for (ConvGeometry g : List.of(
                    geometry(2, 2, 128, 128, 13, 13, 5, 1, 2),  // 64 a group, 5×5 (h50-g2-5x5-25-128's groups), slices
                    geometry(1, 2, 64, 64, 23, 23, 5, 1, 2),    // 32 a group, 5×5, pairs on 23-wide rows
                    geometry(2, 4, 128, 128, 17, 17, 3, 1, 1),  // 32 a group, 3×3 (h45-g4-3x3-17-128's groups)
                    geometry(1, 2, 40, 64, 13, 11, 5, 1, 2),    // 20 image channels a group: a partial last vector
                    geometry(2, 3, 144, 96, 12, 10, 3, 1, 0),   // 48 -> 32 a group, no padding (flipped: 2)
                    new ConvGeometry(2, 4, 64, 64, new int[] {1, 17, 19}, new int[] {1, 13, 15}, new int[] {1, 3, 3},
                            new int[] {1, 1, 1}, new int[] {1, 2, 2}, new int[] {0, 0, 0}))) { // dilation 2
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    ConvDispatch dispatch = new ConvDispatch(provider, 0, true);
                    FastConv fast = new FastConv(provider.microKernel(), provider.vectorOps());
                    ConvGeometry f = ConvDispatch.flipped(g);
                    boolean lanes = provider.vectorOps().channelLanes() == FastConv.GROUP_LANES;
                    assertThat(dispatch.path(g, ConvDispatch.Pass.SCATTER)).isEqualTo(ConvDispatch.Path.FLIPPED);
                    assertThat(fast.groupLanesPay(f)).as("routed").isEqualTo(lanes);
                    if (lanes) {
                        assertThat(dispatch.path(f, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.GEMM);
                    }
                    Random r = new Random(g.imageChannels() * 13 + g.groups());
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(1);
                        float[] copied = fast.correlateGroupLanes(f, response, FastConv.flipTransposed(g, weight));
                        float[] packed = fast.correlateGroupLanesFlipped(f, response, weight);
                        assertClose("scatter", packed, ReferenceConv.scatter(g, response, weight));
                        assertThat(packed).as("the flipped copy's bits").isEqualTo(copied);
                        for (int threads = 1; threads <= 3; threads++) {
                            Parallel.setThreads(threads);
                            assertThat(fast.correlateGroupLanesFlipped(f, response, weight)).as("%d threads", threads)
                                    .isEqualTo(copied);
                            if (lanes) {
                                assertThat(dispatch.scatter(g, response, weight)).as("routed, %d threads", threads)
                                        .isEqualTo(copied);
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

    /**
     * p1f50: {@link FastConv#acrossTiles} cuts the columns, not the rows, until a tile of all the rows fits {@value
     * FastConv#ACROSS_TILE} floats (a row block repacks its tile's B), whole rounds of the threads, at most a tile of
     * {@value FastConv#NT} columns each; the brief's shapes at one and two threads, and rows that outgrow a tile on
     * their own.
     */
    @Test
    void acrossTheImagesTilesCutColumnsBeforeRows() {
        int nr = 32;
        int[][] stripsRowsThreadsTiles = {
                {22, 192, 1, 3}, {22, 192, 2, 4},  // h48-r1x1-768to192-13: 4 × 13² = 676 columns
                {46, 144, 1, 4}, {46, 144, 2, 4},  // h49-r1x1-576to144-19: 4 × 19² = 1444
                {49, 128, 1, 4}, {49, 128, 2, 4},  // r1x1-512to128: 8 × 14² = 1568
                {273, 80, 1, 18}, {273, 80, 2, 18}, // h48-r1x1-320to80-33: 8 × 33² = 8712
                {3, 2064, 1, 3}, {3, 2064, 2, 3}}; // a strip of all the rows past a tile: one tile a strip
        for (int[] c : stripsRowsThreadsTiles) {
            int tiles = FastConv.acrossTiles(c[0], c[1], nr, c[2]);
            int widest = (c[0] + tiles - 1) / tiles * nr;
            assertThat(tiles).as("%d strips × %d rows at %d threads", c[0], c[1], c[2]).isEqualTo(c[3]);
            assertThat(widest).isLessThanOrEqualTo(FastConv.NT);
            assertThat(c[1] * widest <= FastConv.ACROSS_TILE).isEqualTo(c[1] * nr <= FastConv.ACROSS_TILE);
        }
    }

    /**
     * p1g56: {@link FastConv#acrossSplit} takes one column tile in row blocks where the packed weights outweigh the
     * columns (ResNet's 512 -> 1024 shortcut on 7 × 7 and its input gradient, 4 × 49 columns), whole rounds of the
     * threads, and keeps {@link FastConv#acrossTiles}'s columns first on the 1×1 shapes it was measured on.
     */
    @Test
    void acrossTheImagesRowsFirstWhereTheWeightsOutweighTheColumns() {
        int nr = 32;
        int mr = 8;
        int[][] stripsRowsThreadsTilesBlocks = {
                {7, 1024, 1, 1, 4}, {7, 1024, 2, 1, 4}, // h55-1x1-s2-512to1024-14's forward
                {7, 512, 1, 1, 2}, {7, 512, 2, 1, 2},   // its input gradient
                {7, 520, 3, 1, 3},                      // the test geometry at three threads
                {49, 128, 1, 4, 1}, {49, 128, 2, 4, 1}, // r1x1-512to128: columns first
                {22, 192, 1, 3, 1}, {22, 192, 2, 4, 1}, // h48-r1x1-768to192-13
                {13, 256, 1, 2, 1}, {13, 256, 2, 4, 1}, // h55-1x1-1024to256-7
                {73, 96, 2, 6, 1}};                     // h54-1x1-384to96-17
        for (int[] c : stripsRowsThreadsTilesBlocks) {
            int[] split = FastConv.acrossSplit(c[0], c[1], nr, mr, c[2]);
            assertThat(split).as("%d strips × %d rows at %d threads", c[0], c[1], c[2]).containsExactly(c[3], c[4]);
            int widest = (c[0] + split[0] - 1) / split[0] * nr;
            assertThat((long) (c[1] + split[1] - 1) / split[1] * widest).isLessThanOrEqualTo(FastConv.ACROSS_TILE);
            assertThat(split[0] * split[1] % c[2]).isZero();
        }
    }

    /**
     * r1x54: with one KC block of image channels a plane runs across the images in place whenever it ends in a ragged
     * strip (c1x23: across with a copied-out tile, and only when that strip was more than half empty), never on the
     * copied-out tiles; one image, fewer than four strips of columns in all, or planes of whole strips, keep the
     * in-place tiles.
     */
    @Test
    void oneBlockOfChannelsRunsAcrossTheImagesInPlaceOnRaggedPlanes() {
        for (int side : new int[] {7, 8, 9, 10, 12, 14, 15, 16}) {
            ConvGeometry g = geometry(8, 1, 192, 64, side, side, 1, 1, 0);
            ImageLayout l = new ImageLayout(g, true);
            assertThat(FastConv.acrossImagesInPlacePays(l, g)).as("%d×%d", side, side).isEqualTo(side * side % 32 != 0);
            assertThat(FastConv.acrossImagesPays(l, g)).as("%d×%d", side, side).isFalse();
        }
        ConvGeometry one = geometry(1, 1, 192, 64, 14, 14, 1, 1, 0);
        assertThat(FastConv.acrossImagesInPlacePays(new ImageLayout(one, true), one)).as("one image").isFalse();
        ConvGeometry few = geometry(2, 1, 192, 64, 7, 7, 1, 1, 0); // 98 columns: under ACROSS_IN_PLACE_MIN_STRIPS strips
        assertThat(FastConv.acrossImagesInPlacePays(new ImageLayout(few, true), few)).as("few columns").isFalse();
        ConvGeometry wide = geometry(8, 1, 257, 64, 14, 14, 1, 1, 0);
        assertThat(FastConv.acrossImagesInPlacePays(new ImageLayout(wide, true), wide)).as("two KC blocks").isFalse();
        assertThat(FastConv.acrossImagesPays(new ImageLayout(wide, true), wide)).as("two KC blocks").isTrue();
    }

    // ---- onex12: the 1×1 flipped kernel by blocks

    /** The 1×1 case of flipTransposed (blocks of rows, ragged last block, groups) is the plain transpose per group. */
    @Test
    void flipTransposedOfAPointwiseKernelIsTheTransposePerGroup() {
        for (ConvGeometry g : List.of(geometry(1, 1, 20, 37, 3, 3, 1, 1, 0), geometry(2, 2, 34, 70, 5, 4, 1, 1, 0),
                geometry(1, 1, 512, 128, 2, 2, 1, 1, 0))) {
            int groups = g.groups();
            int m = g.responseChannels() / groups;
            int cg = g.imageChannels() / groups;
            float[] w = GradientChecker.random(new Random(m * 7 + cg), g.weightSize()).data();
            float[] expected = new float[w.length];
            for (int grp = 0; grp < groups; grp++) {
                for (int co = 0; co < m; co++) {
                    for (int ci = 0; ci < cg; ci++) {
                        expected[(grp * cg + ci) * m + co] = w[(grp * m + co) * cg + ci];
                    }
                }
            }
            assertThat(FastConv.flipTransposed(g, w)).as("%s", g).isEqualTo(expected);
        }
    }

    // ---- par15: the flipped kernel in blocks of image channels, split over the threads when large

    /**
     * flipTransposed of 3×3 and 2×2 kernels, below and above the size it splits at (2 groups of 100 × 37: blocks of 16
     * image channels and a ragged one), is the flip per group, {@code W'[grp·Cg + ci][co][t] = W[grp·M + co][ci][KV-1-t]},
     * at one to three threads.
     */
    @Test
    void flipTransposedIsTheFlipPerGroupAtAnyThreadCount() {
        int before = Parallel.threads();
        try {
            for (ConvGeometry g : List.of(geometry(1, 2, 74, 200, 5, 5, 3, 1, 1), geometry(1, 1, 20, 37, 5, 5, 3, 1, 1),
                    geometry(1, 3, 96, 48, 4, 4, 2, 1, 0), geometry(1, 1, 256, 256, 4, 4, 3, 1, 1))) {
                int groups = g.groups();
                int m = g.responseChannels() / groups;
                int cg = g.imageChannels() / groups;
                int kv = g.kernelVolume();
                float[] w = GradientChecker.random(new Random(m * 7 + cg), g.weightSize()).data();
                float[] expected = new float[w.length];
                for (int grp = 0; grp < groups; grp++) {
                    for (int co = 0; co < m; co++) {
                        for (int ci = 0; ci < cg; ci++) {
                            for (int t = 0; t < kv; t++) {
                                expected[((grp * cg + ci) * m + co) * kv + t] = w[((grp * m + co) * cg + ci) * kv + kv - 1 - t];
                            }
                        }
                    }
                }
                for (int threads = 1; threads <= 3; threads++) {
                    Parallel.setThreads(threads);
                    assertThat(FastConv.flipTransposed(g, w)).as("%s, %d threads", g, threads).isEqualTo(expected);
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    // ---- onex13: planes whose last strip is at most half full

    /**
     * Correlations written in place whose column tiles end at most half a register strip in (1×1 on 14×14 and
     * 13×13, a 3×3 on 14×14, 28×28's second tile of 272, groups), one past half (7×7: 49 = 32 + 17), and the tiled GEMM's
     * (one image of 300 channels: two reduction blocks accumulated; 1×1 stride 2's scatter onto 14×14 columns): each
     * pass against the reference on both providers, the same bits at one, two and three threads.
     */
    @TestFactory
    List<DynamicTest> halfFullLastStripsMatchTheReferenceAtAnyThreadCount() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : providers()) {
            for (ConvGeometry g : List.of(geometry(3, 1, 40, 24, 14, 14, 1, 1, 0), geometry(2, 1, 33, 20, 13, 13, 1, 1, 0),
                    geometry(2, 1, 12, 19, 14, 14, 3, 1, 1), geometry(1, 1, 24, 17, 28, 28, 1, 1, 0),
                    geometry(2, 2, 20, 18, 14, 14, 1, 1, 0), geometry(2, 1, 30, 16, 7, 7, 1, 1, 0),
                    geometry(1, 1, 300, 20, 14, 14, 1, 1, 0), geometry(2, 1, 24, 40, 27, 27, 1, 2, 0))) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    ConvEngine fast = new ConvDispatch(provider, 0);
                    Random r = new Random(g.imageChannels() * 13 + g.responsePlane());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    float[] y1 = dev.convkit.core.testing.Providers.atThreads(1, () -> fast.correlate(g, image, weight));
                    float[] x1 = dev.convkit.core.testing.Providers.atThreads(1, () -> fast.scatter(g, response, weight));
                    assertClose("correlate", y1, ReferenceConv.correlate(g, image, weight));
                    assertClose("scatter", x1, ReferenceConv.scatter(g, response, weight));
                    for (int threads = 2; threads <= 3; threads++) {
                        int t = threads;
                        assertThat(dev.convkit.core.testing.Providers.atThreads(t, () -> fast.correlate(g, image, weight)))
                                .as("%d threads", t).isEqualTo(y1);
                        assertThat(dev.convkit.core.testing.Providers.atThreads(t, () -> fast.scatter(g, response, weight)))
                                .as("%d threads", t).isEqualTo(x1);
                    }
                }));
            }
        }
        return tests;
    }

    // ---- gemm15: no identity target array; the flipped kernel in the dispatch's scratch for the GEMM path

    /**
     * A virtual layout keeps its column-to-position array only where columns are dropped: 1×1 without padding and a
     * 1-d 3-tap correlation (as many columns as positions) map column v to position v with none; a padded 3×3 maps
     * every position from exactly one column, in order, and its extra columns to -1.
     */
    @Test
    void layoutTargetIsKeptOnlyWhereColumnsAreDropped() {
        ConvGeometry oneByOne = geometry(2, 1, 8, 4, 7, 9, 1, 1, 0);
        ConvGeometry line = new ConvGeometry(1, 1, 3, 2, new int[] {1, 1, 10}, new int[] {1, 1, 8}, new int[] {1, 1, 3},
                new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 0, 0});
        for (ConvGeometry g : List.of(oneByOne, line)) {
            ImageLayout l = new ImageLayout(g, true);
            assertThat(l.virtual).isTrue();
            assertThat(l.target).as("%s", g).isNull();
            assertThat(l.columns).isEqualTo(g.responsePlane());
            for (int v = 0; v < l.columns; v++) {
                assertThat(l.responseIndex(v)).isEqualTo(v);
            }
        }
        ConvGeometry padded = geometry(1, 1, 4, 4, 6, 5, 3, 1, 1);
        ImageLayout l = new ImageLayout(padded, true);
        assertThat(l.target).isNotNull();
        int next = 0;
        for (int v = 0; v < l.columns; v++) {
            int at = l.responseIndex(v);
            if (at >= 0) {
                assertThat(at).as("column %d", v).isEqualTo(next++);
            }
        }
        assertThat(next).isEqualTo(padded.responsePlane());
    }

    /**
     * Input gradients whose flipped correlation runs the GEMM path (1×1 on 14×14 and 56×56-like planes, a grouped 1×1,
     * a 3×3 with Winograd off) take the flipped kernel from the dispatch's scratch: successive calls with different
     * weights each match the reference, an earlier result is not changed by a later call, at one and two threads.
     */
    @TestFactory
    List<DynamicTest> flippedKernelsInScratchServeSuccessiveInputGradients() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : providers()) {
            for (ConvGeometry g : List.of(geometry(2, 1, 48, 40, 14, 14, 1, 1, 0), geometry(1, 1, 64, 40, 23, 23, 1, 1, 0),
                    geometry(2, 2, 36, 20, 9, 11, 1, 1, 0), geometry(2, 1, 20, 24, 12, 13, 3, 1, 1))) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    ConvDispatch fast = new ConvDispatch(provider, 0, false);
                    assertThat(fast.path(g, ConvDispatch.Pass.SCATTER)).isEqualTo(ConvDispatch.Path.FLIPPED);
                    assertThat(fast.path(ConvDispatch.flipped(g), ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.GEMM);
                    Random r = new Random(g.imageChannels() * 31 + g.responsePlane());
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    float[] w1 = GradientChecker.random(r, g.weightSize()).data();
                    float[] w2 = GradientChecker.random(r, g.weightSize()).data();
                    float[] expected1 = ReferenceConv.scatter(g, response, w1);
                    float[] expected2 = ReferenceConv.scatter(g, response, w2);
                    for (int threads = 1; threads <= 2; threads++) {
                        int t = threads;
                        float[] x1 = dev.convkit.core.testing.Providers.atThreads(t, () -> fast.scatter(g, response, w1));
                        float[] copy = x1.clone();
                        float[] x2 = dev.convkit.core.testing.Providers.atThreads(t, () -> fast.scatter(g, response, w2));
                        assertClose("first weights", x1, expected1);
                        assertClose("second weights", x2, expected2);
                        assertThat(x1).as("the first result after the second call").isEqualTo(copy);
                        assertThat(dev.convkit.core.testing.Providers.atThreads(t, () -> fast.scatter(g, response, w1)))
                                .as("the first weights again").isEqualTo(x1);
                    }
                }));
            }
        }
        return tests;
    }

    /**
     * grp53: the grouped-lanes kernels' layout ({@link FastConv#bandLayout}) pads and offsets taps as the full
     * layout does, without the full layout's table of a column an int: grouped 3×3 / 5×5, unit stride and 2.
     */
    @Test
    void bandLayoutPadsAsTheFullLayoutWithoutItsColumnTable() {
        for (ConvGeometry g : List.of(geometry(4, 2, 256, 256, 25, 25, 5, 1, 2), geometry(8, 8, 128, 128, 15, 15, 5, 1, 2),
                geometry(2, 4, 64, 128, 18, 17, 3, 1, 1), geometry(2, 3, 48, 96, 21, 20, 5, 2, 2))) {
            ImageLayout full = new ImageLayout(g, false);
            ImageLayout band = FastConv.bandLayout(g);
            assertThat(band.padded).as("padded %s", g).containsExactly(full.padded);
            assertThat(band.tapOffset).as("taps %s", g).containsExactly(full.tapOffset);
            assertThat(band.plane).as("plane %s", g).isEqualTo(full.plane);
            assertThat(FastConv.rowsRunOn(band)).as("rows run %s", g).isEqualTo(FastConv.rowsRunOn(full));
            boolean unit = g.stride()[1] == 1 && g.stride()[2] == 1;
            assertThat(band.colBase == null && band.target == null).as("no column table %s", g).isEqualTo(unit);
            assertThat(full.colBase).as("the full layout's table %s", g).isNotNull();
        }
    }
}
