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

    /**
     * d5w58: the output transform with channel pairs in double vector lanes gives the scalar transform's bits, for both
     * tiles, on every shape of {@link WinogradFiveWeightGradientTest} and 48 image channels (a strip and a half).
     */
    @TestFactory
    List<DynamicTest> theOutputTransformInLanesHasTheScalarBits() {
        List<DynamicTest> tests = new ArrayList<>();
        List<ConvGeometry> geometries = new ArrayList<>(WinogradFiveWeightGradientTest.geometries());
        geometries.add(WinogradFiveWeightGradientTest.geometry(2, 1, 48, 64, 15, 15, 2));
        for (KernelProvider provider : Providers.all()) {
            if (provider.vectorOps().fiveGradientOutputLanes() == 0 || !WinogradFiveWeightGradient.LANE_KERNELS) {
                continue; // the scalar transform only (JDK 17 runs it on every provider)
            }
            for (ConvGeometry g : geometries) {
                for (int tile = 2; tile <= 3; tile++) {
                    int t = tile;
                    tests.add(DynamicTest.dynamicTest(provider.name() + " tile " + tile + " " + g, () -> {
                        Random r = new Random(g.imageChannels() * 17L + g.image()[1]);
                        float[] image = GradientChecker.random(r, g.imageSize()).data();
                        float[] response = GradientChecker.random(r, g.responseSize()).data();
                        WinogradFiveWeightGradient lanes = t == 3
                                ? new WinogradFive3WeightGradient(provider.microKernel(), provider.vectorOps())
                                : new WinogradFiveWeightGradient(provider.microKernel(), provider.vectorOps());
                        WinogradFiveWeightGradient scalar = t == 3
                                ? new WinogradFive3WeightGradient(provider.microKernel(), provider.vectorOps())
                                : new WinogradFiveWeightGradient(provider.microKernel(), provider.vectorOps());
                        assertThat(lanes.outputLanes).isPositive();
                        scalar.outputLanes = 0;
                        assertThat(lanes.weightGradient(g, image, response))
                                .isEqualTo(scalar.weightGradient(g, image, response));
                    }));
                }
            }
        }
        return tests;
    }

    /**
     * d5w58: reduction blocks that would cut the two parts more than 10 % apart are evened out (h56-5x5-15: 40 rows of 5
     * tiles, blocks 12, 12, 12, 4 -> four of 10; 16 images of 9 × 9: 21, 21, 6 -> four of 12); balanced or one-part
     * shapes keep {@value WinogradFiveWeightGradient#TILE_BLOCK}; the evened shapes match the reference at any thread count.
     */
    @Test
    void blocksEvenOutTheTwoReductionParts() {
        KernelProvider provider = KernelProvider.scalar();
        WinogradFive3WeightGradient five = new WinogradFive3WeightGradient(provider.microKernel(), provider.vectorOps());
        assertThat(five.tileBlock(WinogradFiveWeightGradientTest.geometry(8, 1, 48, 64, 15, 15, 2))).isEqualTo(50);
        assertThat(five.tileBlock(WinogradFiveWeightGradientTest.geometry(16, 1, 24, 40, 9, 9, 2))).isEqualTo(36);
        assertThat(five.tileBlock(WinogradFiveWeightGradientTest.geometry(8, 1, 32, 64, 27, 27, 2))) // 35 / 37 rows
                .isEqualTo(WinogradFiveWeightGradient.TILE_BLOCK);
        assertThat(five.tileBlock(WinogradFiveWeightGradientTest.geometry(16, 1, 32, 64, 11, 11, 2))) // 32 / 32
                .isEqualTo(WinogradFiveWeightGradient.TILE_BLOCK);
        assertThat(five.tileBlock(WinogradFiveWeightGradientTest.geometry(4, 1, 160, 160, 15, 15, 2))) // one part
                .isEqualTo(WinogradFiveWeightGradient.TILE_BLOCK);
    }

    @TestFactory
    List<DynamicTest> evenedBlocksMatchTheReferenceAtAnyThreadCount() {
        return againstTheReference(List.of(WinogradFiveWeightGradientTest.geometry(8, 1, 48, 64, 15, 15, 2),
                WinogradFiveWeightGradientTest.geometry(16, 1, 24, 40, 9, 9, 2)), true);
    }

    @Test
    void theRuleTakesThreeByThreeTilesWhereTheyHaveFewerPoints() {
        assertThat(WinogradFiveWeightGradient.tile(WinogradFiveWeightGradientTest.geometry(8, 1, 32, 64, 27, 27, 2)))
                .isEqualTo(3); // 81 x 49 points an image against 196 x 36
        assertThat(WinogradFiveWeightGradient.tile(WinogradFiveWeightGradientTest.geometry(8, 1, 32, 64, 4, 4, 2)))
                .isEqualTo(2); // 4 tiles either way: 4 x 36 points against 4 x 49
    }
}
