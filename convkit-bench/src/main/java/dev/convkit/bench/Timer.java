package dev.convkit.bench;

import java.util.Arrays;

/** Median wall time of a call after warm-up: the bench command's one way of timing. */
public final class Timer {
    private Timer() {
    }

    /**
     * Runs {@code body} until {@code warmupSeconds} have passed (at least 2 calls), then times it
     * until {@code seconds} have passed and at least {@code minReps} calls were made; returns the
     * median in milliseconds.
     */
    public static double medianMs(Runnable body, double warmupSeconds, double seconds, int minReps) {
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        int warm = 0;
        while (warm < 2 || System.nanoTime() < warmupEnd) {
            body.run();
            warm++;
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
        double[] sorted = Arrays.copyOf(times, count);
        Arrays.sort(sorted);
        return count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2;
    }
}
