import dev.convkit.core.kernels.Parallel;

/**
 * What {@code Parallel.forEach} costs against the work it splits (stop 28): TASKS tasks of ITERS dependent
 * square roots each, at 1 and at 2 threads, the fastest of 3,000 calls with the caller busy between calls (as a
 * network's other layers keep it). Public API only:
 *
 * <pre>
 * java -cp convkit-cli/target/convkit.jar bench/parallel/HandOff.java TASKS ITERS
 * </pre>
 */
public class HandOff {
    static volatile double sink;

    static void work(int iters) {
        double s = 0;
        for (int i = 0; i < iters; i++) {
            s += Math.sqrt(i + s);
        }
        sink = s;
    }

    public static void main(String[] a) {
        int tasks = Integer.parseInt(a[0]);
        int iters = Integer.parseInt(a[1]);
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            long best = Long.MAX_VALUE;
            for (int r = 0; r < 3000; r++) {
                long t0 = System.nanoTime();
                Parallel.forEach(tasks, i -> work(iters));
                best = Math.min(best, System.nanoTime() - t0);
                if (r % 3 == 0) {
                    work(iters * 20);
                }
            }
            System.out.printf("threads %d: %d tasks of %d iterations: fastest %.1f us%n", threads, tasks, iters, best / 1e3);
        }
    }
}
