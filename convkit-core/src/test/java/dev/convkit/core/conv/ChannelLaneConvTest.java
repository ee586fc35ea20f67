package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SmallChannelConv}'s forward with the response channels in the lanes (2-d, more than
 * {@link SmallChannelConv#CHANNEL_BLOCK} response channels) against the reference loops on the scalar and
 * the Vector API providers: the first layers, output widths that are and are not multiples of the
 * segment (overlapping last segments), exactly one segment wide, segment counts off the register blocks,
 * response channels off the vector (9, 17, 24, 33, 40), padding and dilation; the same bits at 1, 2 and 3
 * threads; and which forwards the dispatch sends here.
 */
class ChannelLaneConvTest {
    private static ConvGeometry geometry(int n, int cin, int h, int w, int cout, int k, int pad, int dilation) {
        return ConvPlan.resolve(ConvOptions.conv2d().padding(pad).dilation(dilation), new int[] {n, cin, h, w},
                new int[] {cout, cin, k, k}, null).geometry();
    }

    private static List<ConvGeometry> shapes() {
        List<ConvGeometry> shapes = new ArrayList<>(List.of(
                geometry(5, 6, 14, 14, 16, 5, 0, 1),  // lenet-c2: 10x10
                geometry(3, 6, 15, 15, 16, 5, 0, 1),  // lenet-odd-15: 11x11
                geometry(2, 3, 33, 33, 24, 5, 2, 1),  // first-c3-5x5-33: 1.5 vectors of channels
                geometry(2, 3, 57, 57, 16, 3, 1, 1),  // first-c3-57
                geometry(3, 1, 28, 28, 32, 3, 1, 1),  // first-c1-28: two vectors
                geometry(2, 2, 6, 6, 9, 3, 0, 1),     // 4 wide: one segment per row, 4 segments
                geometry(1, 1, 7, 9, 33, 3, 1, 1),    // 33 channels: two vector pairs, the last 1 wide
                geometry(3, 4, 11, 8, 40, 3, 0, 2),   // dilation 2: 7x4 responses, 40 channels
                geometry(2, 2, 9, 13, 17, 5, 2, 2),   // dilation and padding, 5 wide
                geometry(2, 2, 5, 140, 20, 3, 1, 1),  // a 140-wide row fills more than a tile: bands of one row
                geometry(2, 1, 5, 7, 12, 3, 0, 1)));  // 15 positions: fewer than a vector of lanes
        Random r = new Random(46);
        for (int i = 0; i < 30; i++) {
            int k = r.nextBoolean() ? 3 : 5;
            int dilation = r.nextInt(5) == 0 ? 2 : 1;
            int reach = dilation * (k - 1) + 1;
            int pad = r.nextInt(reach / 2 + 1);
            int h = Math.max(reach - 2 * pad, 1) + r.nextInt(12);
            int w = reach - 2 * pad + 3 + r.nextInt(14);
            shapes.add(geometry(1 + r.nextInt(7), 1 + r.nextInt(6), h, w, 9 + r.nextInt(40), k, pad, dilation));
        }
        // small11: pairs of rows (PanamaChannelRows): 3×3 and 5×5 (7×7 stays on the one-tap blocks), rows 6 to 30
        // wide (segments of 6 to 12 columns, overlapping last ones), odd row counts, bands of more than one pair,
        // one and two vectors of channels
        shapes.add(geometry(2, 3, 11, 11, 16, 5, 0, 1));  // 7x7 responses: 7 rows, one 7-wide segment
        shapes.add(geometry(2, 3, 33, 33, 24, 5, 2, 1));  // 33 wide, two vectors: bands of 2 rows of 11-column segments
        shapes.add(geometry(2, 3, 13, 13, 16, 7, 0, 1));  // 7x7 kernel: the one-tap blocks
        shapes.add(geometry(2, 2, 4, 300, 12, 3, 0, 1));  // 2 rows of 298: bands of one row made two
        shapes.add(geometry(1, 2, 40, 40, 10, 3, 0, 1));  // 38x38: 38 rows in bands of 6 and a leftover
        for (int i = 0; i < 24; i++) {
            int k = 3 + 2 * r.nextInt(3);
            int pad = r.nextInt(k / 2 + 1);
            int h = k - 2 * pad + 1 + r.nextInt(12);
            int w = k - 2 * pad + 5 + r.nextInt(26);
            shapes.add(geometry(1 + r.nextInt(4), 1 + r.nextInt(8), h, w, 9 + r.nextInt(i % 3 == 0 ? 24 : 8), k, pad, 1));
        }
        return shapes;
    }

    @TestFactory
    List<DynamicTest> channelLanesMatchTheReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            SmallChannelConv small = new SmallChannelConv(provider.vectorOps());
            for (ConvGeometry g : shapes()) {
                String name = provider.name() + ": N" + g.batch() + " C" + g.imageChannels() + "->" + g.responseChannels()
                        + " in" + g.image()[1] + "x" + g.image()[2] + " k" + g.kernel()[1] + " p" + g.padLeft()[1]
                        + " d" + g.dilation()[1];
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Random data = new Random(name.hashCode());
                    float[] image = GradientChecker.random(data, g.imageSize()).data();
                    float[] weight = GradientChecker.random(data, g.weightSize()).data();
                    float[] one = Providers.atThreads(1, () -> small.laneCorrelate(g, image, weight));
                    FastConvTest.assertClose("correlate", one, ReferenceConv.correlate(g, image, weight));
                    assertThat(Providers.atThreads(2, () -> small.laneCorrelate(g, image, weight))).as("two threads").containsExactly(one);
                    assertThat(Providers.atThreads(3, () -> small.laneCorrelate(g, image, weight))).as("three threads").containsExactly(one);
                }));
            }
        }
        return tests;
    }

    /**
     * small16: an odd count of output rows ends on one row alone ({@code PanamaChannelRows.row}), not on a pair moved
     * back: for every segment width (6-12) and kernel rows of 3 and 5, one and two vectors of channels, 3 rows
     * (a pair and a lone row) match the reference, and the lone row has the same bits as the same row computed in a
     * pair when the image has one row more below it.
     */
    @TestFactory
    List<DynamicTest> aLoneLastRowHasThePairsBits() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            SmallChannelConv small = new SmallChannelConv(provider.vectorOps());
            for (int k : new int[] {3, 5}) {
                for (int width = 6; width <= 12; width++) {
                    for (int cout : new int[] {16, 27}) {
                        int ow = width;
                        int co = cout;
                        tests.add(DynamicTest.dynamicTest(provider.name() + ": k" + k + " " + ow + " wide, " + co + " channels", () -> {
                            ConvGeometry odd = geometry(2, 3, 3 + k - 1, ow + k - 1, co, k, 0, 1);   // 3 output rows
                            ConvGeometry even = geometry(2, 3, 4 + k - 1, ow + k - 1, co, k, 0, 1);  // 4: two pairs
                            Random data = new Random(31 * k + ow + co);
                            float[] tall = GradientChecker.random(data, even.imageSize()).data();
                            float[] weight = GradientChecker.random(data, odd.weightSize()).data();
                            int plane = even.imagePlane();
                            int cropped = odd.imagePlane();
                            float[] image = new float[odd.imageSize()];
                            for (int p = 0; p < 2 * 3; p++) { // each (image, channel) plane without its last row
                                System.arraycopy(tall, p * plane, image, p * cropped, cropped);
                            }
                            float[] three = small.laneCorrelate(odd, image, weight);
                            FastConvTest.assertClose("correlate", three, ReferenceConv.correlate(odd, image, weight));
                            float[] four = small.laneCorrelate(even, tall, weight);
                            for (int p = 0; p < 2 * co; p++) {
                                float[] lone = java.util.Arrays.copyOfRange(three, p * 3 * ow, (p + 1) * 3 * ow);
                                float[] paired = java.util.Arrays.copyOfRange(four, p * 4 * ow, p * 4 * ow + 3 * ow);
                                assertThat(lone).as("plane " + p).containsExactly(paired);
                            }
                        }));
                    }
                }
            }
        }
        return tests;
    }

    /**
     * first256: on the Vector API every output is one fused multiply-add chain over the taps in the weight's order from
     * zero, bit for bit, whichever blocks the host's lanes pick (with 8 lanes one row at a time and one vector of
     * channels, where 16 lanes pair rows and vectors): the bits do not depend on the register plan.
     */
    @TestFactory
    List<DynamicTest> vectorSumsAreOneChainOverTheTaps() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            if (provider.vectorOps().channelLanes() == 1) {
                continue; // the scalar loops round each product
            }
            SmallChannelConv small = new SmallChannelConv(provider.vectorOps());
            for (ConvGeometry g : shapes()) {
                String name = provider.name() + ": N" + g.batch() + " C" + g.imageChannels() + "->" + g.responseChannels()
                        + " in" + g.image()[1] + "x" + g.image()[2] + " k" + g.kernel()[1] + " p" + g.padLeft()[1]
                        + " d" + g.dilation()[1];
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Random data = new Random(name.hashCode());
                    float[] image = GradientChecker.random(data, g.imageSize()).data();
                    float[] weight = GradientChecker.random(data, g.weightSize()).data();
                    assertThat(small.laneCorrelate(g, image, weight)).containsExactly(fmaChain(g, image, weight));
                }));
            }
        }
        return tests;
    }

    /** The 2-d correlation with each output one {@link Math#fma} chain over (ci, ky, kx) in order, padding read as 0. */
    private static float[] fmaChain(ConvGeometry g, float[] image, float[] weight) {
        int cin = g.imageChannels();
        int cout = g.responseChannels();
        int h = g.image()[1];
        int w = g.image()[2];
        int kh = g.kernel()[1];
        int kw = g.kernel()[2];
        int oh = g.response()[1];
        int ow = g.response()[2];
        float[] out = new float[g.responseSize()];
        for (int n = 0; n < g.batch(); n++) {
            for (int co = 0; co < cout; co++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        float sum = 0f;
                        for (int ci = 0; ci < cin; ci++) {
                            for (int ky = 0; ky < kh; ky++) {
                                for (int kx = 0; kx < kw; kx++) {
                                    int iy = oy - g.padLeft()[1] + ky * g.dilation()[1];
                                    int ix = ox - g.padLeft()[2] + kx * g.dilation()[2];
                                    float v = iy < 0 || iy >= h || ix < 0 || ix >= w ? 0f
                                            : image[((n * cin + ci) * h + iy) * w + ix];
                                    sum = Math.fma(weight[((co * cin + ci) * kh + ky) * kw + kx], v, sum);
                                }
                            }
                        }
                        out[((n * cout + co) * oh + oy) * ow + ox] = sum;
                    }
                }
            }
        }
        return out;
    }

    @TestFactory
    List<DynamicTest> longReductionsRunHere() {
        ConvDispatch dispatch = new ConvDispatch(KernelProvider.scalar(), 0);
        List<DynamicTest> tests = new ArrayList<>();
        for (ConvGeometry g : List.of(geometry(64, 6, 14, 14, 16, 5, 0, 1), geometry(32, 6, 15, 15, 16, 5, 0, 1),
                geometry(8, 3, 33, 33, 24, 5, 2, 1), geometry(32, 3, 12, 12, 16, 3, 1, 1))) {
            tests.add(DynamicTest.dynamicTest("C" + g.imageChannels() + "->" + g.responseChannels() + " in" + g.image()[1], () -> {
                assertThat(dispatch.path(g, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.SMALL_CHANNEL);
                assertThat(SmallChannelConv.channelLanes(g)).isTrue();
            }));
        }
        tests.add(DynamicTest.dynamicTest("short reductions on wide rows, and 6 channels, stay on the column kernels", () -> {
            assertThat(SmallChannelConv.channelLanes(geometry(8, 3, 57, 57, 16, 3, 1, 1))).isFalse();
            assertThat(SmallChannelConv.channelLanes(geometry(64, 1, 28, 28, 32, 3, 1, 1))).isFalse();
            assertThat(SmallChannelConv.channelLanes(geometry(32, 1, 12, 12, 16, 3, 0, 1))).isFalse();
            assertThat(SmallChannelConv.channelLanes(geometry(64, 1, 28, 28, 6, 5, 2, 1))).isFalse();
        }));
        return tests;
    }
}
