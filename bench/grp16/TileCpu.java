package dev.convkit.core.conv;

import dev.convkit.core.kernels.*;
import dev.convkit.core.tensor.Storage;
import java.lang.management.*;
import java.util.*;

/**
 * grp16: one 3×3 stride-1 forward by a forced path (F(4×4), F(2×2) or the GEMM), whatever the dispatch picks; at one
 * thread the calling thread's CPU time, at more the wall clock, fastest of REPS calls after 20 warm-ups. In the
 * package for the kernels' package-private entry points, so compiled against the jar, not run as a source file:
 *
 * <pre>
 * javac --add-modules jdk.incubator.vector -cp convkit-cli/target/convkit.jar -d /tmp/tilecpu bench/grp16/TileCpu.java
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp /tmp/tilecpu:convkit-cli/target/convkit.jar \
 *     dev.convkit.core.conv.TileCpu THREADS REPS w4|w2|gemm id:N:Cin:HW:Cout:K:padding[:stride[:groups]]
 * </pre>
 * (FLIP=1: the input gradient's correlation, the flipped geometry, instead.) One JVM per shape and mode.
 */
public class TileCpu {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    public static void main(String[] a) {
        int threads = Integer.parseInt(a[0]), reps = Integer.parseInt(a[1]);
        String mode = a[2];
        Parallel.setThreads(threads);
        KernelProvider p = KernelProvider.panama();
        WinogradConv wc = new WinogradConv(p.microKernel(), p.vectorOps());
        FastConv fc = new FastConv(p.microKernel());
        String[] f = a[3].split(":");
        int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]), k = Integer.parseInt(f[5]);
        int groups = f.length > 8 ? Integer.parseInt(f[8]) : 1;
        ConvOptions o = ConvOptions.conv2d().padding(Integer.parseInt(f[6])).stride(f.length > 7 ? Integer.parseInt(f[7]) : 1).groups(groups);
        ConvGeometry g0 = ConvPlan.resolve(o, new int[] {n, c, h, h}, new int[] {co, c / groups, k, k}, null).geometry();
        boolean scatter = System.getenv("FLIP") != null;
        ConvGeometry g = scatter ? ConvDispatch.flipped(g0) : g0;
        Random r = new Random(1);
        float[] x = new float[g.imageSize()], w = new float[g.weightSize()];
        for (float[] t : new float[][] {x, w}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
        Runnable call = mode.equals("gemm") ? () -> fc.correlate(g, x, w)
                : () -> wc.correlate(g, x, w, mode.equals("w4") ? WinogradConv.Tile.F4 : WinogradConv.Tile.F2);
        Storage.Recycler rec = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(rec)) {
            for (int i = 0; i < 20; i++) { rec.reclaim(); call.run(); }
            long best = Long.MAX_VALUE;
            for (int i = 0; i < reps; i++) {
                rec.reclaim();
                long t0 = threads == 1 ? CPU.getCurrentThreadCpuTime() : System.nanoTime();
                call.run();
                best = Math.min(best, (threads == 1 ? CPU.getCurrentThreadCpuTime() : System.nanoTime()) - t0);
            }
            System.out.printf(Locale.ROOT, "%dt %-14s %-4s %7.3f  (dispatch tile %d)%n", threads, f[0], mode, best / 1e6, ConvDispatch.winogradTile(g));
        }
    }
}
