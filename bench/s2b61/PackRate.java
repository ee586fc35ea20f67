package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * s2b61: PhaseSplitConv.packSubKernels3x3 alone (package-private: compiled into the package and run on the class path,
 * see below), all strips of one weight array of CIN × M 3×3 as the scatter packs them; "warm" packs the same weights every
 * call (in L2 after the first), "cold" rotates over COPIES arrays (larger than L2 and L3's share), as a network's
 * weights arrive; µs a call and ns a weight, fastest of ROUNDS, calling thread's CPU.
 * javac -cp JAR -d OUT bench/s2b61/PackRate.java && java --add-modules jdk.incubator.vector -cp JAR:OUT
 *     dev.convkit.core.conv.PackRate ROUNDS CIN M COPIES
 */
public class PackRate {
    public static void main(String[] args) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int rounds = Integer.parseInt(args[0]);
        int cin = Integer.parseInt(args[1]);
        int m = Integer.parseInt(args[2]);
        int copies = Integer.parseInt(args[3]);
        KernelProvider p = KernelProvider.panama();
        PhaseSplitConv phases = new PhaseSplitConv(p.microKernel(), p.vectorOps());
        int mr = p.microKernel().mr();
        int mp = (cin + mr - 1) / mr * mr;
        int[] aOff = {0, mp * 4 * m, mp * 6 * m, mp * 8 * m};
        float[] packed = new float[mp * 9 * m];
        Random r = new Random(61);
        float[][] w = new float[copies][cin * m * 9];
        for (float[] x : w) for (int i = 0; i < x.length; i++) x[i] = r.nextFloat();
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        int calls = 50;
        for (int round = 0; round < rounds; round++) {
            for (int form = 0; form < 2; form++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                for (int call = 0; call < calls; call++) {
                    float[] weight = w[form == 0 ? 0 : (round * calls + call) % copies];
                    for (int s = 0; s < mp / mr; s++) {
                        phases.packSubKernels3x3(weight, cin, m, s, packed, aOff);
                    }
                }
                best[form] = Math.min(best[form], (cpu.getCurrentThreadCpuTime() - t0) / 1e3 / calls);
            }
        }
        double n = cin * m * 9.0;
        System.out.printf(Locale.ROOT, "cin %d m %d (%.0f kB of weights): warm %.1f µs a call (%.2f ns a weight), cold %.1f µs (%.2f ns)%n",
                cin, m, n * 4 / 1024, best[0], best[0] * 1e3 / n, best[1], best[1] * 1e3 / n);
    }
}
