package dev.convkit.bench;

import java.util.Arrays;

/** Median wall time of a call after warm-up: the bench command's one way of timing. */
public final class Timer {
    /** The most calls one measurement times. */
    private static final int MAX_CALLS = 100_000;

    private Timer() {
    }

    /** A measurement: the median wall time of the timed calls, and the heap bytes they allocated per call, on any thread. */
    public record Measurement(double medianMs, double allocatedBytesPerCall) {
    }

    /**
     * Runs {@code body} until {@code warmupSeconds} have passed (at least 2 calls) and its speed has
     * settled, then times it until {@code seconds} have passed and at least {@code minReps} calls were
     * made; returns the median in milliseconds. Settled: the median of the last batch of calls (each a
     * quarter of the warm-up period) is within 5% of the batch before it, or five warm-up periods have
     * passed. The JIT may still be compiling a shape's kernels after a fixed second (a freshly started
     * bench measured lenet-c1's forward at 4.5-5.3 ms in some runs, 0.3 ms in others). The heap bytes
     * the timed calls allocate are counted too ({@link HeapAllocation}): a kernel that allocates per
     * call runs slower while the young generation's pages are fresh than once they were touched, so
     * its time depends on what ran before it in the same JVM.
     */
    public static Measurement measure(Runnable body, double warmupSeconds, double seconds, int minReps) {
        long start = System.nanoTime();
        long warmupEnd = start + (long) (warmupSeconds * 1e9);
        long warmupLimit = start + (long) (5 * warmupSeconds * 1e9);
        int warm = 0;
        while (warm < 2 || System.nanoTime() < warmupEnd) {
            body.run();
            warm++;
        }
        long batch = (long) (warmupSeconds * 0.25e9);
        double previous = batchMedianMs(body, batch);
        while (System.nanoTime() < warmupLimit) {
            double current = batchMedianMs(body, batch);
            if (Math.abs(current - previous) <= 0.05 * previous) {
                break;
            }
            previous = current;
        }
        // sized up front, so that the loop allocates nothing of its own
        double[] times = new double[Math.max(minReps, MAX_CALLS)];
        int count = 0;
        long allocated = HeapAllocation.allThreads();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (count < minReps || (System.nanoTime() < end && count < MAX_CALLS)) {
            long t0 = System.nanoTime();
            body.run();
            long t1 = System.nanoTime();
            times[count++] = (t1 - t0) / 1e6;
        }
        double bytesPerCall = (double) (HeapAllocation.allThreads() - allocated) / count;
        return new Measurement(median(Arrays.copyOf(times, count)), bytesPerCall);
    }

    /** The median of the calls made in {@code nanos} (at least 3). */
    private static double batchMedianMs(Runnable body, long nanos) {
        double[] times = new double[8];
        int count = 0;
        long end = System.nanoTime() + nanos;
        while (count < 3 || System.nanoTime() < end) {
            long t0 = System.nanoTime();
            body.run();
            if (count == times.length) {
                times = Arrays.copyOf(times, count * 2);
            }
            times[count++] = (System.nanoTime() - t0) / 1e6;
        }
        return median(Arrays.copyOf(times, count));
    }

    private static double median(double[] values) {
        Arrays.sort(values);
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
