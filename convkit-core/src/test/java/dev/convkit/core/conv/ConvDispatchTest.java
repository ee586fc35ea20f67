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

import static dev.convkit.core.conv.ConvDispatch.Pass.CORRELATE;
import static dev.convkit.core.conv.ConvDispatch.Pass.SCATTER;
import static dev.convkit.core.conv.ConvDispatch.Pass.WEIGHT_GRADIENT;
import static dev.convkit.core.conv.ConvDispatch.Path.COL2IM;
import static dev.convkit.core.conv.ConvDispatch.Path.DEPTHWISE;
import static dev.convkit.core.conv.ConvDispatch.Path.FLIPPED;
import static dev.convkit.core.conv.ConvDispatch.Path.GEMM;
import static dev.convkit.core.conv.ConvDispatch.Path.REFERENCE;
import static dev.convkit.core.conv.ConvDispatch.Path.PHASE_SPLIT;
import static dev.convkit.core.conv.ConvDispatch.Path.SMALL_CHANNEL;
import static dev.convkit.core.conv.ConvDispatch.Path.WINOGRAD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every sub-path of the convolution dispatch is reached by the shapes meant to reach it, on every
 * provider, and computes what the reference loops compute. A change to the size policy that stops a
 * path from being taken fails here.
 */
class ConvDispatchTest {
    /** A shape, the paths its three passes must take, and why. */
    private record Case(String name, ConvOptions options, int[] input, int[] weight,
                        ConvDispatch.Path correlate, ConvDispatch.Path scatter, ConvDispatch.Path weightGradient) {
    }

    private static final List<Case> CASES = List.of(
            new Case("GEMM: 16 channels x 9 taps, flipped scatter at unit stride", ConvOptions.conv2d().padding(1),
                    new int[] {2, 16, 12, 12}, new int[] {12, 16, 3, 3}, GEMM, FLIPPED, GEMM),
            new Case("GEMM with col2im: stride 3", ConvOptions.conv2d().stride(3).padding(2),
                    new int[] {2, 16, 13, 13}, new int[] {8, 16, 5, 5}, GEMM, COL2IM, GEMM),
            new Case("col2im at unit stride: padding beyond the kernel's reach", ConvOptions.conv2d().padding(3),
                    new int[] {2, 16, 12, 12}, new int[] {12, 16, 3, 3}, GEMM, COL2IM, GEMM),
            new Case("small channel: 1 channel x 9 taps, unpadded columns: small-channel scatter", ConvOptions.conv2d(),
                    new int[] {4, 1, 20, 20}, new int[] {8, 1, 3, 3}, SMALL_CHANNEL, SMALL_CHANNEL, SMALL_CHANNEL),
            new Case("small channel: a 2-d first layer, 6 channels x 25 taps", ConvOptions.conv2d(),
                    new int[] {4, 6, 14, 14}, new int[] {16, 6, 5, 5}, SMALL_CHANNEL, SMALL_CHANNEL, SMALL_CHANNEL),
            new Case("depthwise, strided scatter", ConvOptions.conv2d().groups(8).stride(2).padding(1),
                    new int[] {2, 8, 24, 24}, new int[] {8, 1, 3, 3}, DEPTHWISE, DEPTHWISE, DEPTHWISE),
            new Case("depthwise, unit stride: flipped scatter", ConvOptions.conv2d().groups(8).padding(1),
                    new int[] {2, 8, 24, 24}, new int[] {8, 1, 3, 3}, DEPTHWISE, FLIPPED, DEPTHWISE),
            new Case("3-d GEMM", ConvOptions.conv3d().padding(1),
                    new int[] {1, 6, 8, 8, 8}, new int[] {12, 6, 3, 3, 3}, GEMM, FLIPPED, GEMM),
            new Case("1-d small channel", ConvOptions.conv1d().dilation(2),
                    new int[] {8, 2, 200}, new int[] {4, 2, 5}, SMALL_CHANNEL, SMALL_CHANNEL, SMALL_CHANNEL),
            new Case("small channel with padding: flipped scatter", ConvOptions.conv2d().padding(2),
                    new int[] {4, 1, 20, 20}, new int[] {6, 1, 5, 5}, SMALL_CHANNEL, FLIPPED, SMALL_CHANNEL),
            new Case("3x3 stride 2: the image's phases (s2conv8)", ConvOptions.conv2d().stride(2).padding(1),
                    new int[] {2, 16, 13, 13}, new int[] {8, 16, 3, 3}, PHASE_SPLIT, PHASE_SPLIT, PHASE_SPLIT),
            new Case("5x5 stride 2: phases forward and back (c5s2-19), and the weight gradient (c5s2wg20)",
                    ConvOptions.conv2d().stride(2).padding(2),
                    new int[] {2, 16, 13, 13}, new int[] {8, 16, 5, 5}, PHASE_SPLIT, PHASE_SPLIT, PHASE_SPLIT),
            new Case("7x7 stride 2 stem: 3 image channels run the direct stem forward (stem21), col2im, the phases' weight gradient",
                    ConvOptions.conv2d().stride(2).padding(3),
                    new int[] {2, 3, 21, 21}, new int[] {8, 3, 7, 7}, SMALL_CHANNEL, COL2IM, PHASE_SPLIT));

    private static ConvGeometry geometry(Case c) {
        return ConvPlan.resolve(c.options, c.input, c.weight, null).geometry();
    }

    @TestFactory
    List<DynamicTest> everySubPathIsReachedAndAgreesWithTheReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            ConvDispatch dispatch = new ConvDispatch(provider, ConvDispatch.DEFAULT_SMALL_MACS);
            for (Case c : CASES) {
                tests.add(DynamicTest.dynamicTest(provider.name() + ": " + c.name, () -> {
                    ConvGeometry g = geometry(c);
                    assertThat(g.macs()).as("above the cutoff").isGreaterThanOrEqualTo(ConvDispatch.DEFAULT_SMALL_MACS);
                    assertThat(dispatch.path(g, CORRELATE)).as("correlate").isEqualTo(c.correlate);
                    assertThat(dispatch.path(g, SCATTER)).as("scatter").isEqualTo(c.scatter);
                    assertThat(dispatch.path(g, WEIGHT_GRADIENT)).as("weight gradient").isEqualTo(c.weightGradient);
                    Random r = new Random(c.name.hashCode());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    FastConvTest.assertClose("correlate", dispatch.correlate(g, image, weight),
                            ReferenceConv.correlate(g, image, weight));
                    FastConvTest.assertClose("scatter", dispatch.scatter(g, response, weight),
                            ReferenceConv.scatter(g, response, weight));
                    FastConvTest.assertClose("weight gradient", dispatch.weightGradient(g, image, response),
                            ReferenceConv.weightGradient(g, image, response));
                }));
            }
        }
        return tests;
    }

    /**
     * grp54: a grouped 5×5 forward with 48 channels a group on 544 tiles a group runs Winograd on every provider (the
     * 16-lane one took the lanes kernel before); its input gradient keeps the lanes kernel's bits there, and one image
     * (272 tiles a group) keeps the lanes kernel. Close to the reference, the same bits at 1 and 2 threads. On a 1 MB L2
     * (grp60: a 2 MB one takes fewer tiles, {@link #wideGroupsOnALargeL2LeaveTheLanesKernelFromFewerTiles}).
     */
    @TestFactory
    List<DynamicTest> wideGroupsOnManyTilesLeaveTheLanesKernelForWinograd() {
        List<DynamicTest> tests = new ArrayList<>();
        ConvOptions options = ConvOptions.conv2d().padding(2).groups(2);
        for (KernelProvider provider : Providers.all()) {
            ConvDispatch dispatch = new ConvDispatch(provider, 0, true, 1L << 20);
            boolean lanes = provider.vectorOps().channelLanes() == FastConv.GROUP_LANES;
            tests.add(DynamicTest.dynamicTest(provider.name(), () -> {
                ConvGeometry g = ConvPlan.resolve(options, new int[] {2, 96, 31, 33}, new int[] {96, 48, 5, 5}, null)
                        .geometry();
                assertThat(ConvDispatch.wideGroupsWinogradPays(g, false)).isTrue();
                assertThat(dispatch.path(g, CORRELATE)).as("correlate").isEqualTo(WINOGRAD);
                assertThat(dispatch.path(ConvDispatch.flipped(g), CORRELATE)).as("flipped").isEqualTo(WINOGRAD);
                ConvGeometry oneImage = ConvPlan.resolve(options, new int[] {1, 96, 31, 33},
                        new int[] {96, 48, 5, 5}, null).geometry();
                assertThat(ConvDispatch.wideGroupsWinogradPays(oneImage, false)).as("272 tiles a group").isFalse();
                assertThat(dispatch.path(oneImage, CORRELATE)).as("one image").isEqualTo(lanes ? GEMM : WINOGRAD);
                ConvGeometry narrow = ConvPlan.resolve(ConvOptions.conv2d().padding(2).groups(3),
                        new int[] {2, 96, 31, 33}, new int[] {96, 32, 5, 5}, null).geometry();
                assertThat(ConvDispatch.wideGroupsWinogradPays(narrow, false)).as("32 a group").isFalse();
                Random r = new Random(54);
                float[] image = GradientChecker.random(r, g.imageSize()).data();
                float[] weight = GradientChecker.random(r, g.weightSize()).data();
                float[] response = GradientChecker.random(r, g.responseSize()).data();
                float[] y = Providers.atThreads(1, () -> dispatch.correlate(g, image, weight));
                FastConvTest.assertClose("correlate", y, ReferenceConv.correlate(g, image, weight));
                assertThat(Providers.atThreads(2, () -> dispatch.correlate(g, image, weight))).as("2 threads").isEqualTo(y);
                float[] dx = Providers.atThreads(1, () -> dispatch.scatter(g, response, weight));
                FastConvTest.assertClose("scatter", dx, ReferenceConv.scatter(g, response, weight));
                if (lanes) {
                    FastConv fast = new FastConv(provider.microKernel(), provider.vectorOps());
                    assertThat(dx).as("the lanes kernel's input gradient")
                            .isEqualTo(fast.correlateGroupLanesFlipped(ConvDispatch.flipped(g), response, weight));
                }
                assertThat(Providers.atThreads(2, () -> dispatch.scatter(g, response, weight))).as("2 threads").isEqualTo(dx);
            }));
        }
        return tests;
    }

    /**
     * grp60: on a 2 MB L2 a grouped 5×5 forward of 48 a group leaves the lanes kernel for Winograd from 256 tiles a group
     * ({@link ConvDispatch#LARGE_L2_WIDE_GROUP_TILES_5}): one image of 31 × 33 (272 tiles) does, 15 × 15 (64) does not,
     * nor 16 images of 7 × 7 (256 tiles on grp59's 7-wide lanes rows), nor 32 a group; the input gradient keeps the lanes kernel's bits. Close to the reference, the same bits at 1 and
     * 2 threads.
     */
    @TestFactory
    List<DynamicTest> wideGroupsOnALargeL2LeaveTheLanesKernelFromFewerTiles() {
        List<DynamicTest> tests = new ArrayList<>();
        ConvOptions options = ConvOptions.conv2d().padding(2).groups(2);
        for (KernelProvider provider : Providers.all()) {
            ConvDispatch dispatch = new ConvDispatch(provider, 0, true, 2L << 20);
            boolean lanes = provider.vectorOps().channelLanes() == FastConv.GROUP_LANES;
            tests.add(DynamicTest.dynamicTest(provider.name(), () -> {
                ConvGeometry g = ConvPlan.resolve(options, new int[] {1, 96, 31, 33}, new int[] {96, 48, 5, 5}, null)
                        .geometry();
                assertThat(ConvDispatch.wideGroupsWinogradPays(g, true)).as("272 tiles a group").isTrue();
                assertThat(ConvDispatch.wideGroupsWinogradPays(g, false)).as("on a 1 MB L2").isFalse();
                assertThat(dispatch.path(g, CORRELATE)).as("correlate").isEqualTo(WINOGRAD);
                ConvGeometry few = ConvPlan.resolve(options, new int[] {1, 96, 15, 15}, new int[] {96, 48, 5, 5}, null)
                        .geometry();
                assertThat(ConvDispatch.wideGroupsWinogradPays(few, true)).as("64 tiles a group").isFalse();
                ConvGeometry sevenWide = ConvPlan.resolve(options, new int[] {16, 128, 7, 7}, new int[] {128, 64, 5, 5},
                        null).geometry();
                assertThat(ConvDispatch.wideGroupsWinogradPays(sevenWide, true)).as("7 × 7, 256 tiles a group").isFalse();
                assertThat(dispatch.path(few, CORRELATE)).as("few tiles").isEqualTo(lanes ? GEMM : WINOGRAD);
                ConvGeometry narrow = ConvPlan.resolve(ConvOptions.conv2d().padding(2).groups(3),
                        new int[] {2, 96, 31, 33}, new int[] {96, 32, 5, 5}, null).geometry();
                assertThat(ConvDispatch.wideGroupsWinogradPays(narrow, true)).as("32 a group").isFalse();
                Random r = new Random(60);
                float[] image = GradientChecker.random(r, g.imageSize()).data();
                float[] weight = GradientChecker.random(r, g.weightSize()).data();
                float[] response = GradientChecker.random(r, g.responseSize()).data();
                float[] y = Providers.atThreads(1, () -> dispatch.correlate(g, image, weight));
                FastConvTest.assertClose("correlate", y, ReferenceConv.correlate(g, image, weight));
                assertThat(Providers.atThreads(2, () -> dispatch.correlate(g, image, weight))).as("2 threads").isEqualTo(y);
                float[] dx = Providers.atThreads(1, () -> dispatch.scatter(g, response, weight));
                FastConvTest.assertClose("scatter", dx, ReferenceConv.scatter(g, response, weight));
                if (lanes) {
                    FastConv fast = new FastConv(provider.microKernel(), provider.vectorOps());
                    assertThat(dx).as("the lanes kernel's input gradient")
                            .isEqualTo(fast.correlateGroupLanesFlipped(ConvDispatch.flipped(g), response, weight));
                }
            }));
        }
        return tests;
    }

    @Test
    void theFlippedCorrelationIsDispatchedAsACorrelation() {
        ConvDispatch dispatch = new ConvDispatch(KernelProvider.scalar(), 0);
        ConvGeometry small = geometry(CASES.get(3));
        // 8 channels x 9 taps into one: few response channels
        assertThat(dispatch.path(ConvDispatch.flipped(small), CORRELATE)).isEqualTo(SMALL_CHANNEL);
        ConvGeometry wide = geometry(CASES.get(0));
        assertThat(dispatch.path(ConvDispatch.flipped(wide), CORRELATE)).isEqualTo(GEMM);
        ConvGeometry depthwise = geometry(CASES.get(6));
        assertThat(dispatch.path(ConvDispatch.flipped(depthwise), CORRELATE)).isEqualTo(DEPTHWISE);
    }

    @Test
    void smallProblemsTheReferenceProviderAndHugePaddedCopiesRunTheReferenceLoops() {
        ConvGeometry tiny = ConvPlan.resolve(ConvOptions.conv2d(), new int[] {1, 1, 5, 5}, new int[] {1, 1, 3, 3}, null)
                .geometry();
        assertThat(new ConvDispatch(KernelProvider.scalar(), ConvDispatch.DEFAULT_SMALL_MACS).path(tiny, CORRELATE))
                .isEqualTo(REFERENCE);
        assertThat(new ConvDispatch(KernelProvider.scalar(), 0).path(tiny, CORRELATE)).isEqualTo(DEPTHWISE); // one channel per group
        assertThat(new ConvDispatch(KernelProvider.reference(), 0).path(geometry(CASES.get(0)), CORRELATE))
                .isEqualTo(REFERENCE);
        // 64 outputs whose padded copy would be 16 x 8001 x 8001 floats: padded by bounds instead
        ConvGeometry dilated = ConvPlan.resolve(ConvOptions.conv2d().dilation(8000).padding(4000),
                new int[] {1, 16, 1, 1}, new int[] {64, 16, 2, 2}, null).geometry();
        ConvDispatch dispatch = new ConvDispatch(KernelProvider.scalar(), 0);
        for (ConvDispatch.Pass pass : ConvDispatch.Pass.values()) {
            assertThat(dispatch.path(dilated, pass)).as(pass.name()).isEqualTo(REFERENCE);
        }
    }
}
