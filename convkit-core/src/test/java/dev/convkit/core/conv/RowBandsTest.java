package dev.convkit.core.conv;

import dev.convkit.core.kernels.Parallel;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.convkit.core.testing.Providers.atThreads;
import static dev.convkit.core.conv.ChannelLaneConvTest.geometry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * small12: {@link SmallChannelConv}'s first-layer forwards split into bands of output rows at several threads
 * ({@link SmallChannelConv#rowBands}): the one-row-at-a-time kernels on wide rows (first-c3-57, first-c1-28) against
 * the reference loops on both providers, with bands whose padded input rows lie partly or wholly in the padding,
 * dilation, odd row counts and rows that do not split evenly; the same bits at 1, 2 and 3 threads (the channel-lane
 * forward's bands are checked the same way by {@link ChannelLaneConvTest}); and the bands' rows.
 */
class RowBandsTest {
    private static List<ConvGeometry> shapes() {
        List<ConvGeometry> shapes = new ArrayList<>(List.of(
                geometry(1, 3, 57, 57, 16, 3, 1, 1),  // first-c3-57's image: 14 bands of 4 rows, the last 5
                geometry(3, 3, 33, 33, 8, 3, 1, 1),   // 8 bands of 4 rows, the last 5
                geometry(3, 1, 28, 28, 32, 3, 1, 1),  // first-c1-28's channels in a batch of 3
                geometry(2, 2, 9, 20, 6, 7, 3, 1),    // 7x7, padding 3: only the edge bands read padding rows
                geometry(1, 1, 3, 24, 8, 3, 4, 1),    // padding beyond the kernel: whole bands of padding rows
                geometry(2, 3, 19, 30, 12, 3, 2, 2),  // dilation 2
                geometry(1, 8, 13, 18, 10, 3, 0, 1))); // 11 rows: two bands, the last odd
        Random r = new Random(12);
        for (int i = 0; i < 30; i++) {
            int k = 1 + 2 * r.nextInt(4);
            int dilation = r.nextInt(5) == 0 ? 2 : 1;
            int reach = dilation * (k - 1) + 1;
            int pad = r.nextInt(reach / 2 + 2);
            int h = Math.max(reach - 2 * pad, 1) + r.nextInt(24);
            int w = Math.max(reach - 2 * pad, 1) + SmallChannelConv.ROW_OUTPUTS + r.nextInt(12);
            shapes.add(geometry(1 + r.nextInt(4), 1 + r.nextInt(4), h, w, 1 + r.nextInt(12), k, pad, dilation));
        }
        return shapes;
    }

    @TestFactory
    List<DynamicTest> bandsMatchTheReferenceAtAnyThreadCount() {
        return ChannelLaneConvTest.matchTheReferenceAtOneToThreeThreads(shapes(), SmallChannelConv::correlate);
    }

    @Test
    void bandsCoverTheRowsFromEvenRowsAndOneBandAtOneThread() {
        int before = Parallel.threads();
        Parallel.setThreads(2);
        try {
            bandsCoverTheRows();
        } finally {
            Parallel.setThreads(before);
        }
        assertThat(atThreads(1, () -> new float[] {SmallChannelConv.rowBands(1, 57)})[0]).isEqualTo(1f);
        assertThat(atThreads(2, () -> new float[] {SmallChannelConv.rowBands(8, 57)})[0]).isEqualTo(4f);
        assertThat(atThreads(2, () -> new float[] {SmallChannelConv.rowBands(64, 10)})[0]).isEqualTo(1f);
    }

    private static void bandsCoverTheRows() {
        for (int rows = 1; rows <= 80; rows++) {
            for (int batch : new int[] {1, 2, 8, 31, 64}) {
                int bands = SmallChannelConv.rowBands(batch, rows);
                assertThat(bands).isBetween(1, Math.max(1, rows / SmallChannelConv.MIN_BAND_ROWS));
                assertThat(SmallChannelConv.bandStart(0, bands, rows)).isZero();
                assertThat(SmallChannelConv.bandStart(bands, bands, rows)).isEqualTo(rows);
                for (int b = 0; b < bands; b++) {
                    int r0 = SmallChannelConv.bandStart(b, bands, rows);
                    int r1 = SmallChannelConv.bandStart(b + 1, bands, rows);
                    assertThat(r0 % 2).as("an even first row").isZero();
                    assertThat(r1 - r0).as("rows of band " + b + " of " + bands + " over " + rows)
                            .isGreaterThanOrEqualTo(Math.min(rows, 2));
                }
            }
        }
    }
}
