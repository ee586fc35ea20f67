package dev.convkit.bench;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the Java heap so far, summed over every live thread: the kernel pool's threads
 * live across calls, so a difference of two readings is what the calls between them allocated, on
 * any thread. (A thread that ended in between takes its count with it; the pool's do not end.)
 */
final class HeapAllocation {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private HeapAllocation() {
    }

    /** The heap bytes every live thread has allocated so far. */
    static long allThreads() {
        long total = 0;
        for (long bytes : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            total += Math.max(0, bytes);
        }
        return total;
    }
}
