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
 * The 5×5 weight gradient by Winograd's F(5×5, 3×3) (five14), forced on every shape of
 * {@link WinogradFiveWeightGradientTest} (odd sizes, ragged last tiles, padding 0 to 3 and on one side only, groups,
 * channels off the strips, several reduction blocks and parts, a row of tiles longer than a block) and on long
 * reductions, against the double-precision reference loops on every provider; the same bits at one to three threads;
 * and the rule that picks the tile.
 */
class WinogradFive3WeightGradientTest {
    /** The largest error as a share of the conformance tolerance (F(5×5, 2×2)'s bound is 0.5). */
    static final double BOUND = 0.5;

    private static float[] forced(KernelProvider provider, ConvGeometry g, float[] image, float[] response) {
        return new WinogradFive3WeightGradient(provider.microKernel(), provider.vectorOps())
                .weightGradient(g, image, response);
    }

    private static List<DynamicTest> againstTheReference(List<ConvGeometry> geometries, boolean threads) {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            for (ConvGeometry g : geometries) {
                tests.add(DynamicTest.dynamicTest(provider.name() + " " + g, () -> {
                    Random r = new Random(g.imageChannels() * 31L + g.image()[2]);
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] response = GradientChecker.random(r, g.responseSize()).data();
                    int before = Parallel.threads();
                    try {
                        Parallel.setThreads(1);
                        float[] one = forced(provider, g, image, response);
                        WinogradConvTest.assertWithinTolerance(provider.name() + " F(5x5, 3x3) weightGradient " + g, one,
                                ReferenceConv.weightGradient(g, image, response), BOUND);
                        for (int t = 2; threads && t <= 3; t++) {
                            Parallel.setThreads(t);
                            assertThat(forced(provider, g, image, response)).as("%d threads", t).isEqualTo(one);
                        }
                    } finally {
                        Parallel.setThreads(before);
                    }
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> matchesTheReferenceOnEveryShapeAtAnyThreadCount() {
        return againstTheReference(WinogradFiveWeightGradientTest.geometries(), true);
    }

    /**
     * Long reductions over the tiles: 2800 3×3 tiles (6272 2×2) of 8 × 56 × 56, and 128 × 128 channels on c5x5-27's
     * plane (16 × 56 × 56, 5408 tiles, was measured too: docs/PERFORMANCE.md "(five14)").
     */
    @TestFactory
    List<DynamicTest> longReductionsStayWithinTheBound() {
        return againstTheReference(List.of(WinogradFiveWeightGradientTest.geometry(8, 1, 32, 32, 56, 56, 2),
                WinogradFiveWeightGradientTest.geometry(8, 1, 128, 128, 27, 27, 2)), false);
    }

    @Test
    void theRuleTakesThreeByThreeTilesWhereTheyHaveFewerPoints() {
        assertThat(WinogradFiveWeightGradient.tile(WinogradFiveWeightGradientTest.geometry(8, 1, 32, 64, 27, 27, 2)))
                .isEqualTo(3); // 81 x 49 points an image against 196 x 36
        assertThat(WinogradFiveWeightGradient.tile(WinogradFiveWeightGradientTest.geometry(8, 1, 32, 64, 4, 4, 2)))
                .isEqualTo(2); // 4 tiles either way: 4 x 36 points against 4 x 49
    }
}
