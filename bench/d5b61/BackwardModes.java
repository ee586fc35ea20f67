import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import dev.convkit.core.tensor.Storage;
import java.lang.management.*;
import java.util.*;

/**
 * d5b61: the bench's backward as ConvCpuTime's passes, to find a JVM's "slow mode": SHAPES (ConvCpuTime's syntax) in
 * order in one JVM, each shape's forward then its backward (scatter then weight gradient, alternating a call, as
 * Conv.backward runs them) for WARM calls, then REPS timed calls, at 1 thread by the calling thread's CPU time: prints
 * the fastest and the median of each pass. GC=1: System.gc() after each shape's warm-up (objects move); SEPARATE=1:
 * the timed calls of each pass in a loop of their own (each call after its own pass, caches warm from it).
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xms2g -Xmn1g -cp JAR bench/d5b61/BackwardModes.java WARM REPS SHAPES...
 */
public class BackwardModes {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    public static void main(String[] a) {
        int warm = Integer.parseInt(a[0]), reps = Integer.parseInt(a[1]);
        Parallel.setThreads(1);
        ConvDispatch d = new ConvDispatch(KernelProvider.panama(), 0, true);
        Storage.Recycler rec = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(rec)) {
            for (String s : Arrays.copyOfRange(a, 2, a.length)) {
                String[] f = s.split(":");
                int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]), k = Integer.parseInt(f[5]);
                int groups = f.length > 8 ? Integer.parseInt(f[8]) : 1;
                ConvOptions o = ConvOptions.conv2d().padding(Integer.parseInt(f[6])).stride(f.length > 7 ? Integer.parseInt(f[7]) : 1).groups(groups);
                ConvGeometry g = ConvPlan.resolve(o, new int[] {n, c, h, h}, new int[] {co, c / groups, k, k}, null).geometry();
                Random r = new Random(1);
                float[] x = new float[g.imageSize()], w = new float[g.weightSize()], y = new float[g.responseSize()];
                for (float[] t : new float[][] {x, w, y}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
                for (int i = 0; i < warm; i++) { rec.reclaim(); d.correlate(g, x, w); }
                double[] fw = new double[reps];
                for (int i = 0; i < reps; i++) { rec.reclaim(); long t0 = CPU.getCurrentThreadCpuTime(); d.correlate(g, x, w); fw[i] = (CPU.getCurrentThreadCpuTime() - t0) / 1e6; }
                for (int i = 0; i < warm; i++) { rec.reclaim(); d.scatter(g, y, w); d.weightGradient(g, x, y); }
                if (System.getenv("GC") != null) System.gc();
                double[] sc = new double[reps], wg = new double[reps];
                long b0 = ((com.sun.management.ThreadMXBean) CPU).getCurrentThreadAllocatedBytes();
                if (System.getenv("SEPARATE") != null) { // each pass in a loop of its own, as ConvCpuTime's ONLY=PASS times it
                    for (int i = 0; i < reps; i++) { rec.reclaim(); long t0 = CPU.getCurrentThreadCpuTime(); d.scatter(g, y, w); sc[i] = (CPU.getCurrentThreadCpuTime() - t0) / 1e6; }
                    for (int i = 0; i < reps; i++) { rec.reclaim(); long t0 = CPU.getCurrentThreadCpuTime(); d.weightGradient(g, x, y); wg[i] = (CPU.getCurrentThreadCpuTime() - t0) / 1e6; }
                } else for (int i = 0; i < reps; i++) {
                    rec.reclaim();
                    long t0 = CPU.getCurrentThreadCpuTime();
                    d.scatter(g, y, w);
                    long t1 = CPU.getCurrentThreadCpuTime();
                    d.weightGradient(g, x, y);
                    long t2 = CPU.getCurrentThreadCpuTime();
                    sc[i] = (t1 - t0) / 1e6; wg[i] = (t2 - t1) / 1e6;
                }
                double kb = (((com.sun.management.ThreadMXBean) CPU).getCurrentThreadAllocatedBytes() - b0) / 1e3 / reps;
                System.out.printf(Locale.ROOT, "%-16s fwd %6.3f / %6.3f  scatter %6.3f / %6.3f  wgrad %6.3f / %6.3f  (fastest / median)  bwd %.1f kB a call%n",
                        f[0], min(fw), med(fw), min(sc), med(sc), min(wg), med(wg), kb);
            }
        }
    }
    static double min(double[] v) { return Arrays.stream(v).min().orElse(0); }
    static double med(double[] v) { double[] s = v.clone(); Arrays.sort(s); return s[s.length / 2]; }
}
