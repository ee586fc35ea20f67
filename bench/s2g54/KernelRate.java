import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.MicroKernel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * s2g54: the micro-kernel's accumulating kernels alone, L1-resident operands, calling thread's CPU time:
 * multiplyARowsInPlace (the weight gradients' A rows in place) and multiply accumulating (packedRun: the scatter's
 * second reduction block), and multiplyAddBlock (p1f50's one loop, the same sums as multiply accumulating), at reductions of KC... given on the command line. GFLOP/s of the fastest of ROUNDS
 * rounds of CALLS calls each.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp JAR bench/s2g54/KernelRate.java ROUNDS CALLS KC...
 * </pre>
 */
public class KernelRate {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        int calls = Integer.parseInt(args[1]);
        MicroKernel micro = KernelProvider.panama().microKernel();
        int mr = micro.mr();
        int nr = micro.nr();
        Random r = new Random(54);
        for (int ai = 2; ai < args.length; ai++) {
            int kc = Integer.parseInt(args[ai]);
            float[] src = new float[mr * (kc + 16)];
            float[] a = new float[mr * kc];
            float[] b = new float[nr * kc];
            float[] c = new float[mr * (nr + 16)];
            for (float[] t : new float[][] {src, a, b, c}) {
                for (int i = 0; i < t.length; i++) {
                    t[i] = (float) r.nextGaussian() * 1e-3f;
                }
            }
            int[] rows = new int[mr];
            for (int i = 0; i < mr; i++) {
                rows[i] = i * (kc + 16);
            }
            int ldc = nr + 16;
            double flops = 2.0 * mr * nr * kc * calls;
            double bestRows = 0;
            double bestPacked = 0;
            double bestBlock = 0;
            for (int round = 0; round < rounds; round++) {
                long t0 = CPU.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    micro.multiplyARowsInPlace(kc, src, rows, 0, 3, b, 0, c, 0, ldc, true);
                }
                long t1 = CPU.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    micro.multiply(kc, a, 0, b, 0, c, 0, ldc, true);
                }
                long t2 = CPU.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    micro.multiplyAddBlock(kc, a, 0, b, 0, c, 0, ldc);
                }
                long t3 = CPU.getCurrentThreadCpuTime();
                bestRows = Math.max(bestRows, flops / (t1 - t0));
                bestPacked = Math.max(bestPacked, flops / (t2 - t1));
                bestBlock = Math.max(bestBlock, flops / (t3 - t2));
            }
            System.out.printf(Locale.ROOT, "kc %4d  multiplyARowsInPlace %6.1f GFLOP/s  multiply(accumulate) %6.1f  multiplyAddBlock (one loop) %6.1f GFLOP/s  (c[0] %g)%n",
                    kc, bestRows, bestPacked, bestBlock, c[0]);
        }
    }
}
