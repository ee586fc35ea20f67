import dev.convkit.core.kernels.*;
import java.lang.management.*;

/**
 * p1f50: the micro-kernel's GFLOP/s of thread CPU as the 1×1 forward across the images calls it: 16 B strips of
 * 256 × NR (one in L1 at a time), ROWS/MR A strips of 256 × MR (from L2), C rows 528 floats apart; each mode the
 * fastest of 400 sweeps. store: multiply, C = A·B; add: multiply accumulating (train48's carried runs); block:
 * multiplyAddBlock (one loop, then C added); half: multiplyHalf (counted as full strips' flops).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp convkit-cli/target/convkit.jar bench/p1f50/MicroRate.java ROWS
 * </pre>
 */
public class MicroRate {
    public static void main(String[] args) {
        MicroKernel mk = KernelProvider.panama().microKernel();
        int mr = mk.mr(), nr = mk.nr(), kc = 256, rows = Integer.parseInt(args[0]), ldc = 528;
        float[] a = new float[rows * kc];
        float[] b = new float[kc * nr * 16];
        float[] c = new float[rows * ldc];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (String mode : new String[] {"store", "add", "block", "half", "store", "add", "block", "half"}) {
            double best = 1e18;
            for (int rep = 0; rep < 400; rep++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                for (int ns = 0; ns < 16; ns++) {
                    for (int ms = 0; ms < rows / mr; ms++) {
                        int aOff = ms * kc * mr, bOff = ns * kc * nr, cOff = ms * mr * ldc + ns * nr;
                        switch (mode) {
                            case "store" -> mk.multiply(kc, a, aOff, b, bOff, c, cOff, ldc, false);
                            case "add" -> mk.multiply(kc, a, aOff, b, bOff, c, cOff, ldc, true);
                            case "block" -> mk.multiplyAddBlock(kc, a, aOff, b, bOff, c, cOff, ldc);
                            default -> mk.multiplyHalf(kc, a, aOff, b, bOff, c, cOff, ldc, false);
                        }
                    }
                }
                best = Math.min(best, cpu.getCurrentThreadCpuTime() - t0);
            }
            double flops = 2.0 * 16 * (rows / mr) * mr * nr * kc;
            System.out.printf("%-6s rows %d: %.1f us, %.0f GFLOP/s%n", mode, rows, best / 1e3, flops / best);
        }
    }
}
