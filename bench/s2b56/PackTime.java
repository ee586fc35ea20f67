import dev.convkit.core.kernels.*;
import java.lang.management.*;
import java.lang.reflect.*;
import java.util.*;

/**
 * s2b56: the stride-2 input gradient's 3×3 sub-kernel pack alone, the phase-at-a-time pack (main's) against the
 * strip-at-a-time one, alternating in one JVM, the calling thread's CPU time of a whole pack (every strip and phase),
 * fastest of REPS after 200 warm-ups each; reflection on the package-private methods (classpath, no modules):
 *
 *   java --add-modules jdk.incubator.vector -cp convkit.jar bench/s2b56/PackTime.java REPS CIN:M ...
 */
public class PackTime {
    public static void main(String[] a) throws Exception {
        int reps = Integer.parseInt(a[0]);
        KernelProvider p = KernelProvider.panama();
        Class<?> c = Class.forName("dev.convkit.core.conv.PhaseSplitConv");
        Constructor<?> k = c.getDeclaredConstructor(MicroKernel.class, VectorOps.class);
        k.setAccessible(true);
        Object conv = k.newInstance(p.microKernel(), p.vectorOps());
        Method byPhase = c.getDeclaredMethod("packSubKernel", float[].class, int.class, int.class, int.class, int.class,
                int.class, int.class, int.class, float[].class, int.class);
        Method byStrip = c.getDeclaredMethod("packSubKernels3x3", float[].class, int.class, int.class, int.class,
                float[].class, int[].class);
        byPhase.setAccessible(true);
        byStrip.setAccessible(true);
        int mr = p.microKernel().mr();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (String s : Arrays.copyOfRange(a, 1, a.length)) {
            int cin = Integer.parseInt(s.split(":")[0]), m = Integer.parseInt(s.split(":")[1]);
            float[] w = new float[m * cin * 9];
            Random r = new Random(1);
            for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
            int mp = (cin + mr - 1) / mr * mr;
            int[] aOff = new int[5];
            int[] taps = {4, 2, 2, 1};
            for (int ph = 0; ph < 4; ph++) aOff[ph + 1] = aOff[ph] + mp * m * taps[ph];
            float[] p1 = new float[aOff[4]], p2 = new float[aOff[4]];
            long best1 = Long.MAX_VALUE, best2 = Long.MAX_VALUE;
            for (int rep = -200; rep < reps; rep++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                for (int st = 0; st < mp / mr; st++)
                    for (int ph = 0; ph < 4; ph++) byPhase.invoke(conv, w, cin, m, 3, 3, ph >> 1, ph & 1, st, p1, aOff[ph]);
                long t1 = cpu.getCurrentThreadCpuTime();
                for (int st = 0; st < mp / mr; st++) byStrip.invoke(conv, w, cin, m, st, p2, aOff);
                long t2 = cpu.getCurrentThreadCpuTime();
                if (rep >= 0) { best1 = Math.min(best1, t1 - t0); best2 = Math.min(best2, t2 - t1); }
            }
            System.out.printf(Locale.ROOT, "pack cin %d m %d (%d weights): by phase %.3f ms, by strip %.3f ms (%.2fx), same %b%n",
                    cin, m, w.length, best1 / 1e6, best2 / 1e6, (double) best1 / best2, Arrays.equals(p1, p2));
        }
    }
}
