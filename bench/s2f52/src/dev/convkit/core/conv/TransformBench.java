package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * s2f52 (from s2w51's): StridedWinogradConv's weight transform alone, main bda6405b's double arithmetic (copied here)
 * against the branch's float sums (StridedWinogradConv.transformWeights), one thread, thread CPU, fastest of REPS calls
 * each, interleaved in one JVM after 2000 warm-up calls of each; and whether their U is bitwise equal, on Gaussian
 * weights and on weights scaled by 2^-60..2^60.
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
            boolean same = Arrays.equals(uOld, uNew);
            for (int i = 0; i < w.length; i++) w[i] = Math.scalb(w[i], r.nextInt(121) - 60);
            mainTransform(w, cin, cout, coutP, uOld, mr);
            strided.transformWeights(w, cin, cout, coutP, uNew);
            System.out.printf(Locale.ROOT, "%4d -> %4d  main %7.1f us  s2f52 %7.1f us  %.2fx  same bits %b, wide exponents %b%n",
                    cin, cout, bestOld / 1e3, bestNew / 1e3, (double) bestOld / bestNew, same, Arrays.equals(uOld, uNew));
        }
    }

    /** main bda6405b's StridedWinogradConv.transformWeights at one thread (s2w51's loop, double sums). */
    static void mainTransform(float[] weight, int cin, int cout, int coutP, float[] u, int mr) {
        int pointFloats = StridedWinogradConv.pointFloats(coutP, cin);
        for (int strip = 0; strip < coutP / mr; strip++) {
            int co0 = strip * mr;
            for (int ci = 0; ci < cin; ci++) {
                int dst0 = co0 * cin + ci * mr;
                for (int j = 0; j < mr; j++) {
                    int co = co0 + j;
                    if (co >= cout) {
                        for (int q = 0; q < StridedWinogradConv.POINTS; q++) {
                            u[q * pointFloats + dst0 + j] = 0f;
                        }
                    } else {
                        mainPair(weight, (co * cin + ci) * 9, u, dst0 + j, pointFloats);
                    }
                }
            }
        }
    }

    static void mainPair(float[] weight, int src, float[] u, int dst, int pointFloats) {
        mainRow(weight[src], weight[src + 1], weight[src + 2], u, dst, pointFloats);
        mainRow((double) weight[src] + weight[src + 6], (double) weight[src + 1] + weight[src + 7],
                (double) weight[src + 2] + weight[src + 8], u, dst + 5 * pointFloats, pointFloats);
        mainRow(weight[src + 6], weight[src + 7], weight[src + 8], u, dst + 10 * pointFloats, pointFloats);
        mainRow(weight[src + 3], weight[src + 4], weight[src + 5], u, dst + 15 * pointFloats, pointFloats);
        mainRow(weight[src + 3], weight[src + 4], weight[src + 5], u, dst + 20 * pointFloats, pointFloats);
    }

    static void mainRow(double w0, double w1, double w2, float[] u, int d, int pointFloats) {
        u[d] = (float) w0;
        u[d + pointFloats] = (float) (w0 + w2);
        u[d + 2 * pointFloats] = (float) w2;
        u[d + 3 * pointFloats] = (float) w1;
        u[d + 4 * pointFloats] = (float) w1;
    }
}
