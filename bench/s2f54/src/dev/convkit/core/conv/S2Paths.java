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
 * s2f54: one 3×3 stride-2 forward on each candidate path, forced (the dispatch's choice, the strided Winograd, the
 * phase split, the channel-block kernel), at one thread, thread CPU, fastest of REPS calls each after 30 warm-ups,
 * the paths interleaved call by call in one JVM; and the largest difference of each path from the reference loops.
 * javac --release 17 --add-modules jdk.incubator.vector -cp JAR -d CLASSES S2Paths.java;
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp JAR:CLASSES dev.convkit.core.conv.S2Paths
 *     REPS id:N:Cin:HW:Cout:K:padding:stride ...
 */
public class S2Paths {
    interface Path { float[] run(ConvGeometry g, float[] x, float[] w); }

    public static void main(String[] a) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Parallel.setThreads(1);
        int reps = Integer.parseInt(a[0]);
        KernelProvider p = KernelProvider.panama();
        ConvDispatch dispatch = new ConvDispatch(p, 0);
        StridedWinogradConv strided = new StridedWinogradConv(p.microKernel(), p.vectorOps());
        PhaseSplitConv phase = new PhaseSplitConv(p.microKernel(), p.vectorOps());
        ChannelBlockConv block = new ChannelBlockConv(p.vectorOps());
        String[] names = {"dispatch", "stridedWino", "phaseSplit", "channelBlock"};
        Path[] paths = {dispatch::correlate, strided::correlate, phase::correlate, block::correlate};
        Storage.Recycler rec = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(rec)) {
            for (String s : Arrays.copyOfRange(a, 1, a.length)) {
                String[] f = s.split(":");
                int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]);
                int co = Integer.parseInt(f[4]), k = Integer.parseInt(f[5]);
                ConvOptions o = ConvOptions.conv2d().padding(Integer.parseInt(f[6])).stride(Integer.parseInt(f[7]));
                ConvGeometry g = ConvPlan.resolve(o, new int[] {n, c, h, h}, new int[] {co, c, k, k}, null).geometry();
                Random r = new Random(1);
                float[] x = new float[g.imageSize()], w = new float[g.weightSize()];
                for (float[] t : new float[][] {x, w}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
                float[] ref = ReferenceConv.correlate(g, x, w);
                double scale = 0;
                for (float v : ref) scale = Math.max(scale, Math.abs(v));
                long[] best = new long[paths.length];
                Arrays.fill(best, Long.MAX_VALUE);
                double[] err = new double[paths.length];
                for (int i = 0; i < 30 + reps; i++) {
                    for (int q = 0; q < paths.length; q++) {
                        rec.reclaim();
                        long t0 = cpu.getCurrentThreadCpuTime();
                        float[] y = paths[q].run(g, x, w);
                        long t = cpu.getCurrentThreadCpuTime() - t0;
                        if (i >= 30) best[q] = Math.min(best[q], t);
                        if (i == 0) {
                            for (int e = 0; e < y.length; e++) err[q] = Math.max(err[q], Math.abs(y[e] - ref[e]) / scale);
                        }
                    }
                }
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-18s %-12s", f[0],
                        dispatch.path(g, ConvDispatch.Pass.CORRELATE) + (strided.pays(g) ? "(sw)" : "")));
                for (int q = 0; q < paths.length; q++) {
                    line.append(String.format(Locale.ROOT, "  %s %7.3f (err %.1e)", names[q], best[q] / 1e6, err[q]));
                }
                System.out.println(line);
            }
        }
    }
}
