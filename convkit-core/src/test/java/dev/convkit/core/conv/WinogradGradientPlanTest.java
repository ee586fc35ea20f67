package dev.convkit.core.conv;

import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.ThreadScratch;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Winograd weight gradients' task plan (par15): at one to three threads every transform point of every task's
 * sums gets each of the task's reduction blocks once, the first of them marked first, and every weight gets one output
 * transform; with shared transforms each block's products come in a few tasks per thread, not one per channel block.
 */
class WinogradGradientPlanTest {
    private static ConvGeometry geometry(int batch, int groups, int cin, int cout, int h, int w) {
        return new ConvGeometry(batch, groups, cin, cout, new int[] {1, h, w}, new int[] {1, h, w},
                new int[] {1, 3, 3}, new int[] {1, 1, 1}, new int[] {1, 1, 1}, new int[] {0, 1, 1});
    }

    private static final List<ConvGeometry> GEOMETRIES = List.of(
            geometry(8, 1, 256, 256, 14, 14),   // r3x3-14: one part, shared transforms from two threads
            geometry(3, 1, 136, 130, 19, 19),   // one part, a ragged last strip of response channels
            geometry(8, 4, 128, 128, 28, 28),   // g4-3x3-28: groups, two parts
            geometry(2, 1, 66, 97, 20, 20));    // two parts, ragged strips

    private static final int MR = 8;
    private static final int NR = 32;
    private static final int POINTS = 16;

    @Test
    void everyPointOfEveryTaskSumsEachOfItsBlocksOnceAndEveryWeightIsTransformedOnce() {
        int before = Parallel.threads();
        try {
            for (int threads = 1; threads <= 3; threads++) {
                Parallel.setThreads(threads);
                for (ConvGeometry g : GEOMETRIES) {
                    WinogradGradientPlan plan = new WinogradGradientPlan(g, 2, POINTS, WinogradWeightGradient.TILE_BLOCK, MR, NR);
                    String what = threads + " threads, " + g;
                    int tasks = plan.tasks();
                    AtomicIntegerArray blocks = new AtomicIntegerArray(tasks * POINTS);
                    AtomicIntegerArray firsts = new AtomicIntegerArray(tasks * POINTS);
                    AtomicInteger calls = new AtomicInteger();
                    plan.reduce(new ThreadScratch(), new NoTransforms(), (task, t0, t1, work, count, first) -> {
                        calls.incrementAndGet();
                        int index = task.cOff / plan.slotFloats;
                        for (int t = t0; t < t1; t++) {
                            blocks.incrementAndGet(index * POINTS + t);
                            if (first) {
                                firsts.incrementAndGet(index * POINTS + t);
                            }
                        }
                    });
                    for (int index = 0; index < tasks; index++) {
                        WinogradGradientPlan.Task task = plan.task(index);
                        for (int t = 0; t < POINTS; t++) {
                            assertThat(blocks.get(index * POINTS + t)).as("%s task %d point %d", what, index, t)
                                    .isEqualTo(task.rb1 - task.rb0);
                            assertThat(firsts.get(index * POINTS + t)).as("%s task %d point %d first", what, index, t)
                                    .isEqualTo(1);
                        }
                    }
                    if (plan.sharedTransforms) {
                        assertThat(calls.get()).as("%s: products tasks per block", what)
                                .isGreaterThanOrEqualTo(plan.reductionBlocks * 4 * threads);
                    }
                    int cg = plan.cg;
                    AtomicIntegerArray weights = new AtomicIntegerArray(g.responseChannels() * cg);
                    AtomicInteger outputs = new AtomicInteger();
                    plan.forEachOutput((sumsOff, coBase, co0, co1, ci0, cb, colStrips, pointFloats) -> {
                        outputs.incrementAndGet();
                        assertThat(co0 % MR).isZero();
                        for (int co = co0; co < co1; co++) {
                            for (int ci = ci0; ci < ci0 + cb; ci++) {
                                weights.incrementAndGet((coBase + co) * cg + ci);
                            }
                        }
                    });
                    for (int i = 0; i < weights.length(); i++) {
                        assertThat(weights.get(i)).as("%s weight row %d", what, i).isEqualTo(1);
                    }
                    assertThat(outputs.get()).as("%s output tasks", what)
                            .isGreaterThanOrEqualTo(Math.min(4 * threads, plan.groups * plan.blocks * plan.rowStrips));
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** Transforms that write nothing: the test looks at the task plan only. */
    private static final class NoTransforms implements WinogradGradientPlan.RowTransforms {
        @Override
        public void response(int n, int channel0, int valid, int a, float[] work, int to, int pointStride) {
        }

        @Override
        public void image(int n, int channel0, int valid, int a, float[] work, int to, int pointStride) {
        }
    }
}
