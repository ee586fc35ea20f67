// dw55: the lane kernel alone against the stacked rows on one call of all planes, one thread (no tasks):
//   java --add-modules jdk.incubator.vector -cp JAR LaneKernelOnly.java N C HW K PAD  (8 144 8 5 2: 0.117 against 0.111 ms)
import dev.convkit.core.kernels.*;
import java.lang.management.*;

public class LaneKernelOnly {
    public static void main(String[] a) {
        VectorOps ops = KernelProvider.panama().vectorOps();
        int n = Integer.parseInt(a[0]), c = Integer.parseInt(a[1]), hw = Integer.parseInt(a[2]), k = Integer.parseInt(a[3]), pad = Integer.parseInt(a[4]);
        int out = hw + 2 * pad - k + 1;
        float[] x = new float[n * c * hw * hw];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
        float[] w = new float[c * k * k];
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        float[] lw = new float[k * k * (c + 16)];
        VectorOps.laneWeights(w, c, k, false, 16, lw);
        float[] y = new float[n * c * out * out];
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < 6; round++) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 500; i++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                ops.depthwiseLanePlanes(x, hw, hw, pad, pad, k, lw, c + 16, c, y, out, out, 0, n * c);
                best = Math.min(best, cpu.getCurrentThreadCpuTime() - t0);
            }
            long t0 = cpu.getCurrentThreadCpuTime();
            float[] y2 = new float[y.length];
            for (int i = 0; i < 500; i++) {
                ops.depthwiseStackedPlanes(x, hw, hw, pad, pad, k, w, false, c, y2, out, out, 0, n * c, 0, out);
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            System.out.printf("lanes best %.3f ms; stacked avg %.3f ms; same %b%n", best / 1e6, (t1 - t0) / 500 / 1e6, java.util.Arrays.equals(y, y2));
        }
    }
}
