package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 5×5 weight gradient by Winograd's F(5×5, 2×2) (small10) against the double-precision reference loops, on every
 * provider: odd sizes, ragged last tiles, padding 0 to 3 and on one side only, groups, channel counts off the
 * micro-kernel's strips, several reduction blocks and parts, a row of tiles longer than a block; the same bits at one
 * to three threads and on repeated calls; every error under half the conformance tolerance.
 */
class WinogradFiveWeightGradientTest {
    static ConvGeometry geometry(int batch, int groups, int cin, int cout, int h, int w, int pad) {
        return new ConvGeometry(batch, groups, cin, cout, new int[] {1, h, w}, new int[] {1, h + 2 * pad - 4, w + 2 * pad - 4},
                new int[] {1, 5, 5}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, pad, pad});
    }

    static List<ConvGeometry> geometries() {
        return List.of(
                geometry(2, 1, 32, 64, 27, 27, 2),     // c5x5-27's channels and plane, fewer images
                geometry(1, 1, 33, 40, 9, 7, 1),       // one image, odd sizes, channels past the strips
                geometry(3, 2, 80, 72, 10, 13, 0),     // groups (40 x 36), no padding, odd response width (9)
                geometry(2, 4, 96, 96, 19, 19, 2),     // g4-5x5-19-96's groups: 24 a group, the fewest it takes
                geometry(3, 3, 72, 84, 9, 11, 1),      // three groups of 24 x 28, odd sizes
                geometry(1, 1, 24, 25, 13, 12, 2),     // dense 24 into 25: channels past the strips
                geometry(2, 1, 32, 36, 8, 9, 3),       // wide padding: whole tiles in the padding
                geometry(1, 1, 32, 32, 5, 140, 2),     // a row of 70 tiles, longer than a block
                geometry(6, 1, 33, 34, 14, 14, 0),     // several blocks in two parts
                geometry(2, 1, 130, 129, 11, 12, 2),   // more than 128 x 128 pairs: one reduction part
                new ConvGeometry(2, 1, 36, 40, new int[] {1, 12, 12}, new int[] {1, 10, 10}, new int[] {1, 5, 5},
                        new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1})); // padding on the left only
    }

    @TestFactory
    List<DynamicTest> matchesTheReferenceAtAnyThreadCountAndOnRepeatedCalls() {
        return WinogradWeightGradientTest.referenceTests(Providers.all(), geometries(), WinogradFiveTest::assertWellWithinTolerance);
    }

    /** Long reductions over the tiles (many images of a large plane) stay within half the tolerance. */
    @TestFactory
    List<DynamicTest> longReductionsStayWellWithinTheTolerance() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            ConvGeometry g = geometry(8, 1, 32, 32, 56, 56, 2); // 6272 tiles
            tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                ConvDispatch fast = new ConvDispatch(provider, 0);
                Random r = new Random(5);
                float[] image = GradientChecker.random(r, g.imageSize()).data();
                float[] response = GradientChecker.random(r, g.responseSize()).data();
                WinogradFiveTest.assertWellWithinTolerance(provider.name() + " weightGradient " + g,
                        fast.weightGradient(g, image, response), ReferenceConv.weightGradient(g, image, response));
            }));
        }
        return tests;
    }

    @Test
    void runsOnlyWhereItAppliesAndNotWithWinogradOff() {
        KernelProvider provider = KernelProvider.scalar();
        ConvDispatch on = new ConvDispatch(provider, 0);
        ConvDispatch off = new ConvDispatch(provider, 0, false);
        ConvGeometry c5 = geometry(8, 1, 32, 64, 27, 27, 2);
        assertThat(on.path(c5, ConvDispatch.Pass.WEIGHT_GRADIENT)).isEqualTo(ConvDispatch.Path.WINOGRAD);
        assertThat(off.path(c5, ConvDispatch.Pass.WEIGHT_GRADIENT)).isNotEqualTo(ConvDispatch.Path.WINOGRAD);
        ConvGeometry few = geometry(8, 1, WinogradFiveWeightGradient.MIN_CHANNELS - 1, 64, 27, 27, 2);
        assertThat(on.path(few, ConvDispatch.Pass.WEIGHT_GRADIENT)).isNotEqualTo(ConvDispatch.Path.WINOGRAD);
        ConvGeometry strided = new ConvGeometry(2, 1, 32, 32, new int[] {1, 14, 14}, new int[] {1, 7, 7},
                new int[] {1, 5, 5}, new int[] {1, 2, 2}, new int[] {1, 1, 1}, new int[] {0, 2, 2});
        assertThat(on.path(strided, ConvDispatch.Pass.WEIGHT_GRADIENT)).isNotEqualTo(ConvDispatch.Path.WINOGRAD);
    }
}
