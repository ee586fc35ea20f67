package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * s2w51: StridedWinogradConv's weight transform alone, main's loop (a response channel's rows outer, copied here) against
 * the branch's (StridedWinogradConv.transformWeights), one thread, thread CPU, fastest of REPS calls each, interleaved
 * in one JVM after 2000 warm-up calls of each; and whether their U is bitwise equal.
 * java --add-modules jdk.incubator.vector -cp AFTER.jar:CLASSES dev.convkit.core.conv.TransformBench REPS CIN:COUT...
 */
public class TransformBench {
    public static void main(String[] a) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Parallel.setThreads(1);
        int reps = Integer.parseInt(a[0]);
        KernelProvider p = KernelProvider.panama();
        StridedWinogradConv strided = new StridedWinogradConv(p.microKernel(), p.vectorOps());
        int mr = p.microKernel().mr();
        for (String s : Arrays.copyOfRange(a, 1, a.length)) {
            int cin = Integer.parseInt(s.split(":")[0]), cout = Integer.parseInt(s.split(":")[1]);
            int coutP = (cout + mr - 1) / mr * mr;
            float[] w = new float[cout * cin * 9];
            Random r = new Random(1);
            for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
            float[] uOld = new float[StridedWinogradConv.POINTS * StridedWinogradConv.pointFloats(coutP, cin)];
            float[] uNew = uOld.clone();
            long bestOld = Long.MAX_VALUE, bestNew = Long.MAX_VALUE;
            for (int i = 0; i < 2000 + reps; i++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                mainTransform(w, cin, cout, coutP, uOld, mr);
                long t1 = cpu.getCurrentThreadCpuTime();
                strided.transformWeights(w, cin, cout, coutP, uNew);
                long t2 = cpu.getCurrentThreadCpuTime();
                if (i >= 2000) { bestOld = Math.min(bestOld, t1 - t0); bestNew = Math.min(bestNew, t2 - t1); }
            }
            System.out.printf(Locale.ROOT, "%4d -> %4d  main %7.1f us  s2w51 %7.1f us  same bits %b%n", cin, cout,
                    bestOld / 1e3, bestNew / 1e3, Arrays.equals(uOld, uNew));
        }
    }

    /** main b543cd72's StridedWinogradConv.transformWeights at one thread (its task loop, unchanged). */
    static void mainTransform(float[] weight, int cin, int cout, int coutP, float[] u, int mr) {
        int pointFloats = StridedWinogradConv.pointFloats(coutP, cin);
        for (int strip = 0; strip < coutP / mr; strip++) {
            int co0 = strip * mr;
            for (int j = 0; j < mr; j++) {
                int co = co0 + j;
                for (int ci = 0; ci < cin; ci++) {
                    int dst = co0 * cin + ci * mr + j;
                    if (co >= cout) {
                        for (int p = 0; p < StridedWinogradConv.POINTS; p++) {
                            u[p * pointFloats + dst] = 0f;
                        }
                        continue;
                    }
                    int src = (co * cin + ci) * 9;
                    for (int i = 0; i < 5; i++) {
                        int r0 = i == 3 || i == 4 ? 3 : i == 2 ? 6 : 0;
                        boolean sum = i == 1;
                        double w0 = sum ? (double) weight[src] + weight[src + 6] : weight[src + r0];
                        double w1 = sum ? (double) weight[src + 1] + weight[src + 7] : weight[src + r0 + 1];
                        double w2 = sum ? (double) weight[src + 2] + weight[src + 8] : weight[src + r0 + 2];
                        int d = i * 5 * pointFloats + dst;
                        u[d] = (float) w0;
                        u[d + pointFloats] = (float) (w0 + w2);
                        u[d + 2 * pointFloats] = (float) w2;
                        u[d + 3 * pointFloats] = (float) w1;
                        u[d + 4 * pointFloats] = (float) w1;
                    }
                }
            }
        }
    }
}
