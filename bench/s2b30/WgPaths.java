package dev.convkit.core.conv;

import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.Parallel;
import dev.convkit.core.tensor.Storage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * s2b30: the 3x3 stride-2 weight gradient's three phase-split forms side by side on one shape (package-private
 * methods, so compiled into the jar's package: javac -cp JAR -d DIR WgPaths.java; java -cp JAR:DIR ...):
 * tapRows (taps in place as A, the transposed response as B), tapsGathered (response rows in place as A, the taps
 * gathered into B strips) and the dots; fastest call's thread CPU at 1 thread, and the hash of each result.
 * Usage: WgPaths THREADS REPS id:N:Cin:HW:Cout:K:pad[:stride] ...
 */
public class WgPaths {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] a) {
        int threads = Integer.parseInt(a[0]);
        int reps = Integer.parseInt(a[1]);
        Parallel.setThreads(threads);
        KernelProvider p = KernelProvider.panama();
        PhaseSplitWeightGradient wg = new PhaseSplitWeightGradient(p.microKernel(), p.vectorOps());
        String which = System.getenv().getOrDefault("PATHS", "rows,gathered");
        Storage.Recycler rec = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(rec)) {
            for (int si = 2; si < a.length; si++) {
                String[] f = a[si].split(":");
                int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]);
                int co = Integer.parseInt(f[4]), k = Integer.parseInt(f[5]);
                ConvOptions o = ConvOptions.conv2d().padding(Integer.parseInt(f[6])).stride(f.length > 7 ? Integer.parseInt(f[7]) : 2);
                ConvGeometry g = ConvPlan.resolve(o, new int[] {n, c, h, h}, new int[] {co, c, k, k}, null).geometry();
                Random r = new Random(1);
                float[] x = new float[g.imageSize()], y = new float[g.responseSize()];
                for (float[] t : new float[][] {x, y}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%dt %-14s", threads, f[0]));
                for (String path : which.split(",")) {
                    Supplier<float[]> call = switch (path) {
                        case "rows" -> () -> wg.weightGradientTapRows(g, x, y);
                        case "gathered" -> () -> wg.weightGradientTapsGathered(g, x, y);
                        case "dots" -> () -> wg.weightGradientDots(g, x, y);
                        default -> () -> wg.weightGradient(g, x, y);
                    };
                    int hash = Arrays.hashCode(call.get());
                    for (int i = 0; i < 30; i++) { rec.reclaim(); call.get(); }
                    long best = Long.MAX_VALUE;
                    for (int i = 0; i < reps; i++) {
                        rec.reclaim();
                        long t0 = threads == 1 ? CPU.getCurrentThreadCpuTime() : System.nanoTime();
                        call.get();
                        best = Math.min(best, (threads == 1 ? CPU.getCurrentThreadCpuTime() : System.nanoTime()) - t0);
                    }
                    line.append(String.format(Locale.ROOT, "  %s %7.3f (%08x)", path, best / 1e6, hash));
                }
                System.out.println(line);
            }
        }
    }
}
