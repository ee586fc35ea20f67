package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.Storage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * s2w51: the stride-2 weight gradient's two packed paths on one shape, same bits (tests pin that): VARIANT=rows|gathered,
 * the calling thread's CPU time of the fastest of REPS calls after 20 warm-up calls (one thread), and a hash of the result.
 * java --add-modules jdk.incubator.vector -cp JAR:CLASSES dev.convkit.core.conv.WgPath REPS id:N:Cin:HW:Cout:K:pad:stride...
 */
public class WgPath {
    public static void main(String[] a) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Parallel.setThreads(1);
        int reps = Integer.parseInt(a[0]);
        KernelProvider p = KernelProvider.panama();
        PhaseSplitWeightGradient wg = new PhaseSplitWeightGradient(p.microKernel(), p.vectorOps());
        boolean rows = "rows".equals(System.getenv("VARIANT"));
        Storage.Recycler rec = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(rec)) {
            for (String s : Arrays.copyOfRange(a, 1, a.length)) {
                String[] f = s.split(":");
                int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]), k = Integer.parseInt(f[5]);
                ConvOptions o = ConvOptions.conv2d().padding(Integer.parseInt(f[6])).stride(Integer.parseInt(f[7]));
                ConvGeometry g = ConvPlan.resolve(o, new int[] {n, c, h, h}, new int[] {co, c, k, k}, null).geometry();
                Random r = new Random(1);
                float[] x = new float[g.imageSize()], y = new float[g.responseSize()];
                for (float[] t : new float[][] {x, y}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
                long best = Long.MAX_VALUE;
                int hash = 0;
                for (int i = 0; i < reps + 20; i++) {
                    rec.reclaim();
                    long t0 = cpu.getCurrentThreadCpuTime();
                    float[] dw = rows ? wg.weightGradientTapRows(g, x, y) : wg.weightGradientTapsGathered(g, x, y);
                    long t = cpu.getCurrentThreadCpuTime() - t0;
                    hash = Arrays.hashCode(dw);
                    if (i >= 20) best = Math.min(best, t);
                }
                System.out.printf(Locale.ROOT, "%-14s %-8s wgrad %7.3f ms  hash %08x%n", f[0], rows ? "rows" : "gathered", best / 1e6, hash);
            }
        }
    }
}
