import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import java.lang.management.*;
import java.util.*;

public class Bench {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    public static void main(String[] a) {
        int threads = Integer.parseInt(a[0]);
        int reps = Integer.parseInt(a[1]);
        String only = a.length > 2 ? a[2] : "";
        Parallel.setThreads(threads);
        KernelProvider p = KernelProvider.panama();
        ConvDispatch d = new ConvDispatch(p, 0, !(a.length > 3 && a[3].equals("exact")));
        int[][] shapes = {{8,256,14,256,1}, {8,128,28,128,4}, {4,96,35,96,1}};
        String[] ids = {"r3x3-14", "g4-3x3-28", "r3x3-35x96"};
        for (int s = 0; s < shapes.length; s++) {
            if (!only.isEmpty() && !only.contains(ids[s])) continue;
            int[] sh = shapes[s];
            int groups = sh[4];
            ConvGeometry g = ConvPlan.resolve(ConvOptions.conv2d().padding(1).groups(groups),
                new int[]{sh[0], sh[1], sh[2], sh[2]}, new int[]{sh[3], sh[1]/groups, 3, 3}, null).geometry();
            Random r = new Random(1);
            float[] x = new float[(int) g.imageSize()]; float[] w = new float[(int) g.weightSize()]; float[] y = new float[(int) g.responseSize()];
            for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
            for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
            for (int i = 0; i < y.length; i++) y[i] = (float) r.nextGaussian();
            double gf = 2.0 * g.macs() / 1e6;
            double[] f = time(() -> d.correlate(g, x, w), threads, reps);
            double[] b1 = time(() -> d.scatter(g, y, w), threads, reps);
            double[] b2 = time(() -> d.weightGradient(g, x, y), threads, reps);
            System.out.printf(Locale.ROOT, "%s %dt fwd %.2f (%.0f GF/s) igrad %.2f wgrad %.2f bwd %.2f | cpu fwd %.2f ig %.2f wg %.2f%n",
                ids[s], threads, f[0], gf / f[0], b1[0], b2[0], b1[0] + b2[0], f[1], b1[1], b2[1]);
        }
    }
    // [0]: 1t: thread cpu ms; 2t: wall ms. [1]: cpu ms (thread for 1t; process for 2t)
    static double[] time(Runnable run, int threads, int reps) {
        for (int i = 0; i < 3; i++) run.run();
        long best = Long.MAX_VALUE, bestCpu = Long.MAX_VALUE;
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int i = 0; i < reps; i++) {
            long c0 = threads == 1 ? CPU.getCurrentThreadCpuTime() : os.getProcessCpuTime();
            long t0 = System.nanoTime();
            run.run();
            long t1 = System.nanoTime();
            long c1 = threads == 1 ? CPU.getCurrentThreadCpuTime() : os.getProcessCpuTime();
            best = Math.min(best, threads == 1 ? c1 - c0 : t1 - t0);
            bestCpu = Math.min(bestCpu, c1 - c0);
        }
        return new double[]{best / 1e6, bestCpu / 1e6};
    }
}
