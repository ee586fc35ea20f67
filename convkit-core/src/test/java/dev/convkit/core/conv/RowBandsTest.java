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
 * small12: {@link SmallChannelConv}'s first-layer forwards split into bands of output rows at several threads
 * ({@link SmallChannelConv#rowBands}): the one-row-at-a-time kernels on wide rows (first-c3-57, first-c1-28) against
 * the reference loops on both providers, with bands whose padded input rows lie partly or wholly in the padding,
 * dilation, odd row counts and rows that do not split evenly; the same bits at 1, 2 and 3 threads (the channel-lane
 * forward's bands are checked the same way by {@link ChannelLaneConvTest}); and the bands' rows.
 */
class RowBandsTest {
    private static ConvGeometry geometry(int n, int cin, int h, int w, int cout, int k, int pad, int dilation) {
        return ConvPlan.resolve(ConvOptions.conv2d().padding(pad).dilation(dilation), new int[] {n, cin, h, w},
                new int[] {cout, cin, k, k}, null).geometry();
    }

    private static List<ConvGeometry> shapes() {
        List<ConvGeometry> shapes = new ArrayList<>(List.of(
                geometry(1, 3, 57, 57, 16, 3, 1, 1),  // first-c3-57's image: 14 bands of 4 rows, the last 5
                geometry(3, 3, 33, 33, 8, 3, 1, 1),   // 8 bands of 4 rows, the last 5
                geometry(3, 1, 28, 28, 32, 3, 1, 1),  // first-c1-28's channels in a batch of 3
                geometry(2, 2, 9, 20, 6, 7, 3, 1),    // 7x7 with padding 3: bands that read padding rows only at the edges
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
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelProvider provider : Providers.all()) {
            SmallChannelConv small = new SmallChannelConv(provider.vectorOps());
            for (ConvGeometry g : shapes()) {
                String name = provider.name() + ": N" + g.batch() + " C" + g.imageChannels() + "->" + g.responseChannels()
                        + " in" + g.image()[1] + "x" + g.image()[2] + " k" + g.kernel()[1] + " p" + g.padLeft()[1]
                        + " d" + g.dilation()[1];
                tests.add(DynamicTest.dynamicTest(name, () -> {
                    Random data = new Random(name.hashCode());
                    float[] image = GradientChecker.random(data, g.imageSize()).data();
                    float[] weight = GradientChecker.random(data, g.weightSize()).data();
                    float[] one = atThreads(1, () -> small.correlate(g, image, weight));
                    FastConvTest.assertClose("correlate", one, ReferenceConv.correlate(g, image, weight));
                    assertThat(atThreads(2, () -> small.correlate(g, image, weight))).as("two threads").containsExactly(one);
                    assertThat(atThreads(3, () -> small.correlate(g, image, weight))).as("three threads").containsExactly(one);
                }));
            }
        }
        return tests;
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

    private static float[] atThreads(int threads, java.util.function.Supplier<float[]> pass) {
        int before = Parallel.threads();
        try {
            Parallel.setThreads(threads);
            return pass.get();
        } finally {
            Parallel.setThreads(before);
        }
    }
}
