package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.Storage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * sm54: F(4×4, 3×3) against F(2×2, 3×3) forced on the same 3×3 stride-1 shapes, forward and input gradient (the
 * flipped correlation the dispatch runs, its kernel flipped once outside the timing), one thread, thread CPU of single
 * calls, the two tiles alternating call by call, fastest of REPS per tile after 20 warm-ups of each. Lives in the
 * package to reach {@code WinogradConv.correlate(g, x, w, tile)}; compiled against a jar, not part of it:
 *
 * <pre>
 * javac -cp JAR -d /tmp/probe bench/sm54/probe/dev/convkit/core/conv/TileProbe.java
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp JAR:/tmp/probe \
 *     dev.convkit.core.conv.TileProbe REPS id:N:Cin:HW:Cout ...
 * </pre>
 */
public final class TileProbe {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        int reps = Integer.parseInt(args[0]);
        Parallel.setThreads(1);
        KernelProvider p = KernelProvider.panama();
        WinogradConv winograd = new WinogradConv(p.microKernel(), p.vectorOps());
        Storage.Recycler rec = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(rec)) {
            for (int i = 1; i < args.length; i++) {
                String[] f = args[i].split(":");
                int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), hw = Integer.parseInt(f[3]);
                int co = Integer.parseInt(f[4]);
                ConvGeometry g = ConvPlan.resolve(ConvOptions.conv2d().padding(1), new int[] {n, c, hw, hw},
                        new int[] {co, c, 3, 3}, null).geometry();
                Random r = new Random(1);
                float[] x = new float[g.imageSize()], w = new float[g.weightSize()], y = new float[g.responseSize()];
                for (float[] t : new float[][] {x, w, y}) {
                    for (int j = 0; j < t.length; j++) {
                        t[j] = (float) r.nextGaussian();
                    }
                }
                ConvGeometry flipped = ConvDispatch.flipped(g);
                float[] flippedWeight = FastConv.flipTransposed(g, w);
                double[] best = new double[4];
                java.util.Arrays.fill(best, Double.MAX_VALUE);
                WinogradConv.Tile[] tiles = {WinogradConv.Tile.F2, WinogradConv.Tile.F4};
                for (int rep = -20; rep < reps; rep++) {
                    for (int t = 0; t < 2; t++) {
                        long t0 = CPU.getCurrentThreadCpuTime();
                        rec.reclaim();
                        winograd.correlate(g, x, w, tiles[t]);
                        long t1 = CPU.getCurrentThreadCpuTime();
                        winograd.correlate(flipped, y, flippedWeight, tiles[t]);
                        long t2 = CPU.getCurrentThreadCpuTime();
                        if (rep >= 0) {
                            best[t] = Math.min(best[t], (t1 - t0) / 1e6);
                            best[2 + t] = Math.min(best[2 + t], (t2 - t1) / 1e6);
                        }
                    }
                }
                System.out.printf(Locale.ROOT, "%-14s fwd F2 %7.3f F4 %7.3f (F2/F4 %.2f)   igrad F2 %7.3f F4 %7.3f (F2/F4 %.2f)   rule %s%n",
                        f[0], best[0], best[1], best[0] / best[1], best[2], best[3], best[2] / best[3], WinogradConv.tile(g));
            }
        }
    }
}
