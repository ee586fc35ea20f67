import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.VectorOps;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * s2b61: the scatter's copy-out as PhaseSplitConv runs it, VectorOps.interleave2 against interleave2Short on rows of
 * PAIRS pairs: ROWS rows of even and odd phase columns (QW apart, as the scatter's C rows) into image rows of 2 PAIRS + 1,
 * alternating the two forms call by call; ns a row, fastest of ROUNDS, calling thread's CPU; the results compared.
 * java --add-modules jdk.incubator.vector -cp JAR bench/s2b61/InterleaveRate.java ROUNDS PAIRS ROWS
 */
public class InterleaveRate {
    public static void main(String[] args) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int rounds = Integer.parseInt(args[0]);
        int pairs = Integer.parseInt(args[1]);
        int rows = Integer.parseInt(args[2]);
        VectorOps ops = KernelProvider.panama().vectorOps();
        int qw = pairs + 1;
        Random r = new Random(61);
        float[] work = new float[2 * rows * qw + 64];
        for (int i = 0; i < work.length; i++) work[i] = r.nextFloat();
        int w = 2 * pairs + 1;
        float[][] image = {new float[rows * w], new float[rows * w]};
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        for (int round = 0; round < rounds; round++) {
            for (int form = 0; form < 2; form++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                for (int call = 0; call < 200; call++) {
                    float[] img = image[form];
                    for (int row = 0; row < rows; row++) {
                        int even = row * qw;
                        int odd = rows * qw + row * qw;
                        if (form == 0) {
                            ops.interleave2(work, even, work, odd, img, row * w + 1, pairs);
                        } else {
                            ops.interleave2Short(work, even, work, odd, img, row * w + 1, pairs);
                        }
                    }
                }
                best[form] = Math.min(best[form], (cpu.getCurrentThreadCpuTime() - t0) / (200.0 * rows));
            }
        }
        System.out.printf(Locale.ROOT, "pairs %d rows %d: interleave2 %.1f ns a row, interleave2Short %.1f (%.2fx), same floats %b%n",
                pairs, rows, best[0], best[1], best[0] / best[1], java.util.Arrays.equals(image[0], image[1]));
    }
}
