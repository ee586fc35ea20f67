import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import dev.convkit.core.tensor.Storage;
import java.lang.management.*;
import java.util.*;

/**
 * s2b48: ConvCpuTime's ALLOC=1 for one pass only (PASS=fwd|scatter|wgrad, default wgrad), so a fresh JVM per shape
 * compiles and runs just the pass that changed: kB the calling thread allocates per call over REPS calls after 20,
 * one thread (WARM calls first, default 20). Shapes as ConvCpuTime's (id:N:Cin:HW:Cout:K:pad[:stride[:groups]]).
 */
public class AllocPass {
    public static void main(String[] a) {
        int reps = Integer.parseInt(a[0]);
        String pass = System.getenv().getOrDefault("PASS", "wgrad");
        Parallel.setThreads(1);
        ConvDispatch d = new ConvDispatch(KernelProvider.panama(), 0, true);
        Storage.Recycler rec = new Storage.Recycler();
        com.sun.management.ThreadMXBean bytes = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (Storage.Scope scope = Storage.use(rec)) {
            for (String s : Arrays.copyOfRange(a, 1, a.length)) {
                String[] f = s.split(":");
                int groups = f.length > 8 ? Integer.parseInt(f[8]) : 1;
                ConvOptions o = ConvOptions.conv2d().padding(Integer.parseInt(f[6]))
                        .stride(f.length > 7 ? Integer.parseInt(f[7]) : 1).groups(groups);
                int c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), k = Integer.parseInt(f[5]);
                ConvGeometry g = ConvPlan.resolve(o, new int[] {Integer.parseInt(f[1]), c, h, h},
                        new int[] {Integer.parseInt(f[4]), c / groups, k, k}, null).geometry();
                Random r = new Random(1);
                float[] x = new float[g.imageSize()], w = new float[g.weightSize()], y = new float[g.responseSize()];
                for (float[] t : new float[][] {x, w, y}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
                Runnable call = pass.equals("fwd") ? () -> d.correlate(g, x, w)
                        : pass.equals("scatter") ? () -> d.scatter(g, y, w) : () -> d.weightGradient(g, x, y);
                int warm = Integer.parseInt(System.getenv().getOrDefault("WARM", "20"));
                for (int i = 0; i < warm; i++) { rec.reclaim(); call.run(); }
                long b0 = bytes.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < reps; i++) { rec.reclaim(); call.run(); }
                System.out.printf(Locale.ROOT, "%-28s %s kB a call %.1f%n", f[0], pass,
                        (bytes.getCurrentThreadAllocatedBytes() - b0) / 1e3 / reps);
            }
        }
    }
}
