import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import java.lang.management.*;
import java.util.*;
// Every live thread's CPU time summed over one call (work plus duplicated work and spinning, not idle time), best
// of reps after 10 warm-ups, and the wall time; forward, input gradient, weight gradient. Args: threads reps ids
public class Cpu2 {
    static final ThreadMXBean T = ManagementFactory.getThreadMXBean();
    static long allCpu() { long s = 0; for (long id : T.getAllThreadIds()) { long c = T.getThreadCpuTime(id); if (c > 0) s += c; } return s; }
    public static void main(String[] a) {
        int threads = Integer.parseInt(a[0]); int reps = Integer.parseInt(a[1]); String only = a[2];
        Parallel.setThreads(threads);
        ConvDispatch d = new ConvDispatch(KernelProvider.panama(), 0, true);
        int[][] shapes = {{8,256,14,256,1}, {8,128,28,128,4}, {4,96,35,96,1}};
        String[] ids = {"r3x3-14", "g4-3x3-28", "r3x3-35x96"};
        for (int s = 0; s < 3; s++) {
            if (!only.contains(ids[s])) continue;
            int[] sh = shapes[s];
            ConvGeometry g = ConvPlan.resolve(ConvOptions.conv2d().padding(1).groups(sh[4]),
                new int[]{sh[0], sh[1], sh[2], sh[2]}, new int[]{sh[3], sh[1]/sh[4], 3, 3}, null).geometry();
            Random r = new Random(1);
            float[] x = new float[(int) g.imageSize()]; float[] w = new float[(int) g.weightSize()]; float[] y = new float[(int) g.responseSize()];
            for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
            for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
            for (int i = 0; i < y.length; i++) y[i] = (float) r.nextGaussian();
            Runnable[] runs = {() -> d.correlate(g, x, w), () -> d.scatter(g, y, w), () -> d.weightGradient(g, x, y)};
            StringBuilder sb = new StringBuilder(ids[s] + " " + threads + "t cpu-sum/wall:");
            for (Runnable run : runs) {
                for (int i = 0; i < 10; i++) run.run();
                long best = Long.MAX_VALUE, bw = Long.MAX_VALUE;
                for (int i = 0; i < reps; i++) { long c0 = allCpu(); long t0 = System.nanoTime(); run.run(); long t1 = System.nanoTime(); long c1 = allCpu(); best = Math.min(best, c1 - c0); bw = Math.min(bw, t1 - t0); }
                sb.append(String.format(Locale.ROOT, " %.2f/%.2f", best / 1e6, bw / 1e6));
            }
            System.out.println(sb);
        }
    }
}
