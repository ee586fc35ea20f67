import dev.convkit.core.kernels.Parallel;

import java.util.Arrays;

/**
 * What {@code Parallel.forEach} costs against the work it splits (stop 28): TASKS tasks of ITERS dependent
 * square roots each, at 1 and at 2 threads, over CALLS calls (default 3,000), printed as the fastest, median and
 * 90th-percentile call. MODE {@code busy} (default) keeps the caller busy for 20 tasks' work after every third
 * call (as a network's other layers keep it); {@code b2b} runs the calls back to back (as {@code ./convkit bench}
 * and a network's consecutive kernels do), where a pool worker that waits awake between passes pays off. Public
 * API only, so it runs on any jar:
 *
 * <pre>
 * java -cp convkit-cli/target/convkit.jar bench/parallel/HandOff.java TASKS ITERS [CALLS [busy|b2b]]
 * </pre>
 * bench/parallel/ab.sh runs it on two jars alternately.
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
        int calls = a.length > 2 ? Integer.parseInt(a[2]) : 3000;
        boolean backToBack = a.length > 3 && a[3].equals("b2b");
        for (int threads : new int[] {1, 2}) {
            Parallel.setThreads(threads);
            long[] nanos = new long[calls];
            for (int r = 0; r < calls; r++) {
                long t0 = System.nanoTime();
                Parallel.forEach(tasks, i -> work(iters));
                nanos[r] = System.nanoTime() - t0;
                if (!backToBack && r % 3 == 0) {
                    work(iters * 20);
                }
            }
            Arrays.sort(nanos);
            System.out.printf("threads %d: %d tasks of %d iterations, %d calls %s: fastest %.1f median %.1f p90 %.1f us%n",
                    threads, tasks, iters, calls, backToBack ? "back to back" : "caller busy every 3rd",
                    nanos[0] / 1e3, nanos[calls / 2] / 1e3, nanos[calls * 9 / 10] / 1e3);
        }
    }
}
