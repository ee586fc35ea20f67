import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.VectorOps;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * s2f14: thread CPU time of one {@link VectorOps#splitEvenOdd} call on L1-resident rows, n pairs (28: a phase row of
 * r3x3-s2-57's split, 16 and 32: whole vectors), three rounds:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp convkit-cli/target/convkit.jar bench/s2f14/SplitEvenOddCpu.java
 * </pre>
 */
public class SplitEvenOddCpu {
    public static void main(String[] args) {
        VectorOps ops = KernelProvider.panama().vectorOps();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        float[] x = new float[4096];
        float[] even = new float[2048];
        float[] odd = new float[2048];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        int calls = 20_000_000;
        for (int round = 0; round < 3; round++) {
            for (int n : new int[] {16, 28, 32}) {
                long t0 = cpu.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) {
                    int off = (i & 31) * 64;
                    ops.splitEvenOdd(x, off + 1, even, off / 2, odd, off / 2 + 960, n);
                }
                System.out.printf(Locale.ROOT, "n=%d %.2f ns a call%n", n,
                        (cpu.getCurrentThreadCpuTime() - t0) / (double) calls);
            }
        }
    }
}
