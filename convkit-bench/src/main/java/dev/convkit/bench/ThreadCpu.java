package dev.convkit.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the calling thread and the kernel pool's threads (named {@code convkit-*}): a pass's work wherever it
 * ran, which on a shared machine the wall clock does not show (other processes' time slices land in it). A pool
 * thread's spin while it waits awake for the next pass is CPU it took, so it counts.
 */
final class ThreadCpu {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Thread caller = Thread.currentThread();
    private long[] pool = new long[0];

    /** Looks the kernel pool's threads up again: they start with the first parallel pass. */
    void findPool() {
        pool = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t != caller && t.getName().startsWith("convkit-"))
                .mapToLong(Thread::getId)
                .toArray();
    }

    /** Nanoseconds of CPU the caller (the thread that built this) and the pool have used so far. */
    long nanos() {
        long total = THREADS.getCurrentThreadCpuTime();
        for (long id : pool) {
            total += Math.max(0, THREADS.getThreadCpuTime(id));
        }
        return total;
    }
}
