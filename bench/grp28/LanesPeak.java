import dev.convkit.core.kernels.*;
import java.lang.management.*;
import java.util.*;

/**
 * grp28: the raw speed of VectorOps.convGroupLanes (grp27's lanes kernel) in L1, no padding or transposes:
 * GFLOP/s of thread CPU for POSITIONS positions × KC reduction indices (3x3 taps of 16 channels on a 15-wide band).
 * ROWS=3: the row kernel (convGroupLaneRows, each input value broadcast once for a row's 3 taps).
 * java --add-modules jdk.incubator.vector -cp JAR bench/grp28/LanesPeak.java [positions...]
 */
public class LanesPeak {
    public static void main(String[] a) {
        VectorOps ops = KernelProvider.panama().vectorOps();
        int rows = System.getenv("ROWS") == null ? 0 : Integer.parseInt(System.getenv("ROWS"));
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int pitch = 16, cg = 16, kv = 9, k = cg * kv;
        float[] x = new float[cg * pitch * 16 + 64];
        float[] w = new float[k * 16];
        float[] out = new float[16 * 14];
        Random r = new Random(1);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        int[] taps = new int[k];
        for (int kk = 0; kk < k; kk++) taps[kk] = kk / kv * pitch * 16 + (kk % kv) / 3 * pitch + kk % 3;
        int[] ps = a.length > 0 ? Arrays.stream(a).mapToInt(Integer::parseInt).toArray() : new int[] {13, 14, 9, 11, 7};
        for (int round = 0; round < 3; round++) {
            for (int p : ps) {
                int calls = 20000;
                long best = Long.MAX_VALUE;
                for (int rep = 0; rep < 10; rep++) {
                    long t0 = cpu.getCurrentThreadCpuTime();
                    for (int c = 0; c < calls; c++) {
                        if (rows > 0) ops.convGroupLaneRows(x, c & 7, p, taps, 0, k, rows, w, 0, 16, out, 0, false);
                        else ops.convGroupLanes(x, c & 7, p, taps, 0, k, w, 0, 16, out, 0, false);
                    }
                    best = Math.min(best, cpu.getCurrentThreadCpuTime() - t0);
                }
                double flops = 2.0 * 16 * p * k * calls;
                System.out.printf(Locale.ROOT, "round %d positions %2d: %.1f GFLOP/s%n", round, p, flops / best);
            }
        }
    }
}
