package dev.convkit.nn.train;

import dev.convkit.core.kernels.Parallel;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.ForkJoinPool;
import java.util.function.LongSupplier;

/**
 * Runs the first training steps of a process on the calling thread alone and widens to every kernel
 * thread once the JIT compiler has gone quiet. While the hot kernels are not yet compiled, a second
 * compute thread only runs slow interpreted and C1 code (or waits for the same compiles) on the core
 * the compiler needs; at two threads on two cores that cost ~0.3-0.8 s of CPU in cnn2's first 30
 * steps (train11). Results are unchanged: the kernels split their work by {@link Parallel#threads()},
 * which stays as set, and the narrow steps only run the same tasks one after another.
 *
 * <p>Narrowing applies when there is no core to spare (threads ≥ available processors, the
 * launcher's rule for -Xbatch too) and at most {@link #MAX_NARROW_STEPS} steps.
 *
 * <pre>{@code
 * WarmupNarrowing warmup = WarmupNarrowing.forTraining(); // narrow only with a thread per core
 * double[] squares = new double[8];
 * for (int step = 0; step < 3; step++) {
 *     warmup.step(() -> Parallel.forEach(8, i -> squares[i] += i * i)); // a step's kernels
 * }
 * assert squares[7] == 3 * 49;
 * }</pre>
 */
public final class WarmupNarrowing {
    /** A step during which the JIT compiled for at most this long counts as quiet. */
    static final long QUIET_COMPILE_MILLIS = 5;
    /** Widen after this many quiet steps in a row. */
    static final int QUIET_STEPS = 2;
    /** Widen after this many narrow steps whatever the compiler does (it may never go quiet under load). */
    static final int MAX_NARROW_STEPS = 100;

    private final LongSupplier compileMillis;
    // parallelism 1: Parallel.forEach runs every task inline, so the pool never starts a thread
    private final ForkJoinPool oneThread;
    private boolean wide;
    private int steps;
    private int quietInARow;

    private WarmupNarrowing(boolean narrow, LongSupplier compileMillis) {
        this.compileMillis = compileMillis;
        this.wide = !narrow;
        this.oneThread = narrow ? Parallel.newPool(1) : null;
    }

    /**
     * Narrowing for training on the kernel pool as it is set now: on when the pool has more than one
     * thread and no core to spare and the JVM reports its compilation time, off otherwise.
     */
    public static WarmupNarrowing forTraining() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean measurable = jit != null && jit.isCompilationTimeMonitoringSupported();
        int threads = Parallel.threads();
        boolean narrow = measurable && applies(threads, Runtime.getRuntime().availableProcessors());
        return new WarmupNarrowing(narrow, narrow ? jit::getTotalCompilationTime : () -> 0);
    }

    /** Whether {@code threads} kernel threads on {@code processors} cores start narrow. */
    static boolean applies(int threads, int processors) {
        return threads > 1 && threads >= processors;
    }

    /** A narrowing that watches {@code compileMillis} (total JIT time in ms), for tests. */
    static WarmupNarrowing watching(LongSupplier compileMillis) {
        return new WarmupNarrowing(true, compileMillis);
    }

    /** Runs one training step, on the calling thread alone until the compiler has gone quiet. */
    public void step(Runnable step) {
        if (wide) {
            step.run();
            return;
        }
        long before = compileMillis.getAsLong();
        Parallel.within(oneThread, step);
        steps++;
        // the first step always compiles; a step that compiled little says the hot code is done
        quietInARow = steps > 1 && compileMillis.getAsLong() - before <= QUIET_COMPILE_MILLIS ? quietInARow + 1 : 0;
        wide = quietInARow >= QUIET_STEPS || steps >= MAX_NARROW_STEPS;
    }

    /** Whether steps now run on every kernel thread. */
    public boolean wide() {
        return wide;
    }

    /** How many steps ran narrow. */
    public int narrowSteps() {
        return steps;
    }
}
