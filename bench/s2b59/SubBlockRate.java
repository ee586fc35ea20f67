import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.MicroKernel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * s2b59: multiplyARowsInPlace as the stride-2 weight gradient runs it: one B strip (kc × NR) against STRIPS A strips of
 * MR rows each read in place from an L2-sized array (rows ROWLEN apart), C tiles of ldc 176; a whole run of kc k steps a
 * tile, against the run in SUB-step sub-blocks over all tiles (B's sub-block stays in L1; C accumulated between them:
 * a speed probe only, other sums). GFLOP/s, fastest of ROUNDS, calling thread's CPU.
 * java --add-modules jdk.incubator.vector -cp JAR bench/s2b59/SubBlockRate.java ROUNDS STRIPS KC SUB...
 */
public class SubBlockRate {
    public static void main(String[] args) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int rounds = Integer.parseInt(args[0]);
        int strips = Integer.parseInt(args[1]);
        int kc = Integer.parseInt(args[2]);
        MicroKernel micro = KernelProvider.panama().microKernel();
        int mr = micro.mr();
        int nr = micro.nr();
        int rowLen = 1296 + 17;
        Random r = new Random(59);
        float[] src = new float[strips * mr * rowLen + kc];
        for (int i = 0; i < src.length; i++) src[i] = r.nextFloat();
        float[] b = new float[kc * nr];
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
        int ldc = 176;
        float[] c = new float[strips * mr * ldc + nr];
        int[] rows = new int[strips * mr];
        for (int i = 0; i < rows.length; i++) rows[i] = i * rowLen;
        for (int ai = 3; ai < args.length; ai++) {
            int sub = Integer.parseInt(args[ai]);
            double best = 0;
            for (int round = 0; round < rounds; round++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                int calls = 200;
                for (int call = 0; call < calls; call++) {
                    int p = (call % 4) * kc; // other columns of the rows each call, as runs move along them
                    for (int k0 = 0; k0 < kc; k0 += sub) {
                        int kk = Math.min(sub, kc - k0);
                        for (int ms = 0; ms < strips; ms++) {
                            micro.multiplyARowsInPlace(kk, src, rows, ms * mr, p % (rowLen - kc) + k0, b, k0 * nr, c,
                                    ms * mr * ldc, ldc, true);
                        }
                    }
                }
                long t = cpu.getCurrentThreadCpuTime() - t0;
                best = Math.max(best, 2.0 * mr * nr * kc * strips * calls / t);
            }
            System.out.printf(Locale.ROOT, "strips %d kc %d sub %d: %.1f GFLOP/s (c[0] %g)%n", strips, kc, sub, best, c[0]);
        }
    }
}
