package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * grp25's grouped weight gradient on compact rows ({@link ShortGroupWeightGradient}) against the reference loops, on
 * the scalar and the Vector API provider, at 1, 2 and 3 threads with the same bits: groups 2-16, 3×3, 4×4 and 5×5,
 * planes 9-30 odd and even, square and not, batches 1, 3 and 8 (one pass and several), paddings 0-2, the two sides
 * of a dimension padded differently ("same" on an even kernel), padding past the kernel's reach (the response wider
 * than the rows), dilation 2, a ragged quad of response channels and channel blocks of a group split into tiles.
 */
class ShortGroupWeightGradientTest {
    /** {N, C, H, W, Cout, groups, K, padding rows, padding columns, dilation}. */
    private static final int[][] SHAPES = {
            {8, 128, 13, 13, 128, 8, 3, 1, 1, 1}, {3, 32, 9, 9, 32, 2, 3, 1, 1, 1}, {1, 48, 10, 12, 48, 3, 3, 0, 0, 1},
            {3, 64, 21, 21, 64, 4, 5, 2, 2, 1}, {8, 96, 14, 14, 96, 6, 3, 1, 1, 1}, {1, 64, 30, 30, 64, 16, 3, 2, 2, 1},
            {3, 24, 11, 16, 36, 3, 3, 0, 1, 1}, {8, 32, 17, 17, 32, 4, 5, 1, 2, 1}, {1, 32, 19, 19, 24, 4, 3, 2, 2, 2},
            {3, 40, 16, 15, 40, 5, 5, 0, 0, 1}, {1, 16, 12, 12, 16, 2, 3, 3, 3, 1}, {8, 16, 9, 10, 24, 2, 5, 2, 1, 1},
            {3, 256, 11, 11, 256, 16, 3, 1, 1, 1}, {1, 32, 13, 13, 64, 2, 5, 2, 2, 1}, {3, 36, 20, 20, 36, 2, 3, 1, 1, 1},
    };

    private static ConvGeometry geometry(int[] s) {
        ConvOptions o = ConvOptions.conv2d().padding(s[7], s[8]).groups(s[5]).dilation(s[9]);
        return ConvPlan.resolve(o, new int[] {s[0], s[1], s[2], s[3]}, new int[] {s[4], s[1] / s[5], s[6], s[6]}, null)
                .geometry();
    }

    /** Even kernels padded "same": one more zero after the plane than before it, in both dimensions. */
    private static ConvGeometry sameEven(int n, int c, int h, int w, int groups) {
        ConvOptions o = ConvOptions.conv2d().padding("same").groups(groups);
        return ConvPlan.resolve(o, new int[] {n, c, h, w}, new int[] {c, c / groups, 4, 4}, null).geometry();
    }

    @TestFactory
    List<DynamicTest> compactRowsMatchTheReferenceAtAnyThreadCount() {
        Map<String, ConvGeometry> shapes = new LinkedHashMap<>();
        for (int[] s : SHAPES) {
            shapes.put(Arrays.toString(s), geometry(s));
        }
        shapes.put("same 4x4 3x32x12x13 g2", sameEven(3, 32, 12, 13, 2));
        shapes.put("same 4x4 1x48x9x9 g4", sameEven(1, 48, 9, 9, 4));
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            ShortGroupWeightGradient pass = new ShortGroupWeightGradient(provider.microKernel(), provider.vectorOps());
            ConvDispatch dispatch = new ConvDispatch(provider, 0);
            GroupLaneWeightGradient lanes = new GroupLaneWeightGradient(provider.vectorOps());
            shapes.forEach((name, g) -> tests.add(DynamicTest.dynamicTest(provider.name() + ": " + name, () -> {
                assertThat(ShortGroupWeightGradient.applies(g)).isTrue();
                Random data = new Random(name.hashCode());
                float[] image = GradientChecker.random(data, g.imageSize()).data();
                float[] response = GradientChecker.random(data, g.responseSize()).data();
                float[] expected = ReferenceConv.weightGradient(g, image, response);
                float[] routed = dispatch.weightGradient(g, image, response);
                FastConvTest.assertClose("through the dispatch", routed, expected);
                // not Winograd's, nor (16 a group, grp29) the lanes form's
                if (dispatch.path(g, ConvDispatch.Pass.WEIGHT_GRADIENT) == ConvDispatch.Path.GEMM && !lanes.pays(g)) {
                    assertThat(pass.weightGradient(g, image, response)).as("the dispatch runs it").containsExactly(routed);
                }
                DepthwiseStride2GradientTest.sameBitsAtAnyThreadCount(expected,
                        () -> pass.weightGradient(g, image, response));
            })));
        }
        return tests;
    }

    @Test
    void onlyGroupedUnitStrideShortGroupsOfSeveralTapsApply() {
        assertThat(ShortGroupWeightGradient.applies(geometry(new int[] {8, 128, 13, 13, 128, 1, 3, 1, 1, 1})))
                .as("dense").isFalse();
        assertThat(ShortGroupWeightGradient.applies(geometry(new int[] {8, 128, 13, 13, 128, 8, 1, 0, 0, 1})))
                .as("1x1").isFalse();
        assertThat(ShortGroupWeightGradient.applies(geometry(new int[] {8, 128, 13, 13, 128, 8, 7, 3, 3, 1})))
                .as("7x7").isFalse();
        assertThat(ShortGroupWeightGradient.applies(geometry(new int[] {2, 256, 13, 13, 256, 2, 3, 1, 1, 1})))
                .as("128 a group").isFalse();
        ConvGeometry strided = ConvPlan.resolve(ConvOptions.conv2d().padding(1).stride(2).groups(8),
                new int[] {8, 128, 14, 14}, new int[] {128, 16, 3, 3}, null).geometry();
        assertThat(ShortGroupWeightGradient.applies(strided)).as("stride 2").isFalse();
        ConvGeometry volume = ConvPlan.resolve(ConvOptions.conv3d().padding(1).groups(4),
                new int[] {2, 32, 6, 6, 6}, new int[] {32, 8, 3, 3, 3}, null).geometry();
        assertThat(ShortGroupWeightGradient.applies(volume)).as("3-d").isFalse();
        assertThat(ShortGroupWeightGradient.applies(geometry(new int[] {8, 128, 13, 13, 128, 8, 3, 1, 1, 1})))
                .as("g8-3x3-13").isTrue();
    }
}
