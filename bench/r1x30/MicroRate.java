import dev.convkit.core.kernels.*;
import java.lang.management.*;

/**
 * r1x30: the micro-kernel's own rate (GFLOP/s of thread CPU) on L1/L2-resident operands, the roof a 1×1 GEMM pass
 * can reach in this library: {@code java --add-modules jdk.incubator.vector -cp JAR bench/r1x30/MicroRate.java KC MSTRIPS NSTRIPS}
 * (A: MSTRIPS strips of MR × KC, B: NSTRIPS strips of KC × NR, C: their tile; BLIS order, accumulate as the 2nd KC block does).
 */
public class MicroRate {
    public static void main(String[] a) {
        int kc = Integer.parseInt(a[0]), ms = Integer.parseInt(a[1]), ns = Integer.parseInt(a[2]);
        MicroKernel k = KernelProvider.panama().microKernel();
        int mr = k.mr(), nr = k.nr(), ldc = ns * nr + 16;
        float[] A = new float[ms * mr * kc], B = new float[ns * nr * kc], C = new float[ms * mr * ldc];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < A.length; i++) A[i] = (float) r.nextGaussian();
        for (int i = 0; i < B.length; i++) B[i] = (float) r.nextGaussian();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double flops = 2.0 * kc * mr * nr * ms * ns;
        for (int round = 0; round < 8; round++) {
            long best = Long.MAX_VALUE;
            for (int rep = 0; rep < 400; rep++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                for (int n = 0; n < ns; n++) for (int m = 0; m < ms; m++)
                    k.multiply(kc, A, m * kc * mr, B, n * kc * nr, C, m * mr * ldc + n * nr, ldc, rep % 2 == 1);
                best = Math.min(best, cpu.getCurrentThreadCpuTime() - t0);
            }
            System.out.printf("kc %d ms %d ns %d: %.1f GFLOP/s (best call %.3f ms)%n", kc, ms, ns, flops / best, best / 1e6);
        }
    }
}
