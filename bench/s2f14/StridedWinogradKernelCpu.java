import dev.convkit.core.kernels.KernelProvider;
import dev.convkit.core.kernels.MicroKernel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.Random;

/**
 * s2f14: the micro-kernel work alone of a 3×3 stride-2 forward, N8 × 64 → 128 on an OH × OH response, two ways,
 * thread CPU time of one call's worth, fastest of REPS (no split, no packing, no transforms: what each way's
 * multiplications cost on this machine):
 * <ul>
 *   <li>direct, as {@code PhaseSplitConv.correlateKeptColumns} runs it: per image two tiles of column strips
 *       (⌈OH²/32⌉ strips an image), K = 9 · 64 = 576 in three blocks of 192, 16 register-tile rows of Cout;</li>
 *   <li>a strided F(2×2, 3×3) (not in the library): per axis the stride-2 3-tap correlation of two outputs over five
 *       inputs x0..x4 is F(2, 2) on the even phase (x0, x2, x4: points x0 - x2, x2, x4 - x2 against w0, w0 + w2, w2)
 *       plus the odd phase (x1, x3 against w1), 5 points; 5 × 5 = 25 products per 2 × 2 outputs and channel pair
 *       instead of 36. Here: per strip of 32 tiles (⌈OH/2⌉² tiles an image, strips across the batch), per point, K = 64,
 *       U_p (128 × 64, 25 of them: 819 KB) over V_p (64 × 32) into C_p.</li>
 * </ul>
 * <pre>
 * java --add-modules jdk.incubator.vector -cp convkit-cli/target/convkit.jar bench/s2f14/StridedWinogradKernelCpu.java 20 28
 * </pre>
 */
public class StridedWinogradKernelCpu {
    public static void main(String[] args) {
        MicroKernel mk = KernelProvider.panama().microKernel();
        int reps = Integer.parseInt(args[0]);
        int oh = Integer.parseInt(args[1]);
        int batch = 8;
        int cin = 64;
        int cout = 128;
        int mr = mk.mr();
        int nr = mk.nr();
        int k = 9 * cin;
        int kc = k / 3;
        int ldc = 512 + 16;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Random r = new Random(1);
        float[] a = gaussian(r, cout * k);
        float[] b = gaussian(r, kc * nr * 16);
        float[] c = new float[cout * ldc];
        int strips = (oh * oh + nr - 1) / nr;
        int tiles = batch * ((oh + 1) / 2) * ((oh + 1) / 2);
        int wStrips = (tiles + nr - 1) / nr;
        int skew = 16; // point matrices off one cache set, as WinogradConv's
        float[] u = gaussian(r, 25 * (cout * cin + skew));
        float[] v = gaussian(r, 25 * (cin * nr + skew));
        float[] m = new float[25 * (cout * nr + skew)];
        double bestDirect = Double.MAX_VALUE;
        double bestStrided = Double.MAX_VALUE;
        for (int rep = 0; rep < reps + 5; rep++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            for (int n = 0; n < batch; n++) {
                for (int tile = 0; tile < 2; tile++) {
                    int s = (tile + 1) * strips / 2 - tile * strips / 2;
                    for (int blk = 0; blk < 3; blk++) {
                        for (int ns = 0; ns < s; ns++) {
                            for (int ms = 0; ms < cout / mr; ms++) {
                                mk.multiply(kc, a, ms * k * mr + blk * kc * mr, b, ns % 16 * kc * nr, c,
                                        ms * mr * ldc + ns * nr, ldc, blk > 0);
                            }
                        }
                    }
                }
            }
            long t1 = cpu.getCurrentThreadCpuTime();
            for (int s = 0; s < wStrips; s++) {
                for (int p = 0; p < 25; p++) {
                    for (int ms = 0; ms < cout / mr; ms++) {
                        mk.multiply(cin, u, p * (cout * cin + skew) + ms * cin * mr, v, p * (cin * nr + skew), m,
                                p * (cout * nr + skew) + ms * mr * nr, nr, false);
                    }
                }
            }
            long t2 = cpu.getCurrentThreadCpuTime();
            if (rep >= 5) {
                bestDirect = Math.min(bestDirect, (t1 - t0) / 1e6);
                bestStrided = Math.min(bestStrided, (t2 - t1) / 1e6);
            }
        }
        System.out.printf(Locale.ROOT, "oh %d: direct %.3f ms (%d columns an image), strided F(2x2) %.3f ms (%d tiles, %d strips)%n",
                oh, bestDirect, strips * nr, bestStrided, tiles, wStrips);
    }

    private static float[] gaussian(Random r, int length) {
        float[] t = new float[length];
        for (int i = 0; i < length; i++) {
            t[i] = (float) r.nextGaussian();
        }
        return t;
    }
}
