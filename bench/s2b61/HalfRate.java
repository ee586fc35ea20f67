import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.MicroKernel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * s2b61: the scatter's register tiles alone, one packed B strip (kc × NR) against STRIPS packed A strips (kc × MR each),
 * C of ldc 336: multiply (8 × 32, first block stores, accumulate=false), multiplyAddBlock (8 × 32, C added), multiplyHalf
 * (8 × 16, both ways). GFLOP/s of the columns each computes (32 or 16), fastest of ROUNDS, calling thread's CPU.
 * java --add-modules jdk.incubator.vector -cp JAR bench/s2b61/HalfRate.java ROUNDS STRIPS KC
 */
public class HalfRate {
    public static void main(String[] args) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int rounds = Integer.parseInt(args[0]);
        int strips = Integer.parseInt(args[1]);
        int kc = Integer.parseInt(args[2]);
        MicroKernel micro = KernelProvider.panama().microKernel();
        int mr = micro.mr();
        int nr = micro.nr();
        Random r = new Random(61);
        float[] a = new float[strips * mr * kc];
        for (int i = 0; i < a.length; i++) a[i] = r.nextFloat();
        float[] b = new float[kc * nr];
        for (int i = 0; i < b.length; i++) b[i] = r.nextFloat();
        int ldc = 336;
        float[] c = new float[strips * mr * ldc + nr];
        String[] kinds = {"store", "addBlock", "halfStore", "halfAdd"};
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder();
            for (int kind = 0; kind < kinds.length; kind++) {
                int calls = 400;
                long t0 = cpu.getCurrentThreadCpuTime();
                for (int call = 0; call < calls; call++) {
                    for (int ms = 0; ms < strips; ms++) {
                        int aOff = ms * mr * kc;
                        int cOff = ms * mr * ldc;
                        switch (kind) {
                            case 0: micro.multiply(kc, a, aOff, b, 0, c, cOff, ldc, false); break;
                            case 1: micro.multiplyAddBlock(kc, a, aOff, b, 0, c, cOff, ldc); break;
                            case 2: micro.multiplyHalf(kc, a, aOff, b, 0, c, cOff, ldc, false); break;
                            default: micro.multiplyHalf(kc, a, aOff, b, 0, c, cOff, ldc, true); break;
                        }
                    }
                }
                long t = cpu.getCurrentThreadCpuTime() - t0;
                int cols = kind < 2 ? nr : nr / 2;
                line.append(String.format(Locale.ROOT, " %s %.1f", kinds[kind], 2.0 * mr * cols * kc * strips * calls / t));
            }
            System.out.println("round " + round + " GFLOP/s:" + line + " (c[0] " + c[0] + ")");
        }
    }
}
