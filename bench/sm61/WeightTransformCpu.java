import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.VectorOps;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * sm61: the F(4×4) 3×3 weight transform alone (VectorOps.winogradWeights, the forward's layout), thread CPU of one call's
 * worth of strips (COUT / 8 strips of CIN channels), fastest of BATCHES batches of REPS; an array hash for the bits.
 * java --add-modules jdk.incubator.vector [-Dsm61.tapsAhead=N] -cp JAR bench/sm61/WeightTransformCpu.java CIN COUT REPS BATCHES
 */
public class WeightTransformCpu {
    public static void main(String[] a) {
        int cin = Integer.parseInt(a[0]), cout = Integer.parseInt(a[1]), reps = Integer.parseInt(a[2]), batches = Integer.parseInt(a[3]);
        VectorOps ops = KernelProvider.panama().vectorOps();
        int mr = 8, coutP = (cout + mr - 1) / mr * mr, pointFloats = coutP * cin + 16;
        float[] w = new float[cout * cin * 9];
        Random r = new Random(1);
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        float[] u = new float[36 * pointFloats];
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        for (int b = 0; b < batches; b++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int k = 0; k < reps; k++) {
                for (int co0 = 0; co0 < coutP; co0 += mr) {
                    ops.winogradWeights(4, w, co0 * cin * 9, cin * 9, 9, 1, Math.min(mr, cout - co0), cin, u, co0 * cin, mr, pointFloats);
                }
            }
            best = Math.min(best, cpu.getCurrentThreadCpuTime() - t0);
        }
        System.out.printf(Locale.ROOT, "weights %d x %d: %.1f us a call (tapsAhead %s) hash %08x%n", cin, cout, best / 1e3 / reps,
                System.getProperty("sm61.tapsAhead", "0"), java.util.Arrays.hashCode(u));
    }
}
