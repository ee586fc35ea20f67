package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * s2w53 (from s2f52's TransformBench): the weight transform alone, main c9d8fb04's 25-point loop (copied here) against
 * the 16-distinct-point transformWeights of the jar on the class path (commit 0b6499a9), one thread, thread CPU,
 * fastest of REPS calls each, interleaved in one JVM after 2000 warm-ups; and whether every one of main's 25 points
 * equals its distinct point (U_POINT) bitwise.
 * javac --release 17 -cp AFTER.jar -d CLASSES U16Bench.java;
 * java --add-modules jdk.incubator.vector -cp AFTER.jar:CLASSES dev.convkit.core.conv.U16Bench REPS CIN:COUT...
 */
public class U16Bench {
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
            int pointFloats = StridedWinogradConv.pointFloats(coutP, cin);
            float[] w = new float[cout * cin * 9];
            Random r = new Random(1);
            for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
            float[] uOld = new float[StridedWinogradConv.POINTS * pointFloats];
            float[] uNew = new float[StridedWinogradConv.U_POINTS * pointFloats];
            long bestOld = Long.MAX_VALUE, bestNew = Long.MAX_VALUE;
            for (int i = 0; i < 2000 + reps; i++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                mainTransform(w, cin, cout, coutP, uOld, mr);
                long t1 = cpu.getCurrentThreadCpuTime();
                strided.transformWeights(w, cin, cout, coutP, uNew);
                long t2 = cpu.getCurrentThreadCpuTime();
                if (i >= 2000) { bestOld = Math.min(bestOld, t1 - t0); bestNew = Math.min(bestNew, t2 - t1); }
            }
            boolean same = true;
            for (int q = 0; q < StridedWinogradConv.POINTS; q++) {
                int d = StridedWinogradConv.U_POINT[q] * pointFloats;
                same &= Arrays.equals(uOld, q * pointFloats, q * pointFloats + coutP * cin, uNew, d, d + coutP * cin);
            }
            System.out.printf(Locale.ROOT, "%4d -> %4d  main %7.1f us  16 points %7.1f us  %.2fx  same bits %b%n",
                    cin, cout, bestOld / 1e3, bestNew / 1e3, (double) bestOld / bestNew, same);
        }
    }

    /** main c9d8fb04's StridedWinogradConv.transformWeights at one thread (25 points, float sums but U[1][1]). */
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

    static void mainPair(float[] weight, int src, float[] u, int dst, int pf) {
        float w0 = weight[src], w1 = weight[src + 1], w2 = weight[src + 2], w3 = weight[src + 3], w4 = weight[src + 4];
        float w5 = weight[src + 5], w6 = weight[src + 6], w7 = weight[src + 7], w8 = weight[src + 8];
        mainRow(w0, w1, w2, w0 + w2, u, dst, pf);
        mainRow(w0 + w6, w1 + w7, w2 + w8, (float) (((double) w0 + w6) + ((double) w2 + w8)), u, dst + 5 * pf, pf);
        mainRow(w6, w7, w8, w6 + w8, u, dst + 10 * pf, pf);
        float w35 = w3 + w5;
        mainRow(w3, w4, w5, w35, u, dst + 15 * pf, pf);
        mainRow(w3, w4, w5, w35, u, dst + 20 * pf, pf);
    }

    static void mainRow(float w0, float w1, float w2, float sum02, float[] u, int d, int pf) {
        u[d] = w0;
        u[d + pf] = sum02;
        u[d + 2 * pf] = w2;
        u[d + 3 * pf] = w1;
        u[d + 4 * pf] = w1;
    }
}
