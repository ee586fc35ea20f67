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
 * {@link SmallChannelConv}'s dense tap layout (2-d forwards with output rows narrower than
 * {@link SmallChannelConv#ROW_OUTPUTS}, and every 2-d weight gradient) against the reference loops:
 * lenet-like shapes, odd sizes, response planes shorter than a vector and ending mid-vector, padding and
 * dilation, channel and tap counts off the register blocks, batches that split into several image groups
 * per chunk, and single chunks split by response channels; the same bits at one, two and three threads, and the dispatch sending these passes here.
 */
class DenseTapsTest {
    private static ConvGeometry geometry(int n, int cin, int size, int cout, int k, int pad, int dilation) {
        return ConvPlan.resolve(ConvOptions.conv2d().padding(pad).dilation(dilation), new int[] {n, cin, size, size},
                new int[] {cout, cin, k, k}, null).geometry();
    }

    private static List<ConvGeometry> shapes() {
        List<ConvGeometry> shapes = new ArrayList<>(List.of(
                geometry(5, 6, 14, 16, 5, 0, 1),   // lenet-c2: 10x10 responses
                geometry(3, 6, 15, 16, 5, 0, 1),   // lenet-odd-15: 11x11
                geometry(2, 16, 10, 6, 5, 4, 1),   // lenet-c2's input gradient as a correlation: 14x14
                geometry(2, 3, 6, 7, 3, 0, 1),     // a 4x4 response: shorter than a vector
                geometry(3, 2, 9, 5, 3, 1, 2),     // dilation 2 with padding
                // 150 images of 8550 floats each: chunks of 32 images (the last 22), one image per group
                geometry(150, 6, 15, 3, 5, 2, 1),
                // 70 images of 144 floats: chunks of 32, 32 and 6 images, each one group
                geometry(70, 1, 8, 3, 3, 0, 1),
                // 40 images of 1512 floats: chunks of 32 (groups of 10, 10, 10, 2) and 8 images
                geometry(40, 3, 12, 17, 3, 1, 1),
                // one chunk of 8 images: at 2 or more threads its response channels split into groups of quads
                // (24 channels: 3 + 3 quads at 2 threads, 2 + 2 + 2 at 3), 6 channels: a quad and a ragged one
                geometry(8, 3, 21, 24, 5, 2, 1),
                geometry(4, 3, 19, 6, 3, 1, 1)));
        Random r = new Random(10);
        for (int i = 0; i < 40; i++) {
            int k = r.nextBoolean() ? 3 : 5;
            int dilation = r.nextInt(5) == 0 ? 2 : 1;
            int reach = dilation * (k - 1) + 1;
            int pad = r.nextInt(reach / 2 + 2);
            int size = Math.max(reach - 2 * pad, 1) + r.nextInt(14);
            int cin = 1 + r.nextInt(6);
            shapes.add(geometry(1 + r.nextInt(20), cin, size, 1 + r.nextInt(19), k, pad, dilation));
        }
        return shapes;
    }

    @TestFactory
    List<DynamicTest> denseTapsMatchTheReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            SmallChannelConv small = new SmallChannelConv(provider.vectorOps());
            for (ConvGeometry g : shapes()) {
                String name = provider.name() + ": N" + g.batch() + " C" + g.imageChannels() + "->" + g.responseChannels()
                        + " in" + g.image()[1] + " k" + g.kernel()[1] + " p" + g.padLeft()[1] + " d" + g.dilation()[1]
                        + " out" + g.response()[1];
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Random data = new Random(name.hashCode());
                    float[] image = GradientChecker.random(data, g.imageSize()).data();
                    float[] weight = GradientChecker.random(data, g.weightSize()).data();
                    float[] response = GradientChecker.random(data, g.responseSize()).data();
                    FastConvTest.assertClose("correlate", small.correlate(g, image, weight),
                            ReferenceConv.correlate(g, image, weight));
                    FastConvTest.assertClose("weight gradient", small.weightGradient(g, image, response),
                            ReferenceConv.weightGradient(g, image, response));
                    DirectConvTest.assertSameBitsAtOneAndTwoThreads(() -> small.correlate(g, image, weight));
                    DirectConvTest.assertSameBitsAtOneAndTwoThreads(() -> small.weightGradient(g, image, response));
                    float[] one = small.weightGradient(g, image, response);
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(3);
                        assertThat(small.weightGradient(g, image, response)).as("three threads").containsExactly(one);
                    } finally {
                        Parallel.setThreads(before);
                    }
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> firstLayerPassesRunHere() {
        ConvDispatch dispatch = new ConvDispatch(KernelProvider.scalar(), 0);
        return List.of(
                DynamicTest.dynamicTest("lenet-c2's three passes", () -> {
                    ConvGeometry g = geometry(64, 6, 14, 16, 5, 0, 1);
                    assertThat(dispatch.path(g, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.SMALL_CHANNEL);
                    assertThat(dispatch.path(g, ConvDispatch.Pass.WEIGHT_GRADIENT)).isEqualTo(ConvDispatch.Path.SMALL_CHANNEL);
                    assertThat(dispatch.path(ConvDispatch.flipped(g), ConvDispatch.Pass.CORRELATE))
                            .isEqualTo(ConvDispatch.Path.SMALL_CHANNEL);
                }),
                DynamicTest.dynamicTest("a 3-d weight gradient past 32 taps stays on the GEMM", () -> {
                    ConvGeometry g = ConvPlan.resolve(ConvOptions.conv3d(), new int[] {2, 2, 6, 6, 6},
                            new int[] {4, 2, 3, 3, 3}, null).geometry();
                    assertThat(dispatch.path(g, ConvDispatch.Pass.WEIGHT_GRADIENT)).isEqualTo(ConvDispatch.Path.GEMM);
                }));
    }
}
