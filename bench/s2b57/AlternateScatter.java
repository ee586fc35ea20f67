import dev.convkit.core.conv.*;
import dev.convkit.core.kernels.*;
import dev.convkit.core.tensor.Storage;
import java.lang.management.*;
import java.util.*;

/**
 * s2b57: the scatter with PhaseSplitConv.S2B57_ADD_BLOCK off and on (the experiment jar's switch, set by reflection)
 * alternating call by call in one JVM, so both sides share the JIT's code and the machine's moment; thread CPU of each
 * call, one thread; prints per side the fastest and the median of ROUNDS calls after 40 warm-ups a side.
 * java --add-modules jdk.incubator.vector -cp exp.jar bench/s2b57/AlternateScatter.java ROUNDS SHAPES...
 */
public class AlternateScatter {
    public static void main(String[] a) throws Exception {
        int rounds = Integer.parseInt(a[0]);
        Parallel.setThreads(1);
        ConvDispatch d = new ConvDispatch(KernelProvider.panama(), 0, true);
        java.lang.reflect.Field flag = Class.forName("dev.convkit.core.conv.PhaseSplitConv").getDeclaredField("S2B57_ADD_BLOCK");
        flag.setAccessible(true);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Storage.Recycler rec = new Storage.Recycler();
        try (Storage.Scope scope = Storage.use(rec)) {
            for (String s : Arrays.copyOfRange(a, 1, a.length)) {
                String[] f = s.split(":");
                int n = Integer.parseInt(f[1]), c = Integer.parseInt(f[2]), h = Integer.parseInt(f[3]), co = Integer.parseInt(f[4]), k = Integer.parseInt(f[5]);
                ConvOptions o = ConvOptions.conv2d().padding(Integer.parseInt(f[6])).stride(Integer.parseInt(f[7]));
                ConvGeometry g = ConvPlan.resolve(o, new int[] {n, c, h, h}, new int[] {co, c, k, k}, null).geometry();
                Random r = new Random(1);
                float[] w = new float[g.weightSize()], y = new float[g.responseSize()];
                for (float[] t : new float[][] {w, y}) for (int i = 0; i < t.length; i++) t[i] = (float) r.nextGaussian();
                double[][] t = new double[2][rounds];
                int[] hash = new int[2];
                for (int i = -40; i < rounds; i++) {
                    for (int side = 0; side < 2; side++) {
                        flag.setBoolean(null, side == 1);
                        rec.reclaim();
                        long t0 = cpu.getCurrentThreadCpuTime();
                        float[] dx = d.scatter(g, y, w);
                        long t1 = cpu.getCurrentThreadCpuTime();
                        if (i >= 0) t[side][i] = (t1 - t0) / 1e6;
                        if (i == rounds - 1) hash[side] = Arrays.hashCode(dx);
                    }
                }
                for (int side = 0; side < 2; side++) Arrays.sort(t[side]);
                System.out.printf(Locale.ROOT, "%-16s multiply(acc) fastest %.3f median %.3f | addBlock fastest %.3f median %.3f | %.3fx / %.3fx  hashes %08x %08x%n",
                        f[0], t[0][0], t[0][rounds / 2], t[1][0], t[1][rounds / 2], t[0][0] / t[1][0], t[0][rounds / 2] / t[1][rounds / 2], hash[0], hash[1]);
            }
        }
    }
}
