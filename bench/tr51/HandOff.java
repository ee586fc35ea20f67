import dev.convkit.core.kernels.Parallel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * tr51: the kernel pool's hand-off for sub-millisecond passes: Parallel.forEach(TASKS, body) with bodies of WORK
 * floats of arithmetic each, at 1 and 2 threads; per pass the median wall time and the caller's thread CPU time over
 * REPS passes (the pool's spinning helpers not counted; at load 10-30 wall is the scheduler's).
 *
 * <pre>
 * java -cp convkit-cli/target/convkit.jar bench/tr51/HandOff.java REPS
 * </pre>
 */
public class HandOff {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    static volatile float sink;

    public static void main(String[] a) {
        int reps = Integer.parseInt(a[0]);
        float[] data = new float[1 << 16];
        for (int threads : new int[] {1, 2, 1, 2}) {
            Parallel.setThreads(threads);
            for (int[] tw : new int[][] {{4, 0}, {4, 4096}, {7, 16384}, {64, 1024}}) {
                int tasks = tw[0];
                int work = tw[1];
                long[] wall = new long[reps];
                long[] cpu = new long[reps];
                for (int r = -reps; r < reps; r++) {
                    long c0 = CPU.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    Parallel.forEach(tasks, t -> {
                        float s = 0;
                        for (int i = 0; i < work; i++) {
                            s += data[i] * 1.0001f;
                        }
                        sink = s;
                    });
                    if (r >= 0) {
                        wall[r] = System.nanoTime() - t0;
                        cpu[r] = CPU.getCurrentThreadCpuTime() - c0;
                    }
                }
                java.util.Arrays.sort(wall);
                java.util.Arrays.sort(cpu);
                System.out.printf(Locale.ROOT, "T=%d tasks %3d x %5d floats: wall median %7.1f us (min %6.1f), caller CPU median %7.1f us%n",
                        threads, tasks, work, wall[reps / 2] / 1e3, wall[0] / 1e3, cpu[reps / 2] / 1e3);
            }
        }
        System.exit(0);
    }
}
