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
 * The direct kernels ({@link DepthwiseConv}, {@link SmallChannelConv}) against the reference loops on
 * random shapes that reach each specialisation: 3×3 and 5×5 and other kernels, stride 1, 2 and 3,
 * dilation, padding up to beyond the kernel's reach, odd sizes, rows long enough for the register
 * blocks and their tails, 1-, 2- and 3-d; and the same bits at one and at two threads.
 */
class DirectConvTest {
    private static final int SHAPES = 60;

    /** A random geometry: {channels, groups} fixed by the caller, the rest drawn. */
    private static ConvGeometry randomGeometry(Random r, int batch, int cin, int cout, int groups, boolean unitStride) {
        int rank = r.nextInt(10) < 7 ? 2 : r.nextBoolean() ? 1 : 3;
        int[] kernelChoices = {3, 3, 5, 5, 1, 2, 4, 7};
        int[] input = new int[2 + rank];
        int[] weight = new int[2 + rank];
        input[0] = batch;
        input[1] = cin;
        weight[0] = cout;
        weight[1] = cin / groups;
        int[] stride = new int[rank];
        int[] dilation = new int[rank];
        int[] padding = new int[rank];
        for (int i = 0; i < rank; i++) {
            boolean last = i == rank - 1;
            int k = rank == 3 && !last ? 1 + r.nextInt(3) : kernelChoices[r.nextInt(kernelChoices.length)];
            int s = unitStride || r.nextInt(10) < 6 ? 1 : r.nextInt(10) < 8 ? 2 : 3;
            int d = r.nextInt(10) < 8 ? 1 : 2;
            int reach = d * (k - 1) + 1;
            int size = rank == 3 && !last ? reach + r.nextInt(5) : reach + r.nextInt(last ? 140 : 30);
            weight[2 + i] = k;
            input[2 + i] = size;
            stride[i] = s;
            dilation[i] = d;
            padding[i] = r.nextInt(10) < 7 ? r.nextInt((reach + 1) / 2 + 1) : r.nextInt(reach + 2);
        }
        ConvOptions o = (rank == 1 ? ConvOptions.conv1d() : rank == 2 ? ConvOptions.conv2d() : ConvOptions.conv3d())
                .stride(stride).dilation(dilation).padding(padding).groups(groups);
        return ConvPlan.resolve(o, input, weight, null).geometry();
    }

    private static String describe(ConvGeometry g) {
        return "N" + g.batch() + " C" + g.imageChannels() + "->" + g.responseChannels() + " g" + g.groups()
                + " in" + java.util.Arrays.toString(g.image()) + " k" + java.util.Arrays.toString(g.kernel())
                + " s" + java.util.Arrays.toString(g.stride()) + " d" + java.util.Arrays.toString(g.dilation())
                + " p" + java.util.Arrays.toString(g.padLeft());
    }

    @TestFactory
    List<DynamicTest> depthwiseMatchesTheReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            DepthwiseConv depthwise = new DepthwiseConv(provider.vectorOps());
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            Random r = new Random(10);
            List<ConvGeometry> shapes = new ArrayList<>(List.of(
                    // a stride near Integer.MAX_VALUE: one output, and no overflow in the phase arithmetic
                    ConvPlan.resolve(ConvOptions.conv2d().stride(Integer.MAX_VALUE), new int[] {1, 1, 5, 5},
                            new int[] {1, 1, 3, 3}, null).geometry(),
                    // narrow rows: 14 and 9 outputs (half vectors), 7 (scalar), 3x3 and 5x5
                    ConvPlan.resolve(ConvOptions.conv2d().padding(1).groups(3), new int[] {2, 3, 14, 14},
                            new int[] {3, 1, 3, 3}, null).geometry(),
                    ConvPlan.resolve(ConvOptions.conv2d().padding(2).groups(2), new int[] {1, 2, 9, 9},
                            new int[] {2, 1, 5, 5}, null).geometry(),
                    ConvPlan.resolve(ConvOptions.conv2d().padding(1).groups(2), new int[] {1, 2, 7, 7},
                            new int[] {2, 1, 3, 3}, null).geometry(),
                    // 3x3 interior row blocks (vertical stride 1 and 2, any column stride and dilation) and
                    // their borders and tails: rows not a multiple of 4, widths past 2 vectors
                    ConvPlan.resolve(ConvOptions.conv2d().padding(1).groups(3), new int[] {2, 3, 23, 37},
                            new int[] {3, 1, 3, 3}, null).geometry(),
                    ConvPlan.resolve(ConvOptions.conv2d().stride(2).padding(1).groups(2), new int[] {1, 2, 29, 71},
                            new int[] {2, 1, 3, 3}, null).geometry(),
                    ConvPlan.resolve(ConvOptions.conv2d().stride(1, 2).dilation(1, 2).groups(2), new int[] {1, 2, 13, 80},
                            new int[] {2, 1, 3, 3}, null).geometry(),
                    ConvPlan.resolve(ConvOptions.conv2d().stride(2, 3).padding(0, 2).groups(2), new int[] {1, 2, 19, 100},
                            new int[] {2, 1, 3, 3}, null).geometry(),
                    // 5x5 stride 2 (the general row blocks on phased rows)
                    ConvPlan.resolve(ConvOptions.conv2d().stride(2).padding(2).groups(2), new int[] {1, 2, 30, 66},
                            new int[] {2, 1, 5, 5}, null).geometry(),
                    // stride 2 on odd sizes with odd and even padding (the parity split of the rows, the
                    // scatter's gather over upsampled rows); a 3-d one whose image rows read response rows out
                    // of order across depths
                    ConvPlan.resolve(ConvOptions.conv2d().stride(2).padding(1).groups(2), new int[] {2, 2, 57, 57},
                            new int[] {2, 1, 3, 3}, null).geometry(),
                    ConvPlan.resolve(ConvOptions.conv2d().stride(2).padding(2).groups(2), new int[] {1, 2, 37, 53},
                            new int[] {2, 1, 5, 5}, null).geometry(),
                    // 2-d rows without per-weight branches (convRowsDirect): full 4-row blocks of 5x5 and of
                    // 3x3 with vertical stride 3 or dilation 2, border rows one at a time (padding past the
                    // kernel's reach: rows that meet no image row), half-vector and scalar row widths
                    ConvPlan.resolve(ConvOptions.conv2d().padding(2).groups(3), new int[] {2, 3, 28, 28},
                            new int[] {3, 1, 5, 5}, null).geometry(),
                    ConvPlan.resolve(ConvOptions.conv2d().padding(2).groups(2), new int[] {1, 2, 27, 45},
                            new int[] {2, 1, 5, 5}, null).geometry(),
                    ConvPlan.resolve(ConvOptions.conv2d().stride(3, 1).padding(1).groups(2), new int[] {1, 2, 31, 33},
                            new int[] {2, 1, 3, 3}, null).geometry(),
                    ConvPlan.resolve(ConvOptions.conv2d().dilation(2).padding(2).groups(2), new int[] {1, 2, 25, 40},
                            new int[] {2, 1, 3, 3}, null).geometry(),
                    ConvPlan.resolve(ConvOptions.conv2d().dilation(2, 1).padding(6, 2).groups(2), new int[] {1, 2, 11, 19},
                            new int[] {2, 1, 5, 5}, null).geometry(),
                    ConvPlan.resolve(ConvOptions.conv2d().padding(2).groups(2), new int[] {1, 2, 14, 14},
                            new int[] {2, 1, 5, 5}, null).geometry(),
                    ConvPlan.resolve(ConvOptions.conv2d().stride(2).padding(2).groups(2), new int[] {1, 2, 13, 13},
                            new int[] {2, 1, 5, 5}, null).geometry(),
                    // kernel depth 1 on a 3-d image: 4-row blocks that cross a depth are not full blocks
                    ConvPlan.resolve(ConvOptions.conv3d().padding(1, 1, 1).groups(2), new int[] {1, 2, 3, 6, 20},
                            new int[] {2, 1, 1, 3, 3}, null).geometry(),
                    ConvPlan.resolve(ConvOptions.conv3d().stride(2, 1, 1).padding(0, 2, 2).groups(2), new int[] {2, 2, 3, 5, 17},
                            new int[] {2, 1, 1, 5, 5}, null).geometry(),
                    ConvPlan.resolve(ConvOptions.conv3d().stride(2, 2, 2).dilation(2, 1, 2).padding(3, 2, 1).groups(4),
                            new int[] {1, 4, 8, 5, 41}, new int[] {4, 1, 3, 3, 4}, null).geometry()));
            for (int i = 0; i < SHAPES; i++) {
                int channels = 1 + r.nextInt(5);
                shapes.add(randomGeometry(r, 1 + r.nextInt(3), channels, channels, channels, false));
            }
            for (ConvGeometry g : shapes) {
                tests.add(DynamicTest.dynamicTest(provider.name() + ": " + describe(g), () -> {
                    assertThat(DepthwiseConv.applies(g)).isTrue();
                    Random data = new Random(describe(g).hashCode());
                    float[] image = GradientChecker.random(data, g.imageSize()).data();
                    float[] weight = GradientChecker.random(data, g.weightSize()).data();
                    float[] response = GradientChecker.random(data, g.responseSize()).data();
                    FastConvTest.assertClose("correlate", depthwise.correlate(g, image, weight),
                            ReferenceConv.correlate(g, image, weight));
                    FastConvTest.assertClose("weight gradient", depthwise.weightGradient(g, image, response),
                            ReferenceConv.weightGradient(g, image, response));
                    FastConvTest.assertClose("scatter", dispatch.scatter(g, response, weight),
                            ReferenceConv.scatter(g, response, weight));
                    assertSameBitsAtOneAndTwoThreads(() -> depthwise.correlate(g, image, weight));
                    assertSameBitsAtOneAndTwoThreads(() -> depthwise.weightGradient(g, image, response));
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> smallChannelMatchesTheReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            SmallChannelConv small = new SmallChannelConv(provider.vectorOps());
            Random r = new Random(4);
            // output rows of 28 and 57 (whole row blocks and a moved-back tail), 11 and 5 channels (a partial block)
            List<ConvGeometry> shapes = new ArrayList<>(List.of(
                    ConvPlan.resolve(ConvOptions.conv2d().padding(1), new int[] {2, 1, 28, 28}, new int[] {11, 1, 3, 3},
                            null).geometry(),
                    ConvPlan.resolve(ConvOptions.conv2d().padding(2), new int[] {1, 3, 9, 57}, new int[] {5, 3, 5, 5},
                            null).geometry()));
            for (int i = 0; i < SHAPES; i++) {
                // response channels around the register blocks' sizes (2 and 8) and past them
                shapes.add(randomGeometry(r, 1 + r.nextInt(3), 1 + r.nextInt(6), 1 + r.nextInt(20), 1, true));
            }
            for (ConvGeometry g : shapes) {
                tests.add(DynamicTest.dynamicTest(provider.name() + ": " + describe(g), () -> {
                    Random data = new Random(describe(g).hashCode());
                    float[] image = GradientChecker.random(data, g.imageSize()).data();
                    float[] weight = GradientChecker.random(data, g.weightSize()).data();
                    float[] response = GradientChecker.random(data, g.responseSize()).data();
                    FastConvTest.assertClose("correlate", small.correlate(g, image, weight),
                            ReferenceConv.correlate(g, image, weight));
                    FastConvTest.assertClose("weight gradient", small.weightGradient(g, image, response),
                            ReferenceConv.weightGradient(g, image, response));
                    assertSameBitsAtOneAndTwoThreads(() -> small.correlate(g, image, weight));
                    assertSameBitsAtOneAndTwoThreads(() -> small.weightGradient(g, image, response));
                }));
            }
        }
        return tests;
    }

    static void assertSameBitsAtOneAndTwoThreads(java.util.function.Supplier<float[]> pass) {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            float[] one = pass.get();
            Parallel.setThreads(2);
            float[] two = pass.get();
            assertThat(two).as("two threads").containsExactly(one);
        } finally {
            Parallel.setThreads(before);
        }
    }
}
