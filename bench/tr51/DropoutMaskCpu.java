import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.VectorOps;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * tr51: dropout's mask kernel over cnn2's dropout input (64 x 3136 floats, p = 0.25, in Ops.dropout's chunks of
 * 32768), VectorOps.SCALAR (main's loop, moved) against the Panama provider's, alternating, the fastest of REPS calls
 * in the calling thread's CPU time, and the bytes the calling thread allocates per call over REPS calls (boxed
 * vectors show here). Public API only:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp convkit-cli/target/convkit.jar bench/tr51/DropoutMaskCpu.java REPS ROUNDS
 * </pre>
 */
public class DropoutMaskCpu {
    static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    static final int N = 64 * 3136;
    static final int CHUNK = 1 << 15;

    public static void main(String[] a) {
        int reps = Integer.parseInt(a[0]);
        int rounds = Integer.parseInt(a[1]);
        VectorOps panama = KernelProvider.panama().vectorOps();
        float[] x = new float[N];
        float[] mask = new float[N];
        float[] out = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = (float) Math.sin(i);
        }
        long threshold = (long) Math.ceil(0.25 * 0x1p32);
        float keep = (float) (1 / 0.75);
        for (int r = 0; r < rounds; r++) {
            double scalarMs = fastest(VectorOps.SCALAR, x, mask, out, threshold, keep, reps);
            double panamaMs = fastest(panama, x, mask, out, threshold, keep, reps);
            long a0 = THREADS.getCurrentThreadAllocatedBytes();
            for (int k = 0; k < reps; k++) {
                pass(panama, x, mask, out, threshold, keep, k);
            }
            double kb = (THREADS.getCurrentThreadAllocatedBytes() - a0) / 1e3 / reps;
            System.out.printf(Locale.ROOT, "round %d: scalar %.3f ms, panama %.3f ms, panama kB a call %.2f%n", r + 1,
                    scalarMs, panamaMs, kb);
        }
    }

    static double fastest(VectorOps ops, float[] x, float[] mask, float[] out, long threshold, float keep, int reps) {
        long best = Long.MAX_VALUE;
        for (int k = 0; k < reps; k++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            pass(ops, x, mask, out, threshold, keep, k);
            best = Math.min(best, THREADS.getCurrentThreadCpuTime() - t0);
        }
        return best / 1e6;
    }

    static void pass(VectorOps ops, float[] x, float[] mask, float[] out, long threshold, float keep, long seed) {
        for (int from = 0; from < N; from += CHUNK) {
            ops.dropoutMask(x, mask, out, from, Math.min(N, from + CHUNK), seed * 31 + from, threshold, keep);
        }
    }
}
