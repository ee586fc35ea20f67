import dev.convkit.core.kernels.*;
import java.lang.management.*;
import java.util.*;

/**
 * grp57 (grp50's, 30 rounds of 20 tasks): the grouped lanes kernel's rate (VectorOps.convGroupLaneRows) on one task of correlateGroupLanes' loop, to tell
 * the kernel's own limit from the cache's: a group of CG image channels in a zero-padded band of BAND_ROWS rows of PITCH
 * floats, the weights packed [reduction index][WIDTH lanes], response rows of ROW_WIDTH positions in tiles of COUNT,
 * reduction blocks of KC (256) in order, thread CPU of REPS repetitions of the task, GFLOP/s of the multiply-adds:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp convkit.jar bench/grp57/LaneKernelRate.java \
 *     CG ROW_WIDTH ROWS KW WIDTH COUNT [MODE]
 * </pre>
 * MODE task (the task's rows × tiles × blocks, rows outer), kcouter (blocks outer), hot (one tile's first call again
 * and again: weights and band lines in L1 after the first, the kernel's own limit).
 */
public class LaneKernelRate {
    public static void main(String[] a) {
        int cg = Integer.parseInt(a[0]), rowWidth = Integer.parseInt(a[1]), rows = Integer.parseInt(a[2]);
        int kw = Integer.parseInt(a[3]), width = Integer.parseInt(a[4]), count = Integer.parseInt(a[5]);
        String mode = a.length > 6 ? a[6] : "task";
        int kc = 256;
        VectorOps ops = KernelProvider.panama().vectorOps();
        int pitch = rowWidth + kw - 1, bandRows = rows + kw - 1, band = bandRows * pitch;
        int kv = kw * kw, k = cg * kv;
        int sums = rows * rowWidth * width;
        float[] work = new float[sums + cg * band + 64];
        Random r = new Random(1);
        for (int i = sums; i < work.length; i++) work[i] = (float) r.nextGaussian();
        int[] koff = new int[k];
        for (int ci = 0, kk = 0; ci < cg; ci++) for (int ky = 0; ky < kw; ky++) for (int kx = 0; kx < kw; kx++) koff[kk++] = sums + ci * band + ky * pitch + kx;
        float[] w = new float[k * width];
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        int tiles = (rowWidth + count - 1) / count;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double bestNs = Double.MAX_VALUE;
        long flops = 0;
        for (int round = 0; round < 30; round++) {
            long t0 = cpu.getCurrentThreadCpuTime();
            long f = 0;
            for (int rep = 0; rep < 20; rep++) {
                if (mode.equals("hot")) {
                    for (int k0 = 0; k0 < Math.min(kc, 27); k0 += 27) {
                        for (int i = 0; i < 21; i++) {
                            ops.convGroupLaneRows(work, 0, count, koff, 0, 27, kw, w, 0, width, work, 0, false);
                            f += 2L * count * width * 27;
                        }
                    }
                    continue;
                }
                if (mode.equals("kcouter")) {
                    for (int k0 = 0; k0 < k; k0 += kc) for (int y = 0; y < rows; y++) for (int t = 0; t < tiles; t++) {
                        int x0 = t * rowWidth / tiles, n = (t + 1) * rowWidth / tiles - x0;
                        ops.convGroupLaneRows(work, y * pitch + x0, n, koff, k0, Math.min(kc, k - k0), kw, w, k0 * width, width, work, (y * rowWidth + x0) * width, k0 > 0);
                        f += 2L * n * width * Math.min(kc, k - k0);
                    }
                    continue;
                }
                for (int y = 0; y < rows; y++) for (int t = 0; t < tiles; t++) {
                    int x0 = t * rowWidth / tiles, n = (t + 1) * rowWidth / tiles - x0;
                    for (int k0 = 0; k0 < k; k0 += kc) {
                        ops.convGroupLaneRows(work, y * pitch + x0, n, koff, k0, Math.min(kc, k - k0), kw, w, k0 * width, width, work, (y * rowWidth + x0) * width, k0 > 0);
                        f += 2L * n * width * Math.min(kc, k - k0);
                    }
                }
            }
            long ns = cpu.getCurrentThreadCpuTime() - t0;
            if (ns < bestNs) bestNs = ns;
            flops = f;
        }
        System.out.printf(Locale.ROOT, "cg %d row %d rows %d kw %d width %d count %d %s: %.1f GFLOP/s (%.3f ms for %d tasks)%n",
                cg, rowWidth, rows, kw, width, count, mode, flops / bestNs, bestNs / 1e6, 20);
    }
}
