import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import dev.convkit.core.tensor.Storage;
import java.lang.management.*;
import java.util.*;

/**
 * s2b59 (from s2b57's AlternateScatter): one pass (scatter or wgrad) with an experiment jar's static switch at value A
 * and at value B (set by reflection) alternating call by call in one JVM, so both sides share the JIT's code and the
 * machine's moment; thread CPU of each call at one thread (at more threads the wall clock); per side the fastest and
 * the median of ROUNDS calls after 40 warm-ups a side, and each side's result hash.
 * java --add-modules jdk.incubator.vector -cp exp.jar bench/s2b59/Alternate.java THREADS PASS CLASS FIELD A B ROUNDS SHAPES...
 */
public class Alternate {
    public static void main(String[] a) throws Exception {
        int threads = Integer.parseInt(a[0]);
        String pass = a[1];
        java.lang.reflect.Field flag = Class.forName("dev.convkit.core.conv." + a[2]).getDeclaredField(a[3]);
        flag.setAccessible(true);
        String[] values = {a[4], a[5]};
        int rounds = Integer.parseInt(a[6]);
        Parallel.setThreads(threads);
        ConvDispatch d = new ConvDispatch(KernelProvider.panama(), 0, true);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Storage.Recycler rec = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(rec)) {
            for (String s : Arrays.copyOfRange(a, 7, a.length)) {
                String[] f = s.split(":");
                int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]), k = Integer.parseInt(f[5]);
                ConvOptions o = ConvOptions.conv2d().padding(Integer.parseInt(f[6])).stride(Integer.parseInt(f[7]));
                ConvGeometry g = ConvPlan.resolve(o, new int[] {n, c, h, h}, new int[] {co, c, k, k}, null).geometry();
                Random r = new Random(1);
                float[] x = new float[g.imageSize()], w = new float[g.weightSize()], y = new float[g.responseSize()];
                for (float[] t : new float[][] {x, w, y}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
                double[][] t = new double[2][rounds];
                int[] hash = new int[2];
                for (int i = -40; i < rounds; i++) {
                    for (int side = 0; side < 2; side++) {
                        if (flag.getType() == boolean.class) flag.setBoolean(null, Boolean.parseBoolean(values[side]));
                        else flag.setInt(null, Integer.parseInt(values[side]));
                        rec.reclaim();
                        long t0 = threads == 1 ? cpu.getCurrentThreadCpuTime() : System.nanoTime();
                        float[] out = pass.equals("scatter") ? d.scatter(g, y, w) : d.weightGradient(g, x, y);
                        long t1 = threads == 1 ? cpu.getCurrentThreadCpuTime() : System.nanoTime();
                        if (i >= 0) t[side][i] = (t1 - t0) / 1e6;
                        if (i == rounds - 1) hash[side] = Arrays.hashCode(out);
                    }
                }
                for (int side = 0; side < 2; side++) Arrays.sort(t[side]);
                System.out.printf(Locale.ROOT, "%dt %-16s %s %s=%s fastest %.3f median %.3f | %s fastest %.3f median %.3f | A/B %.3fx / %.3fx  hashes %08x %08x%n",
                        threads, f[0], pass, a[3], values[0], t[0][0], t[0][rounds / 2], values[1], t[1][0], t[1][rounds / 2],
                        t[0][0] / t[1][0], t[0][rounds / 2] / t[1][rounds / 2], hash[0], hash[1]);
            }
        }
    }
}
