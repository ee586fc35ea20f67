package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.Storage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * c2t50: a Winograd forward (or input gradient, SCATTER=1: the flipped correlation) forced to one tile, F4 or F2, at
 * one thread, thread CPU of the fastest of REPS calls after 20: to weigh the tiles on one shape. In the package for
 * WinogradConv's forced-tile entry, so compiled beside the jar (bench/c2t50/forced/run.sh), not the source launcher.
 *
 * <pre>java -cp JAR:CLASSES dev.convkit.core.conv.ForcedTile REPS TILE id:N:Cin:HW:Cout:K:padding ...</pre>
 */
public class ForcedTile {
    public static void main(String[] a) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Parallel.setThreads(1);
        int reps = Integer.parseInt(a[0]);
        WinogradConv.Tile tile = WinogradConv.Tile.valueOf(a[1]);
        KernelProvider p = KernelProvider.panama();
        WinogradConv w = new WinogradConv(p.microKernel(), p.vectorOps());
        boolean scatter = System.getenv("SCATTER") != null;
        Storage.Recycler rec = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(rec)) {
            for (int i = 2; i < a.length; i++) {
                String[] f = a[i].split(":");
                int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]);
                int co = Integer.parseInt(f[4]), k = Integer.parseInt(f[5]);
                ConvGeometry g = ConvPlan.resolve(ConvOptions.conv2d().padding(Integer.parseInt(f[6])),
                        new int[] {n, c, h, h}, new int[] {co, c, k, k}, null).geometry();
                Random r = new Random(1);
                float[] x = new float[scatter ? g.responseSize() : g.imageSize()];
                float[] wt = new float[g.weightSize()];
                for (float[] t : new float[][] {x, wt}) for (int j = 0; j < t.length; j++) t[j] = (float) r.nextGaussian();
                ConvGeometry run = scatter ? ConvDispatch.flipped(g) : g;
                float[] weight = scatter ? FastConv.flipTransposed(g, wt) : wt;
                long best = Long.MAX_VALUE;
                for (int j = 0; j < reps + 20; j++) {
                    rec.reclaim();
                    long t0 = cpu.getCurrentThreadCpuTime();
                    w.correlate(run, x, weight, tile);
                    long t = cpu.getCurrentThreadCpuTime() - t0;
                    if (j >= 20) best = Math.min(best, t);
                }
                System.out.printf(Locale.ROOT, "1t %-16s %s %s %7.3f%n", f[0], scatter ? "scatter" : "fwd", tile, best / 1e6);
            }
        }
    }
}
