package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.VectorOps;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * grp29's weight gradient of 16-channel groups in the lanes form ({@link GroupLaneWeightGradient}) against the
 * reference loops, at 1, 2 and 3 threads with the same bits, and bit for bit against
 * {@link VectorOps#groupLaneWeightRows}' scalar loops (a 16-lane VectorOps without vector kernels): 3×3, 5×5, 3×5
 * and 5×3 kernels, odd and even planes, one image to eight, padding 0 to past the kernel's reach and different on the
 * two axes, rows dilated by 2, image channels a group that leave a ragged last call (5 and 7); g32-30: 20-64
 * response channels a group (slices of one vector, the last one's spare lanes zero).
 */
class GroupLaneWeightGradientTest {
    /** {N, C, H, W, Cout, groups, kh, kw, padding rows, padding columns, dilation rows}. */
    private static final int[][] SHAPES = {
            {8, 128, 13, 13, 128, 8, 3, 3, 1, 1, 1}, {8, 64, 21, 21, 64, 4, 5, 5, 2, 2, 1},
            {1, 48, 9, 11, 48, 3, 3, 3, 1, 1, 1}, {3, 32, 12, 10, 32, 2, 3, 3, 0, 0, 1},
            {2, 32, 15, 13, 32, 2, 5, 5, 0, 0, 1}, {3, 32, 9, 17, 32, 2, 3, 5, 1, 2, 1},
            {2, 48, 11, 9, 48, 3, 5, 3, 2, 1, 1}, {2, 32, 13, 12, 32, 2, 3, 3, 2, 1, 2},
            {1, 32, 10, 10, 32, 2, 3, 3, 3, 3, 1}, {2, 14, 12, 12, 32, 2, 5, 5, 2, 2, 1},
            {2, 10, 10, 9, 32, 2, 3, 3, 1, 1, 1}, {1, 256, 11, 11, 256, 16, 3, 3, 1, 1, 1},
            // g32-30: 32, 48, 64, 20, 24 and 40 a group (slices of one vector, spare lanes zero), 3×3 and 5×5
            {2, 64, 13, 11, 64, 2, 3, 3, 1, 1, 1}, {1, 96, 9, 10, 96, 2, 5, 5, 2, 2, 1},
            {2, 128, 11, 9, 128, 2, 3, 3, 1, 1, 1}, {2, 40, 10, 12, 40, 2, 3, 3, 1, 1, 1},
            {3, 72, 9, 9, 72, 3, 3, 5, 1, 2, 2}, {2, 20, 12, 12, 80, 2, 5, 3, 2, 1, 1},
            {2, 64, 17, 17, 64, 2, 5, 5, 2, 2, 1},
            // grp59: rows of 7, 64 a group 5×5 and 16 a group 3×3; 24 a group (a partial last vector, which the
            // weight gradient takes on rows of 7 where the forward needs 8)
            {3, 128, 7, 7, 128, 2, 5, 5, 2, 2, 1}, {2, 64, 7, 7, 64, 4, 3, 3, 1, 1, 1},
            {2, 96, 7, 7, 96, 4, 5, 5, 2, 2, 1}, {2, 48, 7, 7, 48, 2, 3, 3, 1, 1, 1},
    };

    static ConvGeometry geometry(int[] s) {
        ConvOptions o = ConvOptions.conv2d().padding(s[8], s[9]).groups(s[5]).dilation(s[10], 1);
        return ConvPlan.resolve(o, new int[] {s[0], s[1], s[2], s[3]}, new int[] {s[4], s[1] / s[5], s[6], s[7]}, null)
                .geometry();
    }

    /** 16 lanes and only the interface's default loops: the scalar fallback of the vector kernels. */
    private static VectorOps scalarSixteenLanes() {
        VectorOps scalar = KernelProvider.scalar().vectorOps();
        return new VectorOps() {
            @Override
            public void axpy(float a, float[] x, int xo, float[] y, int yo, int n) {
                scalar.axpy(a, x, xo, y, yo, n);
            }

            @Override
            public float dot(float[] x, int xo, float[] y, int yo, int n) {
                return scalar.dot(x, xo, y, yo, n);
            }

            @Override
            public int channelLanes() {
                return FastConv.GROUP_LANES;
            }
        };
    }

    @TestFactory
    List<DynamicTest> lanesMatchTheReferenceAndTheScalarLoopsBitForBit() {
        List<DynamicTest> tests = new ArrayList<>();
        GroupLaneWeightGradient loops = new GroupLaneWeightGradient(scalarSixteenLanes());
        for (KernelProvider provider : Providers.all()) {
            if (provider.vectorOps().channelLanes() != FastConv.GROUP_LANES) {
                continue;
            }
            GroupLaneWeightGradient pass = new GroupLaneWeightGradient(provider.vectorOps());
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            for (int[] s : SHAPES) {
                ConvGeometry g = geometry(s);
                tests.add(DynamicTest.dynamicTest(provider.name() + ": " + Arrays.toString(s), () -> {
                    assertThat(pass.pays(g)).isTrue();
                    Random data = new Random(Arrays.hashCode(s));
                    float[] image = GradientChecker.random(data, g.imageSize()).data();
                    float[] response = GradientChecker.random(data, g.responseSize()).data();
                    float[] expected = ReferenceConv.weightGradient(g, image, response);
                    float[] routed = dispatch.weightGradient(g, image, response);
                    FastConvTest.assertClose("through the dispatch", routed, expected);
                    assertThat(pass.weightGradient(g, image, response)).as("the dispatch runs it").containsExactly(routed);
                    assertThat(loops.weightGradient(g, image, response)).as("the scalar loops").containsExactly(routed);
                    DepthwiseStride2GradientTest.sameBitsAtAnyThreadCount(expected,
                            () -> pass.weightGradient(g, image, response));
                }));
            }
        }
        return tests;
    }

    @Test
    void sixteenToSixtyFourChannelsAGroupOnRowsOfSevenOrMoreWithThreeOrFiveTapsPay() {
        GroupLaneWeightGradient lanes = new GroupLaneWeightGradient(scalarSixteenLanes() /* no vector kernel */);
        assertThat(lanes.pays(geometry(new int[] {8, 128, 13, 13, 128, 8, 3, 3, 1, 1, 1}))).as("scalar loops").isFalse();
        for (KernelProvider provider : Providers.all()) {
            GroupLaneWeightGradient pass = new GroupLaneWeightGradient(provider.vectorOps());
            boolean sixteen = provider.vectorOps().channelLanes() == FastConv.GROUP_LANES;
            assertThat(pass.pays(geometry(new int[] {8, 128, 13, 13, 128, 8, 3, 3, 1, 1, 1}))).as("g8-3x3-13")
                    .isEqualTo(sixteen);
            assertThat(pass.pays(geometry(new int[] {8, 64, 8, 8, 64, 8, 3, 3, 1, 1, 1}))).as("8 a group").isFalse();
            assertThat(pass.pays(geometry(new int[] {8, 64, 17, 17, 64, 2, 5, 5, 2, 2, 1}))).as("32 a group")
                    .isEqualTo(sixteen);
            assertThat(pass.pays(geometry(new int[] {8, 128, 17, 17, 128, 2, 3, 3, 1, 1, 1}))).as("64 a group")
                    .isEqualTo(sixteen);
            assertThat(pass.pays(geometry(new int[] {8, 160, 17, 17, 160, 2, 3, 3, 1, 1, 1}))).as("80 a group")
                    .isFalse();
            assertThat(pass.pays(geometry(new int[] {8, 128, 7, 7, 128, 8, 3, 3, 1, 1, 1}))).as("rows of 7")
                    .isEqualTo(sixteen);
            assertThat(pass.pays(geometry(new int[] {8, 128, 6, 6, 128, 8, 3, 3, 1, 1, 1}))).as("rows of 6").isFalse();
            assertThat(pass.pays(geometry(new int[] {8, 128, 13, 13, 128, 8, 4, 4, 1, 1, 1}))).as("4 taps").isFalse();
            ConvGeometry dilated = ConvPlan.resolve(ConvOptions.conv2d().padding(2).dilation(2).groups(8),
                    new int[] {8, 128, 13, 13}, new int[] {128, 16, 3, 3}, null).geometry();
            assertThat(pass.pays(dilated)).as("columns dilated").isFalse();
            ConvGeometry strided = ConvPlan.resolve(ConvOptions.conv2d().padding(1).stride(2).groups(8),
                    new int[] {8, 128, 26, 26}, new int[] {128, 16, 3, 3}, null).geometry();
            assertThat(pass.pays(strided)).as("stride 2").isFalse();
        }
    }
}
