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
 * {@link SmallChannelScatter} (the input gradient of 2-d small-channel convolutions without horizontal
 * padding) against the reference loops: lenet-c2 and lenet-odd-15, batch 1, rectangular images, vertical
 * padding (response rows above and below the image that are never read), dilation, image planes shorter
 * than a vector, channel counts off the register blocks; the same bits at one and two threads and across
 * repeated calls, and which geometries the dispatch sends here.
 */
class SmallChannelScatterTest {
    private static ConvGeometry geometry(int n, int cin, int h, int w, int cout, int kh, int kw, int padTop, int dilation) {
        return ConvPlan.resolve(ConvOptions.conv2d().padding(padTop, 0).dilation(dilation), new int[] {n, cin, h, w},
                new int[] {cout, cin, kh, kw}, null).geometry();
    }

    private static List<ConvGeometry> shapes() {
        List<ConvGeometry> shapes = new ArrayList<>(List.of(
                geometry(5, 6, 14, 14, 16, 5, 5, 0, 1),  // lenet-c2
                geometry(1, 6, 15, 15, 16, 5, 5, 0, 1),  // lenet-odd-15, batch 1
                geometry(3, 1, 28, 28, 6, 5, 5, 2, 1),   // vertical padding only
                geometry(2, 3, 7, 9, 5, 3, 3, 3, 1),     // padding past the kernel's reach: rows never read
                geometry(2, 2, 11, 13, 4, 3, 2, 1, 2),   // dilation 2, a 3x2 kernel
                geometry(3, 8, 4, 3, 3, 3, 3, 0, 1),     // a 4x3 plane: shorter than a vector, 8 channels
                geometry(2, 7, 9, 12, 20, 5, 5, 1, 1),   // 7 image channels, 500 taps
                // bwd8: 5 and 6 image channels in blocks of 6, over 40, 24 and 18 columns (3, 2 and 1.x vectors)
                geometry(2, 5, 5, 8, 9, 3, 3, 0, 1),
                geometry(2, 6, 4, 6, 7, 3, 3, 0, 1),
                geometry(2, 6, 3, 6, 4, 3, 3, 1, 1),
                geometry(4, 5, 20, 16, 3, 5, 5, 2, 1))); // 320 columns: several full 6x3 blocks
        Random r = new Random(4);
        for (int i = 0; i < 30; i++) {
            int k = 1 + r.nextInt(5);
            int h = k + r.nextInt(14);
            int w = k + r.nextInt(14);
            shapes.add(geometry(1 + r.nextInt(6), 1 + r.nextInt(8), h, w, 1 + r.nextInt(17), k, k, r.nextInt(k + 1), 1));
        }
        return shapes;
    }

    @TestFactory
    List<DynamicTest> scatterMatchesTheReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            SmallChannelScatter scatter = new SmallChannelScatter(provider.vectorOps());
            for (ConvGeometry g : shapes()) {
                String name = provider.name() + ": N" + g.batch() + " C" + g.imageChannels() + "<-" + g.responseChannels()
                        + " in" + g.image()[1] + "x" + g.image()[2] + " k" + g.kernel()[1] + "x" + g.kernel()[2]
                        + " p" + g.padLeft()[1] + " d" + g.dilation()[1];
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    assertThat(SmallChannelScatter.applies(g)).isTrue();
                    Random data = new Random(name.hashCode());
                    float[] weight = GradientChecker.random(data, g.weightSize()).data();
                    float[] response = GradientChecker.random(data, g.responseSize()).data();
                    float[] first = scatter.scatter(g, response, weight);
                    FastConvTest.assertClose("scatter", first, ReferenceConv.scatter(g, response, weight));
                    DirectConvTest.assertSameBitsAtOneAndTwoThreads(() -> scatter.scatter(g, response, weight));
                    assertThat(scatter.scatter(g, response, weight)).as("a repeated call").containsExactly(first);
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> dispatchSendsOnlyUnpaddedColumnsHere() {
        ConvDispatch dispatch = new ConvDispatch(KernelProvider.scalar(), 0);
        return List.of(
                DynamicTest.dynamicTest("lenet-c2's input gradient", () -> assertThat(dispatch.path(
                        geometry(64, 6, 14, 14, 16, 5, 5, 0, 1), ConvDispatch.Pass.SCATTER))
                        .isEqualTo(ConvDispatch.Path.SMALL_CHANNEL)),
                DynamicTest.dynamicTest("horizontal padding stays flipped", () -> assertThat(dispatch.path(
                        ConvPlan.resolve(ConvOptions.conv2d().padding(2), new int[] {2, 1, 28, 28},
                                new int[] {6, 1, 5, 5}, null).geometry(), ConvDispatch.Pass.SCATTER))
                        .isEqualTo(ConvDispatch.Path.FLIPPED)),
                DynamicTest.dynamicTest("more than 8 image channels stays flipped", () -> assertThat(dispatch.path(
                        geometry(2, 9, 10, 10, 4, 3, 3, 0, 1), ConvDispatch.Pass.SCATTER))
                        .isEqualTo(ConvDispatch.Path.FLIPPED)),
                DynamicTest.dynamicTest("stride 2 stays on col2im", () -> assertThat(dispatch.path(
                        ConvPlan.resolve(ConvOptions.conv2d().stride(2), new int[] {2, 6, 14, 14},
                                new int[] {16, 6, 5, 5}, null).geometry(), ConvDispatch.Pass.SCATTER))
                        .isEqualTo(ConvDispatch.Path.COL2IM)));
    }
}
