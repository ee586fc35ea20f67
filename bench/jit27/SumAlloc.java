import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.VectorOps;
import java.lang.management.ManagementFactory;

/** Bytes allocated per call of the batch-norm sums after warm-up (n 196 and 784 alternating). */
public class SumAlloc {
    public static void main(String[] a) {
        VectorOps ops = KernelProvider.panama().vectorOps();
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        float[] x = new float[800], y = new float[800], o = new float[800], out = new float[2];
        for (int i = 0; i < 800; i++) { x[i] = i % 7 - 3; y[i] = i % 5; o[i] = i % 3 - 1; }
        for (int round = 0; round < 4; round++) {
            long b0 = mx.getCurrentThreadAllocatedBytes();
            long t0 = System.nanoTime();
            for (int k = 0; k < 200000; k++) {
                int n = (k & 1) == 0 ? 196 : 784;
                ops.sumAndCenteredDot(x, 0, y, 0, 0.5f, n, out, 0);
                ops.reluSumAndCenteredDot(x, 0, o, 0, y, 0, 0.5f, n, out, 0);
            }
            System.out.printf("round %d: %.1f B/call, %.0f ns/pair%n", round, (mx.getCurrentThreadAllocatedBytes() - b0) / 400000.0, (System.nanoTime() - t0) / 200000.0);
        }
    }
}
