package dev.convkit.core.pool;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.Storage;
import dev.convkit.core.window.AxisWindows;
import dev.convkit.core.window.Windows;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once warm, the fast pool kernels allocate nothing that grows with the input: their rows, planes and
 * LP buffers are per-thread scratch, and their results come from the caller's {@link Storage} source.
 * (Per-task arrays cost more than their size: while eden's pages were fresh, a 6 MB-per-call LP
 * forward ran 4x slower.) Run on the scalar kernels, which the interpreter runs without boxing, on one
 * thread, so that the calling thread's allocation counter sees every allocation.
 */
class PoolKernelAllocationTest {
    /** Small objects per call (a plane walk's holder, lambdas, the windows' run): far below one plane of floats. */
    private static final long BUDGET_BYTES = 4096;

    private int threadsBefore;

    @BeforeEach
    void oneThread() {
        threadsBefore = Parallel.threads();
        Parallel.setThreads(1);
    }

    @AfterEach
    void restoreThreads() {
        Parallel.setThreads(threadsBefore);
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    /** The bytes one call of {@code call} allocates once it has run twice, results recycled as a training step's arena does. */
    private static long steadyBytesPerCall(Runnable call) {
        Storage.Recycler recycler = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(recycler)) {
            for (int warm = 0; warm < 3; warm++) {
                recycler.reclaim();
                call.run();
            }
            long least = Long.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                recycler.reclaim();
                long before = allocated();
                call.run();
                least = Math.min(least, allocated() - before);
            }
            return least;
        }
    }

    @Test
    void windowKernelsAllocateNoPlanesOnceWarm() {
        PoolEngine engine = PoolEngine.fast(KernelProvider.scalar());
        int planes = 64;
        int[] size = {1, 40, 40};
        Random r = new Random(3);
        float[] x = new float[planes * size[1] * size[2]];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat() * 2 - 1;
        }
        AxisWindows[] strided = {Windows.adaptive(1, 1), Windows.sliding(40, 3, 2, 1, 1, false),
                Windows.sliding(40, 3, 2, 1, 1, false)};
        AxisWindows[] wide = {Windows.adaptive(1, 1), Windows.sliding(40, 4, 4, 0, 1, false),
                Windows.sliding(40, 4, 4, 0, 1, false)};
        int outPlane = strided[1].outputs() * strided[2].outputs();
        float[] out = new float[planes * outPlane];
        int[] indices = new int[out.length];
        float[] sums = new float[out.length];
        double[] extents = Windows.divisors(strided, true, null);
        float[] perWindow = new float[out.length];

        assertThat(steadyBytesPerCall(() -> engine.max(x, planes, size, strided, out, indices, false)))
                .as("max with indices").isLessThan(BUDGET_BYTES);
        assertThat(steadyBytesPerCall(() -> engine.max(x, planes, size, wide, out, null, false)))
                .as("rows-first max").isLessThan(BUDGET_BYTES);
        assertThat(steadyBytesPerCall(() -> engine.sums(x, planes, size, strided)))
                .as("window sums").isLessThan(BUDGET_BYTES);
        for (double p : new double[] {2, 3, 2.5}) {
            assertThat(steadyBytesPerCall(() -> engine.lpForward(x, planes, size, strided, p, 1e30, extents, 9, sums, out)))
                    .as("LP forward, p = %s", p).isLessThan(BUDGET_BYTES);
        }
        assertThat(steadyBytesPerCall(() -> engine.spread(perWindow, planes, size, strided)))
                .as("the transposed window sum").isLessThan(BUDGET_BYTES);
    }
}
