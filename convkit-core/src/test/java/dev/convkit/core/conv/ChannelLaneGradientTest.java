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
 * bwd8: {@link ChannelLaneGradient} (small-channel weight gradients with the response channels in the lanes)
 * against the reference loops on every provider: lenet-c2 and lenet-odd-15, batches of several chunks, 3- and 5-wide kernels with every count of tap runs up to two
 * register blocks, kernel widths without a block (2, 4, 7), horizontal dilation (runs of 1), padding, response
 * channels off the lanes and planes past one position tile; the same bits at one and two threads and across
 * repeated calls, and which geometries the small-channel weight gradient sends here.
 */
class ChannelLaneGradientTest {
    private static ConvGeometry geometry(int n, int cin, int h, int w, int cout, int kh, int kw, int pad, int dilation) {
        return ConvPlan.resolve(ConvOptions.conv2d().padding(pad).dilation(dilation), new int[] {n, cin, h, w},
                new int[] {cout, cin, kh, kw}, null).geometry();
    }

    private static List<ConvGeometry> shapes() {
        List<ConvGeometry> shapes = new ArrayList<>(List.of(
                geometry(40, 6, 14, 14, 16, 5, 5, 0, 1),  // lenet-c2, two chunks
                geometry(3, 6, 15, 15, 16, 5, 5, 0, 1),   // lenet-odd-15
                geometry(2, 5, 12, 12, 32, 5, 5, 0, 1),   // two channel blocks
                geometry(2, 8, 16, 16, 16, 3, 3, 1, 1),   // 24 runs of 3: three full blocks
                geometry(2, 3, 9, 20, 7, 3, 3, 2, 1),     // 7 channels, padding past the reach
                geometry(2, 2, 11, 13, 5, 2, 4, 1, 1),    // 4-wide kernel rows: one tap at a time
                geometry(2, 2, 11, 13, 9, 3, 3, 1, 2),    // dilation 2: runs of 1
                geometry(1, 1, 40, 12, 12, 7, 7, 3, 1),   // 7-wide rows, a plane past one position tile
                geometry(2, 1, 30, 14, 16, 3, 3, 0, 1))); // 336 positions: two tiles
        for (int cin = 1; cin <= 8; cin++) {
            shapes.add(geometry(2, cin, 7, 9, 13, 3, 3, 0, 1)); // 3 .. 24 runs of 3
            shapes.add(geometry(2, cin, 8, 8, 16, 5, 5, 1, 1)); // 5 .. 40 runs of 5
        }
        Random r = new Random(10);
        for (int i = 0; i < 20; i++) {
            int k = r.nextBoolean() ? 3 : 5;
            shapes.add(geometry(1 + r.nextInt(5), 1 + r.nextInt(8), k + r.nextInt(14), k + r.nextInt(14),
                    1 + r.nextInt(33), k, k, r.nextInt(k), 1));
        }
        return shapes;
    }

    @TestFactory
    List<DynamicTest> weightGradientMatchesTheReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            ChannelLaneGradient lanes = new ChannelLaneGradient(provider.vectorOps());
            for (ConvGeometry g : shapes()) {
                String name = provider.name() + ": N" + g.batch() + " C" + g.imageChannels() + "->" + g.responseChannels()
                        + " in" + g.image()[1] + "x" + g.image()[2] + " k" + g.kernel()[1] + "x" + g.kernel()[2]
                        + " p" + g.padLeft()[1] + " d" + g.dilation()[1];
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Random data = new Random(name.hashCode());
                    float[] image = GradientChecker.random(data, g.imageSize()).data();
                    float[] response = GradientChecker.random(data, g.responseSize()).data();
                    float[] first = lanes.weightGradient(g, image, response);
                    FastConvTest.assertClose("weight gradient", first, ReferenceConv.weightGradient(g, image, response));
                    DirectConvTest.assertSameBitsAtOneAndTwoThreads(() -> lanes.weightGradient(g, image, response));
                    assertThat(lanes.weightGradient(g, image, response)).as("a repeated call").containsExactly(first);
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> narrowRowsWithFullLanesRunHere() {
        return List.of(
                DynamicTest.dynamicTest("lenet-c2", () -> assertThat(ChannelLaneGradient.applies(
                        geometry(64, 6, 14, 14, 16, 5, 5, 0, 1), 16)).isTrue()),
                DynamicTest.dynamicTest("6 channels in 16 lanes stay dense", () -> assertThat(ChannelLaneGradient.applies(
                        geometry(64, 1, 28, 28, 6, 5, 5, 2, 1), 16)).isFalse()),
                DynamicTest.dynamicTest("rows wider than 16 stay dense", () -> assertThat(ChannelLaneGradient.applies(
                        geometry(8, 3, 57, 57, 16, 3, 3, 1, 1), 16)).isFalse()),
                DynamicTest.dynamicTest("7-wide kernels stay dense", () -> assertThat(ChannelLaneGradient.applies(
                        geometry(8, 1, 14, 14, 16, 7, 7, 3, 1), 16)).isFalse()));
    }
}
