import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.kernels.VectorOps;

import java.util.Locale;

/**
 * tr51: does a memory-bound pass over cnn2's first activation (64 x 32 x 28 x 28 floats, 6.4 MB, out = x·a + b, as batch
 * norm's normalize) gain from a second thread on this machine, against a compute-bound pass of the same task split
 * (the scalar dropout mask over 0.8 MB)? Fastest wall time of REPS passes, at 1 and 2 threads, 64 tasks each (the
 * fastest call is one where both threads held a core: the load leaves nothing else readable).
 *
 * <pre>
 * java -cp convkit-cli/target/convkit.jar bench/tr51/Bandwidth.java REPS
 * </pre>
 */
public class Bandwidth {
    public static void main(String[] a) {
        int reps = Integer.parseInt(a[0]);
        int n = 64 * 32 * 784;
        float[] x = new float[n];
        float[] out = new float[n];
        int m = 64 * 3136;
        float[] dx = new float[m];
        float[] mask = new float[m];
        float[] dout = new float[m];
        for (int round = 0; round < 3; round++) {
            for (int threads : new int[] {1, 2}) {
                Parallel.setThreads(threads);
                long stream = Long.MAX_VALUE;
                long compute = Long.MAX_VALUE;
                for (int r = 0; r < reps; r++) {
                    long t0 = System.nanoTime();
                    Parallel.forEach(64, t -> {
                        for (int i = t * (n / 64); i < (t + 1) * (n / 64); i++) {
                            out[i] = x[i] * 1.5f + 0.25f;
                        }
                    });
                    long t1 = System.nanoTime();
                    Parallel.forEach(64, t -> VectorOps.SCALAR.dropoutMask(dx, mask, dout, t * (m / 64), (t + 1) * (m / 64),
                            t, 1L << 30, 4f / 3));
                    long t2 = System.nanoTime();
                    stream = Math.min(stream, t1 - t0);
                    compute = Math.min(compute, t2 - t1);
                }
                System.out.printf(Locale.ROOT, "round %d T=%d: 6.4 MB stream %.3f ms, scalar dropout mask %.3f ms (fastest wall)%n",
                        round + 1, threads, stream / 1e6, compute / 1e6);
            }
        }
        System.exit(0);
    }
}
