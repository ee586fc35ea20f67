package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.testing.GradientChecker;
import dev.convkit.core.testing.Providers;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * s2t49: the kept-columns forward's tiles per image ({@link PhaseSplitConv#keptColumnTiles}): more than the fewest
 * only at more than one thread and only where the threads then end sooner; and one image cut finer keeps the bits.
 */
class PhaseSplitForwardTilesTest {
    @Test
    void oneOddImageSplitsEvenlyOverTwoThreads() {
        // 1 × 64 × 65² -> 128: 33 × 33 positions, 35 strips of 32, 3 tiles of about 512 positions
        int tiles = PhaseSplitConv.keptColumnTiles(1, 35, 3, 2);
        assertThat(tiles).isEqualTo(4);
        assertThat(PhaseSplitConv.claimedTileEnd(1, 35, 3, 2)).isEqualTo(23.0);
        assertThat(PhaseSplitConv.claimedTileEnd(1, 35, tiles, 2)).isEqualTo(18.0);
        // 1 × 160 × 39² -> 160: 20 × 20 positions, 13 strips, one tile: the second thread idled
        assertThat(PhaseSplitConv.keptColumnTiles(1, 13, 1, 2)).isEqualTo(2);
    }

    @Test
    void moreTilesOnlyWhereTheLastThreadEndsSooner() {
        for (int threads = 1; threads <= 4; threads++) {
            for (int batch = 1; batch <= 9; batch++) {
                for (int strips = 1; strips <= 90; strips++) {
                    int fewest = (strips * 32 + FastConv.NT - 1) / FastConv.NT;
                    int tiles = PhaseSplitConv.keptColumnTiles(batch, strips, fewest, threads);
                    if (threads == 1) {
                        assertThat(tiles).isEqualTo(fewest);
                        continue;
                    }
                    assertThat(tiles).isBetween(fewest, Math.max(fewest, strips));
                    if (tiles > fewest) {
                        assertThat(PhaseSplitConv.claimedTileEnd(batch, strips, tiles, threads) + 0.5)
                                .isLessThanOrEqualTo(PhaseSplitConv.claimedTileEnd(batch, strips, fewest, threads));
                    }
                }
            }
        }
        // eight images of 16 strips already fall evenly: one tile each, as before
        assertThat(PhaseSplitConv.keptColumnTiles(8, 16, 1, 2)).isEqualTo(1);
    }

    @Test
    void oneImageCutFinerKeepsItsBits() {
        // 65² p1 (33 × 33, 35 strips, the last of one position) and 63 × 61 p0 (31 × 30): one image, kept columns
        ConvGeometry[] shapes = {
                PhaseSplitConvTest.geometry(1, 9, 19, 65, 65, 1, 1, 1, 1),
                PhaseSplitConvTest.geometry(1, 7, 21, 63, 61, 0, 0, 0, 0),
        };
        assertPhaseSplitBitsAtAnyThreadCount(shapes, 4);
    }

    @Test
    void blocksSplitTheirOwnChannelsAndWeightsPackByStrips() {
        // s2o50: 160 channels (k = 1440, six reduction blocks of 240, a channel across each boundary) into 157 (a
        // ragged weight strip; 157 × 1440 floats packed as tasks), and 37 channels (two blocks, channel 18 across
        // them) into 21 packed on the caller; kept columns, one odd image and two
        ConvGeometry[] shapes = {
                PhaseSplitConvTest.geometry(1, 160, 157, 39, 39, 1, 1, 1, 1),
                PhaseSplitConvTest.geometry(2, 37, 21, 41, 43, 0, 1, 1, 0),
        };
        assertPhaseSplitBitsAtAnyThreadCount(shapes, 3);
    }

    /**
     * Each shape on the phase split for every provider: close to the reference loops at one thread, and the same bits at
     * 2..{@code maxThreads} threads.
     */
    private static void assertPhaseSplitBitsAtAnyThreadCount(ConvGeometry[] shapes, int maxThreads) {
        int before = Parallel.threads();
        try {
            for (KernelProvider provider : Providers.all()) {
                ConvDispatch fast = new ConvDispatch(provider, 0, false);
                for (ConvGeometry g : shapes) {
                    assertThat(fast.path(g, ConvDispatch.Pass.CORRELATE)).isEqualTo(ConvDispatch.Path.PHASE_SPLIT);
                    Random r = new Random(g.imageSize() + g.weightSize());
                    float[] image = GradientChecker.random(r, g.imageSize()).data();
                    float[] weight = GradientChecker.random(r, g.weightSize()).data();
                    Parallel.setThreads(1);
                    float[] y1 = fast.correlate(g, image, weight);
                    FastConvTest.assertClose("correlate", y1, ReferenceConv.correlate(g, image, weight));
                    for (int threads = 2; threads <= maxThreads; threads++) {
                        Parallel.setThreads(threads);
                        assertThat(fast.correlate(g, image, weight)).as(provider.name() + " " + threads)
                                .containsExactly(y1);
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
