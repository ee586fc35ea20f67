package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.Storage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * s2f14: a 3×3 stride-2 forward by the dispatched path (PHASE_SPLIT) and by {@code FastConv.correlateGather} (the
 * roles turned: image values broadcast at the stride from a padded band, the weights packed once, Cout in the
 * lanes, as oneDNN's direct convolution), alternating, one thread, thread CPU time, fastest of REPS; the largest
 * difference of the two results. Package-private API, so compiled into the package:
 * <pre>
 * javac --add-modules jdk.incubator.vector -cp convkit-cli/target/convkit.jar -d /tmp/gfc bench/s2f14/GatherForwardCpu.java
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp /tmp/gfc:convkit-cli/target/convkit.jar \
 *     dev.convkit.core.conv.GatherForwardCpu 30 r3x3-s2:8:64:56:128:1 r3x3-s2-57:8:64:57:128:1
 * </pre>
 * (LOOP=1: the gather forward alone, REPS calls in a row, for a profiler.)
 */
public class GatherForwardCpu {
    public static void main(String[] a) {
        int reps = Integer.parseInt(a[0]);
        Parallel.setThreads(1);
        KernelProvider p = KernelProvider.panama();
        ConvDispatch d = new ConvDispatch(p, 0, true);
        FastConv f = new FastConv(p.microKernel());
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Storage.Recycler rec = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(rec)) {
            for (int s = 1; s < a.length; s++) {
                String[] q = a[s].split(":");
                int n = Integer.parseInt(q[1]);
                int c = Integer.parseInt(q[2]);
                int h = Integer.parseInt(q[3]);
                int co = Integer.parseInt(q[4]);
                ConvGeometry g = ConvPlan.resolve(ConvOptions.conv2d().padding(Integer.parseInt(q[5])).stride(2),
                        new int[] {n, c, h, h}, new int[] {co, c, 3, 3}, null).geometry();
                Random r = new Random(1);
                float[] x = new float[g.imageSize()];
                float[] w = new float[g.weightSize()];
                for (float[] t : new float[][] {x, w}) {
                    for (int i = 0; i < t.length; i++) {
                        t[i] = (float) r.nextGaussian();
                    }
                }
                if (System.getenv("LOOP") != null) {
                    for (int i = 0; i < reps; i++) {
                        rec.reclaim();
                        f.correlateGather(g, x, w);
                    }
                    continue;
                }
                float[] ya = d.correlate(g, x, w);
                float[] yb = f.correlateGather(g, x, w);
                double diff = 0;
                for (int i = 0; i < ya.length; i++) {
                    diff = Math.max(diff, Math.abs(ya[i] - yb[i]));
                }
                double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
                for (int i = 0; i < reps + 20; i++) {
                    for (int v = 0; v < 2; v++) {
                        rec.reclaim();
                        long t0 = cpu.getCurrentThreadCpuTime();
                        if (v == 0) {
                            d.correlate(g, x, w);
                        } else {
                            f.correlateGather(g, x, w);
                        }
                        long t1 = cpu.getCurrentThreadCpuTime();
                        if (i >= 20) {
                            best[v] = Math.min(best[v], (t1 - t0) / 1e6);
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "%-12s %s %.3f ms  gather %.3f ms  max difference %.2e%n", q[0],
                        d.path(g, ConvDispatch.Pass.CORRELATE), best[0], best[1], diff);
            }
        }
    }
}
