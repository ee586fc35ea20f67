package dev.convkit.bench;

import java.util.Arrays;

/** Median wall time of a call after warm-up: the bench command's one way of timing. */
public final class Timer {
    private Timer() {
    }

    /**
     * Runs {@code body} until {@code warmupSeconds} have passed (at least 2 calls) and its speed has
     * settled, then times it until {@code seconds} have passed and at least {@code minReps} calls were
     * made; returns the median in milliseconds. Settled: the median of the last batch of calls (each a
     * quarter of the warm-up period) is within 5% of the batch before it, or five warm-up periods have
     * passed. The JIT may still be compiling a shape's kernels after a fixed second (a freshly started
     * bench measured lenet-c1's forward at 4.5-5.3 ms in some runs, 0.3 ms in others).
     */
    public static double medianMs(Runnable body, double warmupSeconds, double seconds, int minReps) {
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
        double[] times = new double[16];
        int count = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (count < minReps || (System.nanoTime() < end && count < 100_000)) {
            long t0 = System.nanoTime();
            body.run();
            long t1 = System.nanoTime();
            if (count == times.length) {
                times = Arrays.copyOf(times, count * 2);
            }
            times[count++] = (t1 - t0) / 1e6;
        }
        return median(Arrays.copyOf(times, count));
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
